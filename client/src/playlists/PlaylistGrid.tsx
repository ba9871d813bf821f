// Playlists as cards: the first video's poster, the title, how many videos; each opens the playlist's page.
import { Link } from 'react-router';
import type { Playlist } from '../api/playlists.js';
import { formatCount } from '../format/format.js';

export function PlaylistGrid({ playlists, label }: { playlists: Playlist[]; label: string }) {
  return (
    <ul className="playlist-grid" aria-label={label}>
      {playlists.map((playlist) => (
        <li key={playlist.id}>
          <Link to={`/playlist/${playlist.id}`} className="playlist-card">
            <span className="playlist-card-cover">
              {playlist.thumbnailUrl && <img src={playlist.thumbnailUrl} alt="" loading="lazy" />}
            </span>
            <strong>{playlist.title}</strong>
            <span className="muted">
              {formatCount(playlist.itemCount, 'video')}
              {playlist.visibility !== 'public' && ` · ${playlist.visibility}`}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
