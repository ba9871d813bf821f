// The studio's comments awaiting my approval, on all my videos, oldest first: approve one so everyone
// sees it, or delete it.
import { Link } from 'react-router';
import { useHeldCommentActions, useHeldComments } from '../api/held-comments.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formatAge } from '../format/format.js';

export function HeldComments() {
  const held = useHeldComments();
  const { approve, remove } = useHeldCommentActions();
  const items = held.data?.pages.flatMap((page) => page.items) ?? [];
  const busy = approve.isPending || remove.isPending;

  return (
    <section aria-labelledby="held-comments-heading" className="studio-section">
      <h2 id="held-comments-heading">Held comments</h2>
      {held.isError && <ErrorNotice error={held.error} />}
      {approve.isError && <ErrorNotice error={approve.error} />}
      {remove.isError && <ErrorNotice error={remove.error} />}
      {held.isSuccess && items.length === 0 && <p className="muted">No comment awaits your approval.</p>}
      <ul className="studio-list">
        {items.map(({ comment, video }) => {
          const target = { id: comment.id, videoId: video.id };
          return (
            <li key={comment.id} className="card held-comment">
              <p className="comment-meta">
                <span>@{comment.author?.handle}</span>
                <span className="muted">
                  on <Link to={`/watch/${video.id}`}>{video.title}</Link> · {formatAge(comment.createdAt)}
                </span>
              </p>
              <p className="comment-body">{comment.body}</p>
              <div className="form-buttons">
                <button
                  type="button"
                  className="button-primary"
                  disabled={busy}
                  onClick={() => approve.mutate(target)}
                >
                  Approve
                </button>
                <button type="button" disabled={busy} onClick={() => remove.mutate(target)}>
                  Delete
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {held.hasNextPage && (
        <button type="button" onClick={() => held.fetchNextPage()} disabled={held.isFetchingNextPage}>
          More held comments
        </button>
      )}
    </section>
  );
}
