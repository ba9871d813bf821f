// One comment: who wrote it and when, whether it awaits the creator's approval, its text (shown as text,
// never as markup), and what I may do with it: reply to a top-level comment, edit my own, delete my own
// or any on my video, report another's, block its author from my channel.
import { useState } from 'react';
import { Link } from 'react-router';
import { type Comment, useCommentActions } from '../api/comments.js';
import { useSession } from '../api/session.js';
import { ChannelAvatar } from '../components/ChannelAvatar.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formatAge, formatCount } from '../format/format.js';
import { ReportButton } from '../moderation/ReportButton.js';
import { BlockAuthorButton } from './BlockAuthorButton.js';
import { CommentForm } from './CommentForm.js';
import { RepliesList } from './RepliesList.js';

type Mode = 'reading' | 'replying' | 'editing' | 'confirming-delete';

export function CommentItem({ comment, videoOwnerId }: { comment: Comment; videoOwnerId: string }) {
  const { session } = useSession();
  const actions = useCommentActions(comment.videoId);
  const [mode, setMode] = useState<Mode>('reading');
  const [showReplies, setShowReplies] = useState(false);
  const isTopLevel = comment.parentId === null;
  const mine = session !== null && comment.author?.handle === session.user.handle;
  const onMyVideo = session?.channel.id === videoOwnerId;
  const mayDelete = !comment.deleted && (mine || onMyVideo);
  const read = () => setMode('reading');

  return (
    <li className="comment">
      {comment.author ? (
        <ChannelAvatar channel={comment.author} size="small" />
      ) : (
        <span className="avatar avatar-small" />
      )}
      <div className="comment-main">
        <p className="comment-meta">
          {comment.author ? (
            <Link to={`/@${comment.author.handle}`}>@{comment.author.handle}</Link>
          ) : (
            <span>Deleted account</span>
          )}
          <span className="muted">
            {formatAge(comment.createdAt)}
            {comment.edited && ' (edited)'}
          </span>
          {comment.awaitingApproval && <span className="comment-held">Awaiting approval</span>}
        </p>
        {mode === 'editing' ? (
          <CommentForm
            label="Edit your comment"
            submitLabel="Save"
            initial={comment.body}
            onSubmit={(body) => actions.edit.mutateAsync({ id: comment.id, body })}
            onCancel={read}
          />
        ) : (
          <p className={comment.deleted ? 'comment-body muted' : 'comment-body'}>
            {comment.deleted ? 'This comment was deleted.' : comment.body}
          </p>
        )}
        {session && mode === 'reading' && !comment.deleted && (
          <div className="comment-actions">
            {isTopLevel && (
              <button type="button" className="link-button" onClick={() => setMode('replying')}>
                Reply
              </button>
            )}
            {mine && (
              <button type="button" className="link-button" onClick={() => setMode('editing')}>
                Edit
              </button>
            )}
            {mayDelete && (
              <button type="button" className="link-button" onClick={() => setMode('confirming-delete')}>
                Delete
              </button>
            )}
            {!mine && <ReportButton kind="comment" id={comment.id} plain />}
            {onMyVideo && !mine && comment.author && <BlockAuthorButton author={comment.author} />}
          </div>
        )}
        {mode === 'confirming-delete' && (
          <fieldset className="comment-actions confirm-delete">
            <legend>Delete this comment?</legend>
            <button type="button" className="button-danger" onClick={() => actions.remove.mutate(comment.id)}>
              Delete
            </button>
            <button type="button" onClick={read}>
              Keep
            </button>
          </fieldset>
        )}
        {actions.remove.isError && <ErrorNotice error={actions.remove.error} />}
        {mode === 'replying' && (
          <CommentForm
            label={`Reply to @${comment.author?.handle ?? 'comment'}`}
            submitLabel="Reply"
            onSubmit={async (body) => {
              await actions.post.mutateAsync({ body, parentId: comment.id });
              setShowReplies(true);
            }}
            onCancel={read}
          />
        )}
        {isTopLevel && comment.replyCount > 0 && (
          <button
            type="button"
            className="link-button"
            aria-expanded={showReplies}
            onClick={() => setShowReplies(!showReplies)}
          >
            {showReplies ? 'Hide replies' : formatCount(comment.replyCount, 'reply', 'replies')}
          </button>
        )}
        {showReplies && <RepliesList comment={comment} videoOwnerId={videoOwnerId} />}
      </div>
    </li>
  );
}
