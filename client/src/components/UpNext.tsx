// "Up next" beside the player: the newest videos other than this one.
import { Link } from 'react-router';
import { useNewestVideos } from '../api/feeds.js';
import { formatCount, formatDuration } from '../format/format.js';

export function UpNext({ currentId }: { currentId: string }) {
  const { data } = useNewestVideos();
  const videos = (data?.items ?? []).filter((video) => video.id !== currentId).slice(0, 12);
  if (videos.length === 0) return null;
  return (
    <aside className="up-next" aria-labelledby="up-next-heading">
      <h2 id="up-next-heading">Up next</h2>
      <ul>
        {videos.map((video) => (
          <li key={video.id}>
            <Link to={`/watch/${video.id}`} className="up-next-item">
              <span className="up-next-poster">
                {video.posterUrl && <img src={video.posterUrl} alt="" loading="lazy" />}
                {video.durationSeconds !== null && (
                  <span className="duration-badge">{formatDuration(video.durationSeconds)}</span>
                )}
              </span>
              <span>
                <strong className="up-next-title">{video.title}</strong>
                <span className="muted">{video.channel.displayName}</span>
                <span className="muted">{formatCount(video.viewCount, 'view')}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </aside>
  );
}
