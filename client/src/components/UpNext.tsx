// "Up next" beside the player (under the details on phones): what this video's viewers also watched, its
// channel's videos, then similar ones, a page at a time; the autoplay switch sits in its heading.
import { Link } from 'react-router';
import { upNextFeed, useVideoList } from '../api/feeds.js';
import { formatCount, formatDuration } from '../format/format.js';
import { AutoplaySwitch } from '../upnext/AutoplaySwitch.js';
import { ErrorNotice } from './ErrorNotice.js';

export function UpNext({ currentId }: { currentId: string }) {
  const upNext = useVideoList(upNextFeed(currentId));
  const videos = upNext.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <aside className="up-next" aria-labelledby="up-next-heading">
      <div className="up-next-heading">
        <h2 id="up-next-heading">Up next</h2>
        <AutoplaySwitch />
      </div>
      {upNext.isError && <ErrorNotice error={upNext.error} />}
      {upNext.isSuccess && videos.length === 0 && <p className="muted">Nothing to suggest yet.</p>}
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
      {upNext.hasNextPage && (
        <button
          type="button"
          className="up-next-more"
          onClick={() => upNext.fetchNextPage()}
          disabled={upNext.isFetchingNextPage}
        >
          {upNext.isFetchingNextPage ? 'Loading…' : 'Show more'}
        </button>
      )}
    </aside>
  );
}
