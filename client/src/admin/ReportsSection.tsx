// Reports: the moderation queue, most reported first. Each item shows what is reported in context, with a
// link to it, and the actions that fit it; every action asks for a reason.
import { useState } from 'react';
import { Link } from 'react-router';
import { type ReportedItem, useReportQueue } from '../api/admin.js';
import { formatAge, formatCount } from '../format/format.js';
import { PagedList } from './PagedList.js';
import { type PendingAction, ReasonDialog } from './ReasonDialog.js';

function ReportedContent({ content }: { content: ReportedItem['content'] }) {
  if (content === null) return <p className="muted">Deleted by its author or owner.</p>;
  switch (content.kind) {
    case 'video':
      return (
        <p>
          Video <Link to={`/watch/${content.id}`}>{content.title}</Link> by{' '}
          <Link to={`/@${content.channelHandle}`}>@{content.channelHandle}</Link>
          {content.hidden && <span className="admin-badge">hidden</span>}
        </p>
      );
    case 'comment':
      return (
        <>
          <p>
            Comment by <Link to={`/@${content.authorHandle}`}>@{content.authorHandle}</Link> on{' '}
            <Link to={`/watch/${content.videoId}`}>{content.videoTitle}</Link>
          </p>
          <blockquote className="admin-quote">{content.body}</blockquote>
        </>
      );
    case 'channel':
      return (
        <p>
          Channel <Link to={`/@${content.handle}`}>{content.displayName}</Link> (@{content.handle})
        </p>
      );
  }
}

type Content = NonNullable<ReportedItem['content']>;

/** What removes the content itself from view: hiding a video still shown, removing a comment. */
function removalOf(content: Content): PendingAction | undefined {
  if (content.kind === 'video' && !content.hidden)
    return {
      title: 'Hide this video',
      confirmLabel: 'Hide video',
      action: { kind: 'hide-video', videoId: content.id },
    };
  if (content.kind === 'comment')
    return {
      title: 'Remove this comment',
      confirmLabel: 'Remove comment',
      action: { kind: 'remove-comment', commentId: content.id },
    };
  return undefined;
}

/** The actions that fit the item: dismissing always; removing and suspending while it exists. */
function actionsFor(item: ReportedItem): PendingAction[] {
  const dismiss: PendingAction = {
    title: 'Dismiss these reports',
    confirmLabel: 'Dismiss',
    action: { kind: 'dismiss', reportedItemId: item.id },
  };
  const { content } = item;
  if (content === null) return [dismiss];
  const suspend: PendingAction = {
    title: 'Suspend the account behind it',
    confirmLabel: 'Suspend account',
    action: { kind: 'suspend', userId: content.accountId },
  };
  const removal = removalOf(content);
  return removal ? [dismiss, removal, suspend] : [dismiss, suspend];
}

export function ReportsSection() {
  const queue = useReportQueue();
  const [pending, setPending] = useState<PendingAction | null>(null);
  return (
    <section aria-labelledby="admin-reports">
      <h2 id="admin-reports">Reports</h2>
      <PagedList
        query={queue}
        label="Reported items"
        empty="Nothing is waiting for a moderator."
        renderItem={(item) => (
          <li key={item.id} className="card admin-item">
            <p className="muted">
              {item.kind} · {formatCount(item.reportCount, 'report')} · {item.reasons.join(', ')} · first{' '}
              {formatAge(item.firstReportedAt)}
            </p>
            <ReportedContent content={item.content} />
            <div className="form-buttons">
              {actionsFor(item).map((action) => (
                <button key={action.confirmLabel} type="button" onClick={() => setPending(action)}>
                  {action.confirmLabel}
                </button>
              ))}
            </div>
          </li>
        )}
      />
      {pending && <ReasonDialog {...pending} onClose={() => setPending(null)} />}
    </section>
  );
}
