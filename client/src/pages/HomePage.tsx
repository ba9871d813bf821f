// / — the instance's name and description, and videos to watch, in three feeds: a mix of trending and new, trending alone, newest alone. The chosen
// feed is in the address (?feed=), so a reload or a shared link keeps it.
import { Link, useSearchParams } from 'react-router';
import { homeFeed, newestFeed, trendingFeed } from '../api/feeds.js';
import { useInstance } from '../api/instance.js';
import { VideoFeed } from '../components/VideoFeed.js';
import { usePageTitle } from '../layout/usePageTitle.js';

const FEEDS = [
  { name: '', label: 'Home', list: homeFeed, empty: 'No videos yet. Be the first to upload one!' },
  { name: 'trending', label: 'Trending', list: trendingFeed, empty: 'Nothing is trending right now.' },
  { name: 'newest', label: 'Newest', list: newestFeed, empty: 'No videos yet.' },
] as const;

export function HomePage() {
  usePageTitle(undefined);
  const [params] = useSearchParams();
  const feed = FEEDS.find((candidate) => candidate.name === (params.get('feed') ?? '')) ?? FEEDS[0];
  const instance = useInstance().data;
  return (
    <>
      {instance && (
        <header className="instance-intro">
          <h1>{instance.name}</h1>
          {instance.description && <p>{instance.description}</p>}
        </header>
      )}
      <h2 className="visually-hidden">{feed.label}</h2>
      <nav className="feed-tabs" aria-label="Feeds">
        {FEEDS.map((candidate) => (
          <Link
            key={candidate.name}
            to={candidate.name ? `/?feed=${candidate.name}` : '/'}
            aria-current={candidate === feed ? 'page' : undefined}
          >
            {candidate.label}
          </Link>
        ))}
      </nav>
      <VideoFeed list={feed.list} emptyMessage={feed.empty} />
    </>
  );
}
