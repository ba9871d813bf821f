// Save a video to my playlists: a box per playlist (Watch later first), ticked where the video already is;
// ticking adds it, unticking takes it out. A new playlist can be made here, with the video in it.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { errorMessage } from '../api/client.js';
import { type Playlist, useMyPlaylists, usePlaylistActions } from '../api/playlists.js';
import { VisibilitySelect } from './VisibilitySelect.js';

interface SaveDialogProps {
  videoId: string;
  onClose: () => void;
}

export function SaveDialog({ videoId, onClose }: SaveDialogProps) {
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const playlists = useMyPlaylists(videoId);
  const actions = usePlaylistActions();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  // A box shows the change asked for at once, until the lists read again say how it went.
  const [asked, setAsked] = useState<Record<string, boolean>>({});
  const items = playlists.data?.pages.flatMap((page) => page.items) ?? [];
  const busy = actions.addItem.isPending || actions.removeItem.isPending;
  function toggle(playlist: Playlist) {
    const settle = { onSettled: () => setAsked({}) };
    setAsked({ [playlist.id]: !playlist.videoItemId });
    if (playlist.videoItemId)
      actions.removeItem.mutate({ id: playlist.id, itemId: playlist.videoItemId }, settle);
    else actions.addItem.mutate({ id: playlist.id, videoId }, settle);
  }
  const failure = actions.addItem.error ?? actions.removeItem.error;

  return (
    <dialog ref={dialog} className="save-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>Save to…</h2>
      {playlists.isPending && <p className="status">Loading…</p>}
      <ul className="save-list">
        {items.map((playlist) => (
          <li key={playlist.id}>
            <label>
              <input
                type="checkbox"
                checked={asked[playlist.id] ?? Boolean(playlist.videoItemId)}
                disabled={busy}
                onChange={() => toggle(playlist)}
              />
              {playlist.title}
              <span className="muted">{playlist.visibility}</span>
            </label>
          </li>
        ))}
      </ul>
      {failure && <p role="alert">{errorMessage(failure)}</p>}
      <NewPlaylistForm videoId={videoId} />
      <div className="form-buttons">
        <button type="button" onClick={() => dialog.current?.close()}>
          Done
        </button>
      </div>
    </dialog>
  );
}

/** Makes a playlist and puts the video in it at once. */
function NewPlaylistForm({ videoId }: { videoId: string }) {
  const fieldId = useId();
  const actions = usePlaylistActions();
  const [title, setTitle] = useState('');
  const [visibility, setVisibility] = useState<Playlist['visibility']>('private');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const made = await actions.create.mutateAsync({ title: title.trim(), visibility });
    await actions.addItem.mutateAsync({ id: made.id, videoId });
    setTitle('');
  }
  const failure = actions.create.error ?? actions.addItem.error;
  return (
    <form className="new-playlist" onSubmit={(event) => void submit(event).catch(() => undefined)}>
      <label htmlFor={fieldId}>New playlist</label>
      <input
        id={fieldId}
        value={title}
        maxLength={150}
        placeholder="Name"
        onChange={(event) => setTitle(event.currentTarget.value)}
      />
      <VisibilitySelect value={visibility} onChange={setVisibility} />
      <button type="submit" disabled={!title.trim() || actions.create.isPending}>
        Create
      </button>
      {failure && <p role="alert">{errorMessage(failure)}</p>}
    </form>
  );
}
