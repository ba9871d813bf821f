// The owner's form for a playlist's title, description and visibility.
import { type FormEvent, useState } from 'react';
import { type Playlist, usePlaylistActions } from '../api/playlists.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { VisibilitySelect } from './VisibilitySelect.js';

export function PlaylistEditor({ playlist, onDone }: { playlist: Playlist; onDone: () => void }) {
  const actions = usePlaylistActions();
  const [title, setTitle] = useState(playlist.title);
  const [description, setDescription] = useState(playlist.description);
  const [visibility, setVisibility] = useState(playlist.visibility);

  function save(event: FormEvent) {
    event.preventDefault();
    const changes = { title: title.trim(), description, visibility };
    actions.update.mutate({ id: playlist.id, changes }, { onSuccess: onDone });
  }

  return (
    <form className="card playlist-editor" onSubmit={save}>
      <label>
        Title
        <input
          value={title}
          maxLength={150}
          required
          onChange={(event) => setTitle(event.currentTarget.value)}
        />
      </label>
      <label>
        Description
        <textarea
          value={description}
          maxLength={5000}
          rows={3}
          onChange={(event) => setDescription(event.currentTarget.value)}
        />
      </label>
      <VisibilitySelect value={visibility} onChange={setVisibility} />
      {actions.update.isError && <ErrorNotice error={actions.update.error} />}
      <div className="form-buttons">
        <button type="submit" className="button-primary" disabled={!title.trim() || actions.update.isPending}>
          Save
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
