// /playlist/:id — a playlist: its videos in order to play all or shuffled; its owner renames, shares,
// reorders, removes and deletes. A private playlist, or one that does not exist, is not found.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiFailure } from '../api/client.js';
import {
  type Playlist,
  type PlaylistItem,
  usePlaylist,
  usePlaylistActions,
  usePlaylistItems,
} from '../api/playlists.js';
import { useSession } from '../api/session.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formatCount } from '../format/format.js';
import { usePageTitle } from '../layout/usePageTitle.js';
import { PlaylistEditor } from '../playlists/PlaylistEditor.js';
import { watchInPlaylist } from '../playlists/playlistQueue.js';
import { NotFoundPage } from './NotFoundPage.js';

export function PlaylistPage() {
  const { id = '' } = useParams();
  const playlist = usePlaylist(id);
  const pages = usePlaylistItems(id);
  const { session } = useSession();
  usePageTitle(playlist.data?.title);

  if (playlist.isPending) return <p className="status">Loading…</p>;
  if (playlist.isError)
    return playlist.error instanceof ApiFailure && playlist.error.status === 404 ? (
      <NotFoundPage />
    ) : (
      <ErrorNotice error={playlist.error} />
    );

  const items = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const mine = session?.channel.handle === playlist.data.channel.handle;
  return (
    <section className="narrow-page">
      <PlaylistHeader playlist={playlist.data} items={items} mine={mine} />
      {pages.isError && <ErrorNotice error={pages.error} />}
      {pages.isSuccess && items.length === 0 && <p className="muted">No videos in this playlist yet.</p>}
      <ol className="playlist-items">
        {items.map((item, index) => (
          <PlaylistRow
            key={item.id}
            playlistId={id}
            item={item}
            position={index}
            neighbours={[items[index - 1], items[index + 1]]}
            mine={mine}
          />
        ))}
      </ol>
      {pages.hasNextPage && (
        <button type="button" onClick={() => pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          Show more
        </button>
      )}
    </section>
  );
}

function PlaylistHeader({
  playlist,
  items,
  mine,
}: {
  playlist: Playlist;
  items: PlaylistItem[];
  mine: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const actions = usePlaylistActions();
  const navigate = useNavigate();
  const playable = items.flatMap((item) => (item.video ? [item.video] : []));
  const [first] = playable;
  const editable = mine && playlist.kind === 'playlist';

  if (editing) return <PlaylistEditor playlist={playlist} onDone={() => setEditing(false)} />;
  return (
    <header className="playlist-header">
      <h1 className="page-heading">{playlist.title}</h1>
      <p className="muted">
        <Link to={`/@${playlist.channel.handle}`}>{playlist.channel.displayName}</Link> ·{' '}
        {formatCount(playlist.itemCount, 'video')} · {playlist.visibility}
      </p>
      {playlist.description && <p>{playlist.description}</p>}
      <div className="form-buttons">
        {first && (
          <>
            <Link
              className="button button-primary"
              to={watchInPlaylist(first.id, playlist.id, { shuffle: false, loop: false })}
            >
              Play all
            </Link>
            <Link
              className="button"
              to={watchInPlaylist(first.id, playlist.id, { shuffle: true, loop: false })}
            >
              Shuffle
            </Link>
          </>
        )}
        {editable && (
          <>
            <button type="button" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button
              type="button"
              className="button-danger"
              onClick={() => {
                if (window.confirm(`Delete the playlist “${playlist.title}”? Its videos stay.`))
                  actions.remove.mutate(playlist.id, { onSuccess: () => navigate('/playlists') });
              }}
            >
              Delete
            </button>
          </>
        )}
      </div>
      {actions.remove.isError && <ErrorNotice error={actions.remove.error} />}
    </header>
  );
}

interface PlaylistRowProps {
  playlistId: string;
  item: PlaylistItem;
  position: number;
  neighbours: [PlaylistItem | undefined, PlaylistItem | undefined];
  mine: boolean;
}

function PlaylistRow({ playlistId, item, position, neighbours: [previous, next], mine }: PlaylistRowProps) {
  const actions = usePlaylistActions();
  const busy = actions.moveItem.isPending || actions.removeItem.isPending;
  const move = (placement: { before: string } | { after: string }) =>
    actions.moveItem.mutate({ id: playlistId, itemId: item.id, placement });
  const title = item.video?.title ?? 'Unavailable video';
  return (
    <li className="playlist-item">
      <span className="muted">{position + 1}</span>
      {item.video ? (
        <Link to={watchInPlaylist(item.video.id, playlistId, { shuffle: false, loop: false })}>
          <strong>{item.video.title}</strong> <span className="muted">{item.video.channel.displayName}</span>
        </Link>
      ) : (
        <span className="muted">Unavailable video</span>
      )}
      {mine && (
        <span className="playlist-item-actions">
          <button
            type="button"
            aria-label={`Move ${title} up`}
            disabled={!previous || busy}
            onClick={() => previous && move({ before: previous.id })}
          >
            ↑
          </button>
          <button
            type="button"
            aria-label={`Move ${title} down`}
            disabled={!next || busy}
            onClick={() => next && move({ after: next.id })}
          >
            ↓
          </button>
          <button
            type="button"
            aria-label={`Remove ${title}`}
            disabled={busy}
            onClick={() => actions.removeItem.mutate({ id: playlistId, itemId: item.id })}
          >
            Remove
          </button>
        </span>
      )}
    </li>
  );
}
