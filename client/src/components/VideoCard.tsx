// One video in a grid: poster with its duration (or LIVE), title, channel, views and age.
import { Link } from 'react-router';
import type { Video } from '../api/client.js';
import { formatAge, formatCount, formatDuration } from '../format/format.js';
import { ChannelAvatar } from './ChannelAvatar.js';

/** `watchedSeconds`: how far I got, drawn as a bar under the poster (history). */
export function VideoCard({ video, watchedSeconds }: { video: Video; watchedSeconds?: number }) {
  const watchUrl = `/watch/${video.id}`;
  return (
    <article className="video-card">
      <Link to={watchUrl} className="video-card-poster" tabIndex={-1} aria-hidden="true">
        {video.posterUrl ? (
          <img src={video.posterUrl} alt="" loading="lazy" decoding="async" />
        ) : (
          <span className="poster-placeholder" />
        )}
        {video.live?.state === 'live' ? (
          <span className="duration-badge duration-badge-live">LIVE</span>
        ) : (
          video.durationSeconds !== null && (
            <span className="duration-badge">{formatDuration(video.durationSeconds)}</span>
          )
        )}
        {watchedSeconds !== undefined && video.durationSeconds && (
          <span
            className="watched-bar"
            style={{ width: `${Math.min(100, (watchedSeconds / video.durationSeconds) * 100)}%` }}
          />
        )}
      </Link>
      <div className="video-card-details">
        <ChannelAvatar channel={video.channel} size="small" />
        <div>
          <h3 className="video-card-title">
            <Link to={watchUrl}>{video.title}</Link>
          </h3>
          <p className="muted">
            <Link to={`/@${video.channel.handle}`}>{video.channel.displayName}</Link>
          </p>
          <p className="muted">
            {formatCount(video.viewCount, 'view')} · {formatAge(video.publishedAt ?? video.createdAt)}
          </p>
        </div>
      </div>
    </article>
  );
}
