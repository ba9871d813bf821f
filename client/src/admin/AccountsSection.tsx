// Accounts (administrators): every account, newest first, found by handle, display name or email, with
// its role, state and storage; change its role, suspend it or lift its suspension.
import { useDeferredValue, useId, useState } from 'react';
import { Link } from 'react-router';
import { type AccountRow, type Role, useAccounts } from '../api/admin.js';
import { useSession } from '../api/session.js';
import { formatAge, formatBytes, formatCount } from '../format/format.js';
import { PagedList } from './PagedList.js';
import { type PendingAction, ReasonDialog } from './ReasonDialog.js';

const ROLES: Record<Role, string> = {
  member: 'Member',
  moderator: 'Moderator',
  administrator: 'Administrator',
};

function AccountItem({
  account,
  onAction,
}: {
  account: AccountRow;
  onAction: (action: PendingAction) => void;
}) {
  const roleId = useId();
  const { session } = useSession();
  const mine = session?.user.id === account.id;
  const suspended = account.state === 'suspended';
  return (
    <li className="card admin-item">
      <p>
        <strong>{account.displayName}</strong> <Link to={`/@${account.handle}`}>@{account.handle}</Link>{' '}
        <span className="muted">{account.email}</span>
        {suspended && <span className="admin-badge">suspended</span>}
      </p>
      <p className="muted">
        Joined {formatAge(account.createdAt)} · {formatCount(account.videoCount, 'video')} ·{' '}
        {formatBytes(account.storageBytes)} stored
        {account.suspendedAt && ` · suspended ${formatAge(account.suspendedAt)}`}
      </p>
      <div className="form-buttons">
        <label htmlFor={roleId}>Role</label>
        <select
          id={roleId}
          value={account.role}
          onChange={(event) => {
            const role = event.currentTarget.value as Role;
            onAction({
              title: `Make @${account.handle} ${ROLES[role].toLowerCase()}`,
              confirmLabel: 'Change role',
              action: { kind: 'change-role', userId: account.id, role },
            });
          }}
        >
          {Object.entries(ROLES).map(([role, label]) => (
            <option key={role} value={role}>
              {label}
            </option>
          ))}
        </select>
        {!mine && (
          <button
            type="button"
            onClick={() =>
              onAction(
                suspended
                  ? {
                      title: `Lift the suspension of @${account.handle}`,
                      confirmLabel: 'Lift suspension',
                      action: { kind: 'lift-suspension', userId: account.id },
                    }
                  : {
                      title: `Suspend @${account.handle}`,
                      confirmLabel: 'Suspend account',
                      action: { kind: 'suspend', userId: account.id },
                    },
              )
            }
          >
            {suspended ? 'Lift suspension' : 'Suspend'}
          </button>
        )}
      </div>
    </li>
  );
}

export function AccountsSection() {
  const searchId = useId();
  const [search, setSearch] = useState('');
  const accounts = useAccounts(useDeferredValue(search.trim()));
  const [pending, setPending] = useState<PendingAction | null>(null);
  const total = accounts.data?.pages[0]?.totalStorageBytes;
  return (
    <section aria-labelledby="admin-accounts">
      <h2 id="admin-accounts">Accounts</h2>
      <label htmlFor={searchId}>Find by handle, display name or email</label>
      <input
        id={searchId}
        type="search"
        maxLength={200}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
      />
      {total !== undefined && <p className="muted">All accounts store {formatBytes(total)} of uploads.</p>}
      <PagedList
        query={accounts}
        label="Accounts"
        empty="No account matches."
        renderItem={(account) => <AccountItem key={account.id} account={account} onAction={setPending} />}
      />
      {pending && <ReasonDialog {...pending} onClose={() => setPending(null)} />}
    </section>
  );
}
