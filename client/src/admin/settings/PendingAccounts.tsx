// The accounts that await approval, oldest first, each approved or declined (deleted) with one button.
import { type Decision, useDecideAccount, usePendingAccounts } from '../../api/pending-accounts.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';

export function PendingAccounts() {
  const pending = usePendingAccounts();
  const decide = useDecideAccount();
  const accounts = pending.data?.pages.flatMap((page) => page.items) ?? [];
  const act = (id: string, decision: Decision) => decide.mutate({ id, decision });

  return (
    <section className="card" aria-labelledby="pending-accounts">
      <h3 id="pending-accounts">Accounts awaiting approval</h3>
      {pending.isError && <ErrorNotice error={pending.error} />}
      {decide.isError && <ErrorNotice error={decide.error} />}
      {pending.isSuccess && accounts.length === 0 && <p>No account awaits approval.</p>}
      <ul className="admin-list">
        {accounts.map((account) => (
          <li key={account.id}>
            <span>
              <strong>{account.displayName}</strong> @{account.handle} · {account.email} · signed up{' '}
              {new Date(account.createdAt).toLocaleString()}
            </span>
            <span className="admin-actions">
              <button type="button" className="button-primary" onClick={() => act(account.id, 'approve')}>
                Approve
              </button>
              <button type="button" className="button-danger" onClick={() => act(account.id, 'decline')}>
                Decline
              </button>
            </span>
          </li>
        ))}
      </ul>
      {pending.hasNextPage && (
        <button type="button" className="button" onClick={() => pending.fetchNextPage()}>
          Show more
        </button>
      )}
    </section>
  );
}
