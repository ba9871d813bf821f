// /playlists — my playlists, Watch later first, and a new one made here.
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { type Playlist, useMyPlaylists, usePlaylistActions } from '../api/playlists.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { usePageTitle } from '../layout/usePageTitle.js';
import { PlaylistGrid } from '../playlists/PlaylistGrid.js';
import { VisibilitySelect } from '../playlists/VisibilitySelect.js';

export function PlaylistsPage() {
  usePageTitle('Playlists');
  const playlists = useMyPlaylists();
  const actions = usePlaylistActions();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [visibility, setVisibility] = useState<Playlist['visibility']>('private');

  function create(event: FormEvent) {
    event.preventDefault();
    actions.create.mutate(
      { title: title.trim(), visibility },
      { onSuccess: (made) => navigate(`/playlist/${made.id}`) },
    );
  }

  return (
    <section>
      <h1 className="page-heading">Playlists</h1>
      <form className="new-playlist card" onSubmit={create}>
        <label htmlFor="new-playlist-title">New playlist</label>
        <input
          id="new-playlist-title"
          value={title}
          maxLength={150}
          onChange={(event) => setTitle(event.currentTarget.value)}
        />
        <VisibilitySelect value={visibility} onChange={setVisibility} />
        <button type="submit" disabled={!title.trim() || actions.create.isPending}>
          Create
        </button>
      </form>
      {actions.create.isError && <ErrorNotice error={actions.create.error} />}
      {playlists.isError && <ErrorNotice error={playlists.error} />}
      <PlaylistGrid
        playlists={playlists.data?.pages.flatMap((page) => page.items) ?? []}
        label="My playlists"
      />
    </section>
  );
}
