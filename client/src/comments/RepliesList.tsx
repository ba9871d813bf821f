// The replies under a top-level comment, oldest first.

import { type Comment, useReplies } from '../api/comments.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { CommentItem } from './CommentItem.js';

export function RepliesList({ comment, videoOwnerId }: { comment: Comment; videoOwnerId: string }) {
  const replies = useReplies(comment.videoId, comment.id);
  if (replies.isPending) return <p className="muted">Loading replies…</p>;
  if (replies.isError) return <ErrorNotice error={replies.error} />;
  return (
    <>
      <ul className="comment-list replies">
        {replies.data.pages
          .flatMap((page) => page.items)
          .map((reply) => (
            <CommentItem key={reply.id} comment={reply} videoOwnerId={videoOwnerId} />
          ))}
      </ul>
      {replies.hasNextPage && (
        <button type="button" className="link-button" onClick={() => replies.fetchNextPage()}>
          More replies
        </button>
      )}
    </>
  );
}
