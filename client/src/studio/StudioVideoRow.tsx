// One of my videos in the studio: its state and numbers, an editor for its details, and deleting it
// after a confirmation.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap, type Video } from '../api/client.js';
import { videoKey } from '../api/videos.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { readVideoDetails, VideoDetailsFields } from '../components/VideoDetailsFields.js';
import { formatCount, formatDuration } from '../format/format.js';

const STATE_LABELS: Record<Video['state'], string> = {
  awaiting_upload: 'Uploading',
  queued: 'Queued',
  processing: 'Processing',
  ready: 'Ready',
  failed: 'Failed',
  deleted: 'Deleted',
};

export function StudioVideoRow({ video }: { video: Video }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const confirmation = useRef<HTMLDialogElement>(null);
  const path = { params: { path: { id: video.id } } };
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['feed'] });

  const save = useMutation({
    mutationFn: (form: HTMLFormElement) =>
      unwrap(api.PATCH('/api/v1/videos/{id}', { ...path, body: readVideoDetails(form) })),
    onSuccess: (saved) => {
      queryClient.setQueryData(videoKey(video.id), saved);
      setEditing(false);
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/videos/{id}', path)),
    onSuccess: () => {
      confirmation.current?.close();
      queryClient.removeQueries({ queryKey: videoKey(video.id) });
      return refresh();
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(event.currentTarget);
  }

  return (
    <li className="studio-row card">
      <div className="studio-summary">
        <Link to={`/watch/${video.id}`} className="studio-poster" tabIndex={-1} aria-hidden="true">
          {video.posterUrl && <img src={video.posterUrl} alt="" loading="lazy" />}
        </Link>
        <div>
          <h2 className="studio-title">
            <Link to={`/watch/${video.id}`}>{video.title}</Link>
          </h2>
          <p className="muted">
            {STATE_LABELS[video.state]}
            {video.state === 'processing' &&
              video.progress !== undefined &&
              ` ${Math.round(video.progress)}%`}{' '}
            · {video.visibility} · {formatCount(video.viewCount, 'view')}
            {video.durationSeconds !== null && ` · ${formatDuration(video.durationSeconds)}`}
          </p>
        </div>
        <div className="studio-buttons">
          <button type="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            Edit
          </button>
          <button type="button" onClick={() => confirmation.current?.showModal()}>
            Delete
          </button>
        </div>
      </div>
      {editing && (
        <form className="form" onSubmit={submit} aria-label={`Edit ${video.title}`}>
          <VideoDetailsFields initial={video} />
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
      <dialog ref={confirmation} aria-labelledby={`delete-${video.id}`}>
        <h2 id={`delete-${video.id}`}>Delete “{video.title}”?</h2>
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
