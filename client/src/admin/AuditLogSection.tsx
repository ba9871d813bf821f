// Audit log (administrators): every moderation action, newest first: who, what, on which item, when, why.
import { Link } from 'react-router';
import { type AuditEntry, useAuditLog } from '../api/admin.js';
import { formatAge } from '../format/format.js';
import { PagedList } from './PagedList.js';

const ACTIONS: Record<AuditEntry['action'], string> = {
  role_changed: 'changed the role of',
  dismissed: 'dismissed the reports on',
  video_hidden: 'hid',
  video_shown: 'showed again',
  comment_removed: 'removed',
  account_suspended: 'suspended',
  suspension_lifted: 'lifted the suspension of',
  settings_changed: 'changed the settings of',
  account_approved: 'approved',
  account_declined: 'declined',
  job_retried: 'retried',
};

function Target({ entry }: { entry: AuditEntry }) {
  const { target, details } = entry;
  if (target.kind === 'video')
    return (
      <>
        video <Link to={`/watch/${target.id}`}>{details.title ?? target.id}</Link>
      </>
    );
  if (target.kind === 'comment')
    return <>a comment{details.body && <q className="admin-quote">{details.body}</q>}</>;
  if (target.kind === 'instance') return <>the instance ({Object.keys(details.changes ?? {}).join(', ')})</>;
  if (target.kind === 'job') return <>the job {details.job ?? target.id}</>;
  if (target.kind === 'account' && details.handle)
    return (
      <>
        account <Link to={`/@${details.handle}`}>@{details.handle}</Link>
      </>
    );
  return (
    <>
      {target.kind} {target.id}
    </>
  );
}

export function AuditLogSection() {
  const log = useAuditLog();
  return (
    <section aria-labelledby="admin-audit-log">
      <h2 id="admin-audit-log">Audit log</h2>
      <PagedList
        query={log}
        label="Audit log entries"
        empty="No action has been taken yet."
        renderItem={(entry) => (
          <li key={entry.id} className="card admin-item">
            <p>
              {entry.actor ? `@${entry.actor.handle ?? entry.actor.id}` : 'The command line'}{' '}
              {ACTIONS[entry.action]} <Target entry={entry} />
              {entry.details.from && ` (${entry.details.from} → ${entry.details.to})`}
            </p>
            <p className="muted">
              <time dateTime={entry.createdAt}>{formatAge(entry.createdAt)}</time>
              {entry.reason && ` · ${entry.reason}`}
            </p>
          </li>
        )}
      />
    </section>
  );
}
