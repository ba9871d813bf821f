// Create an account, which also creates its channel; or read that this instance takes none, or that the
// account will await an administrator's approval.
import { Link, useSearchParams } from 'react-router';
import { useInstance } from '../api/instance.js';
import { signUp } from '../api/session.js';
import { usePageTitle } from '../layout/usePageTitle.js';
import { useAccountForm } from '../session/useAccountForm.js';

export function SignUpPage() {
  usePageTitle('Create an account');
  const [params] = useSearchParams();
  const signUps = useInstance().data?.signUps;
  const { submit, error, busy, awaitingApproval } = useAccountForm((field) =>
    signUp({
      email: field('email'),
      password: field('password'),
      handle: field('handle'),
      displayName: field('displayName'),
    }),
  );
  const signInLink = <Link to={`/signin?${params}`}>Sign in</Link>;
  if (awaitingApproval)
    return (
      <section className="narrow-page card">
        <h1>Account awaiting approval</h1>
        <p role="status">{awaitingApproval}</p>
      </section>
    );
  if (signUps === 'closed')
    return (
      <section className="narrow-page card">
        <h1>Create an account</h1>
        <p className="notice" role="status">
          Sign-ups are closed on this instance: it does not take new accounts at the moment.
        </p>
        <p>Already have an account? {signInLink}</p>
      </section>
    );
  return (
    <section className="narrow-page card">
      <h1>Create an account</h1>
      {signUps === 'approval' && (
        <p className="notice" role="status">
          New accounts on this instance await approval: an administrator lets yours in before you can sign in.
        </p>
      )}
      <form onSubmit={submit} className="form">
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="new-password" minLength={8} required />
          <span className="hint">At least 8 characters.</span>
        </label>
        <label>
          Handle
          <input
            name="handle"
            autoComplete="username"
            pattern="[A-Za-z0-9_][A-Za-z0-9_.\-]{2,29}"
            title="3 to 30 letters, digits, _ . or - (not first)"
            required
          />
          <span className="hint">Your channel's address: /@handle.</span>
        </label>
        <label>
          Display name
          <input name="displayName" autoComplete="name" maxLength={60} required />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button-primary" disabled={busy}>
          Create account
        </button>
      </form>
      <p>Already have an account? {signInLink}</p>
    </section>
  );
}
