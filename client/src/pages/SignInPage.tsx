// Sign in with email and password.
import { Link, useSearchParams } from 'react-router';
import { signIn } from '../api/session.js';
import { usePageTitle } from '../layout/usePageTitle.js';
import { useAccountForm } from '../session/useAccountForm.js';

export function SignInPage() {
  usePageTitle('Sign in');
  const [params] = useSearchParams();
  const { submit, error, busy } = useAccountForm((field) =>
    signIn({ email: field('email'), password: field('password') }),
  );
  return (
    <section className="narrow-page card">
      <h1>Sign in</h1>
      <form onSubmit={submit} className="form">
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button-primary" disabled={busy}>
          Sign in
        </button>
      </form>
      <p>
        New here? <Link to={`/signup?${params}`}>Create an account</Link>
      </p>
    </section>
  );
}
