// The watch page's discussion: how many comments, their order, a box to add one, and the list. Comments
// turned off hide all of it; on a video whose comments are held, my new one says it awaits approval.
import { useState } from 'react';
import { Link } from 'react-router';
import type { Video } from '../api/client.js';
import { type CommentSort, useCommentActions, useComments } from '../api/comments.js';
import { useSession } from '../api/session.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formatCount } from '../format/format.js';
import { CommentForm } from './CommentForm.js';
import { CommentItem } from './CommentItem.js';

export function CommentsSection({ video }: { video: Video }) {
  const { session } = useSession();
  const [sort, setSort] = useState<CommentSort>('newest');
  const comments = useComments(video.id, sort);
  const actions = useCommentActions(video.id);
  const [awaitingApproval, setAwaitingApproval] = useState(false);

  if (video.commentPolicy === 'closed') {
    return (
      <section className="comments" aria-labelledby="comments-heading">
        <h2 id="comments-heading">Comments</h2>
        <p className="muted">Comments are turned off.</p>
      </section>
    );
  }

  return (
    <section className="comments" aria-labelledby="comments-heading">
      <div className="comments-header">
        <h2 id="comments-heading">{formatCount(video.commentCount, 'comment')}</h2>
        <label className="player-setting">
          Sort by
          <select value={sort} onChange={(event) => setSort(event.target.value as CommentSort)}>
            <option value="newest">Newest first</option>
            <option value="top">Top comments</option>
          </select>
        </label>
      </div>
      {session ? (
        <CommentForm
          label="Add a comment"
          submitLabel="Comment"
          onSubmit={async (body) => {
            const posted = await actions.post.mutateAsync({ body });
            setAwaitingApproval(posted.awaitingApproval);
          }}
        />
      ) : (
        <p>
          <Link to={`/signin?next=/watch/${video.id}`}>Sign in</Link> to comment.
        </p>
      )}
      {awaitingApproval && <p role="status">Your comment awaits the creator's approval.</p>}
      {comments.isPending && <p className="muted">Loading comments…</p>}
      {comments.isError && <ErrorNotice error={comments.error} />}
      {comments.data && (
        <ul className="comment-list">
          {comments.data.pages
            .flatMap((page) => page.items)
            .map((comment) => (
              <CommentItem key={comment.id} comment={comment} videoOwnerId={video.channel.id} />
            ))}
        </ul>
      )}
      {comments.hasNextPage && (
        <button type="button" onClick={() => comments.fetchNextPage()} disabled={comments.isFetchingNextPage}>
          More comments
        </button>
      )}
    </section>
  );
}
