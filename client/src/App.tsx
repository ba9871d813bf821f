// Placeholder home page: sign up, sign in and out against the real API. The full app comes next.
import { type FormEvent, useEffect, useState } from 'react';
import { api, errorMessage, type User } from './api/client.js';

type Mode = 'signin' | 'signup';

export function App() {
  const [user, setUser] = useState<User | null>(null);
  const [mode, setMode] = useState<Mode>('signup');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.GET('/api/v1/me').then(({ data }) => setUser(data?.user ?? null));
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? '');
    setBusy(true);
    setError(null);
    const { data, error: failure } =
      mode === 'signup'
        ? await api.POST('/api/v1/auth/register', {
            body: {
              email: field('email'),
              password: field('password'),
              handle: field('handle'),
              displayName: field('displayName'),
            },
          })
        : await api.POST('/api/v1/auth/login', {
            body: { email: field('email'), password: field('password') },
          });
    setBusy(false);
    if (data) setUser(data.user);
    else setError(errorMessage(failure));
  }

  async function signOut() {
    await api.POST('/api/v1/auth/logout');
    setUser(null);
  }

  return (
    <main className="page">
      <header>
        <h1>VidStream</h1>
        <p className="tagline">Upload, stream and share video — on your own server.</p>
      </header>
      {user ? (
        <section className="card" aria-live="polite">
          <p>
            Signed in as <strong>@{user.handle}</strong> ({user.displayName})
          </p>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </section>
      ) : (
        <section className="card">
          <div className="tabs" role="tablist" aria-label="Account">
            {(['signup', 'signin'] as const).map((tab) => (
              <button
                key={tab}
                type="button"
                role="tab"
                aria-selected={mode === tab}
                onClick={() => setMode(tab)}
              >
                {tab === 'signup' ? 'Create account' : 'Sign in'}
              </button>
            ))}
          </div>
          <form onSubmit={submit}>
            <label>
              Email
              <input name="email" type="email" autoComplete="email" required />
            </label>
            <label>
              Password
              <input
                name="password"
                type="password"
                autoComplete={mode === 'signup' ? 'new-password' : 'current-password'}
                minLength={mode === 'signup' ? 8 : undefined}
                required
              />
            </label>
            {mode === 'signup' && (
              <>
                <label>
                  Handle
                  <input name="handle" pattern="[A-Za-z0-9_][A-Za-z0-9_.\-]{2,29}" required />
                </label>
                <label>
                  Display name
                  <input name="displayName" maxLength={60} required />
                </label>
              </>
            )}
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" disabled={busy}>
              {mode === 'signup' ? 'Create account' : 'Sign in'}
            </button>
          </form>
        </section>
      )}
    </main>
  );
}
