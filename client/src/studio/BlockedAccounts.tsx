// The people I blocked from commenting on my channel, most recent first, each with Unblock (their
// comments on my videos show again).
import { Link } from 'react-router';
import { useBlockActions, useBlockedAccounts } from '../api/blocked-accounts.js';
import { ChannelAvatar } from '../components/ChannelAvatar.js';
import { ErrorNotice } from '../components/ErrorNotice.js';

export function BlockedAccounts() {
  const blocked = useBlockedAccounts();
  const { unblock } = useBlockActions();
  const items = blocked.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby="blocked-accounts-heading" className="studio-section">
      <h2 id="blocked-accounts-heading">Blocked people</h2>
      {blocked.isError && <ErrorNotice error={blocked.error} />}
      {unblock.isError && <ErrorNotice error={unblock.error} />}
      {blocked.isSuccess && items.length === 0 && (
        <p className="muted">Nobody is blocked from commenting on your channel.</p>
      )}
      <ul className="studio-list">
        {items.map(({ account }) => (
          <li key={account.id} className="card blocked-account">
            <ChannelAvatar channel={account} size="small" />
            <Link to={`/@${account.handle}`}>{account.displayName}</Link>
            <span className="muted">@{account.handle}</span>
            <button type="button" disabled={unblock.isPending} onClick={() => unblock.mutate(account.id)}>
              Unblock
            </button>
          </li>
        ))}
      </ul>
      {blocked.hasNextPage && (
        <button type="button" onClick={() => blocked.fetchNextPage()} disabled={blocked.isFetchingNextPage}>
          More blocked people
        </button>
      )}
    </section>
  );
}
