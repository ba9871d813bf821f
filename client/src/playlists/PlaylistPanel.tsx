// Beside the player while a playlist plays (`/watch/:id?list=`): its title and owner, where we are in it,
// its videos with the playing one marked, and the shuffle and loop switches. Items the viewer may not
// watch are left out by the API, except for the owner, who sees them as unavailable.
import { Repeat, Shuffle } from 'lucide-react';
import { Link } from 'react-router';
import type { Playlist, PlaylistItem } from '../api/playlists.js';
import { formatDuration } from '../format/format.js';
import { type PlayOrder, watchInPlaylist } from './playlistQueue.js';

interface PlaylistPanelProps {
  playlist: Playlist;
  items: PlaylistItem[];
  currentId: string;
  order: PlayOrder;
  onOrderChange: (order: PlayOrder) => void;
}

export function PlaylistPanel({ playlist, items, currentId, order, onOrderChange }: PlaylistPanelProps) {
  const position = items.findIndex((item) => item.video?.id === currentId);
  return (
    <section className="playlist-panel card" aria-labelledby="playlist-panel-heading">
      <div className="playlist-panel-heading">
        <h2 id="playlist-panel-heading">
          <Link to={`/playlist/${playlist.id}`}>{playlist.title}</Link>
        </h2>
        <p className="muted">
          {playlist.channel.displayName}
          {position >= 0 && ` · ${position + 1} / ${playlist.itemCount}`}
        </p>
        <div className="playlist-panel-switches">
          <button
            type="button"
            aria-pressed={order.shuffle}
            onClick={() => onOrderChange({ ...order, shuffle: !order.shuffle })}
          >
            <Shuffle aria-hidden="true" size={18} /> Shuffle
          </button>
          <button
            type="button"
            aria-pressed={order.loop}
            onClick={() => onOrderChange({ ...order, loop: !order.loop })}
          >
            <Repeat aria-hidden="true" size={18} /> Loop
          </button>
        </div>
      </div>
      <ol className="playlist-panel-items">
        {items.map((item, index) => (
          <li key={item.id} aria-current={item.video?.id === currentId ? 'true' : undefined}>
            {item.video ? (
              <Link to={watchInPlaylist(item.video.id, playlist.id, order)} className="playlist-panel-item">
                <span className="muted">{index + 1}</span>
                <span className="up-next-poster">
                  {item.video.posterUrl && <img src={item.video.posterUrl} alt="" loading="lazy" />}
                  {item.video.durationSeconds !== null && (
                    <span className="duration-badge">{formatDuration(item.video.durationSeconds)}</span>
                  )}
                </span>
                <span>
                  <strong className="up-next-title">{item.video.title}</strong>
                  <span className="muted">{item.video.channel.displayName}</span>
                </span>
              </Link>
            ) : (
              <span className="playlist-panel-item muted">
                <span>{index + 1}</span>
                <span>Unavailable video</span>
              </span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
