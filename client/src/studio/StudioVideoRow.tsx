// One of my videos in the studio: its state (with the percent while processing, the reason if it failed),
// visibility and numbers, an editor for its details, its captions once it is ready, and deleting it after
// a confirmation.
import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { Video } from '../api/client.js';
import { useDeleteVideo, useEditVideo } from '../api/videos.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { readVideoDetails, VideoDetailsFields } from '../components/VideoDetailsFields.js';
import { formatCount, formatDuration } from '../format/format.js';
import { CaptionsEditor } from './CaptionsEditor.js';
import { CommentPolicyField, readCommentPolicy } from './CommentPolicyField.js';

const STATE_LABELS: Record<Video['state'], string> = {
  awaiting_upload: 'Uploading',
  queued: 'Queued',
  processing: 'Processing',
  ready: 'Ready',
  failed: 'Failed',
  deleted: 'Deleted',
};

const VISIBILITY_LABELS: Record<Video['visibility'], string> = {
  public: 'Public',
  unlisted: 'Unlisted',
  private: 'Private',
};

export function StudioVideoRow({ video }: { video: Video }) {
  const processing = video.state === 'processing';
  // A video gets its title when its upload completes.
  const title = video.title || 'Untitled upload';
  const percent = Math.round(video.progress ?? 0);
  const [editing, setEditing] = useState(false);
  const [captioning, setCaptioning] = useState(false);
  const confirmation = useRef<HTMLDialogElement>(null);
  const save = useEditVideo(video.id, () => setEditing(false));
  const remove = useDeleteVideo(video.id, () => confirmation.current?.close());

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    save.mutate({ ...readVideoDetails(form), commentPolicy: readCommentPolicy(form) });
  }

  return (
    <li className="studio-row card">
      <div className="studio-summary">
        <Link to={`/watch/${video.id}`} className="studio-poster" tabIndex={-1} aria-hidden="true">
          {video.posterUrl && <img src={video.posterUrl} alt="" loading="lazy" />}
        </Link>
        <div>
          <h2 className="studio-title">
            <Link to={`/watch/${video.id}`}>{title}</Link>
          </h2>
          <p className="muted">
            <span className={`studio-state studio-state-${video.state}`}>
              {STATE_LABELS[video.state]}
              {processing && ` ${percent}%`}
            </span>{' '}
            · {VISIBILITY_LABELS[video.visibility]} · {formatCount(video.viewCount, 'view')}
            {video.durationSeconds !== null && ` · ${formatDuration(video.durationSeconds)}`}
          </p>
          {processing && (
            <progress max={100} value={percent} aria-label={`Processing progress of ${title}`} />
          )}
          {video.state === 'failed' && video.error && <p className="error">{video.error}</p>}
        </div>
        <div className="studio-buttons">
          <button type="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            Edit
          </button>
          {video.state === 'ready' && (
            <button type="button" aria-expanded={captioning} onClick={() => setCaptioning(!captioning)}>
              Captions
            </button>
          )}
          <button type="button" onClick={() => confirmation.current?.showModal()}>
            Delete
          </button>
        </div>
      </div>
      {editing && (
        <form className="form" onSubmit={submit} aria-label={`Edit ${title}`}>
          <VideoDetailsFields initial={video} />
          <CommentPolicyField initial={video.commentPolicy} />
          {save.isError && <ErrorNotice error={save.error} />}
          <div className="form-buttons">
            <button type="submit" className="button-primary" disabled={save.isPending}>
              Save
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {captioning && <CaptionsEditor video={video} />}
      <dialog ref={confirmation} aria-labelledby={`delete-${video.id}`}>
        <h2 id={`delete-${video.id}`}>Delete “{title}”?</h2>
        <p>The video and all its files are removed for good.</p>
        {remove.isError && <ErrorNotice error={remove.error} />}
        <div className="form-buttons">
          <button
            type="button"
            className="button-danger"
            disabled={remove.isPending}
            onClick={() => remove.mutate()}
          >
            Delete for good
          </button>
          <button type="button" onClick={() => confirmation.current?.close()}>
            Keep it
          </button>
        </div>
      </dialog>
    </li>
  );
}
