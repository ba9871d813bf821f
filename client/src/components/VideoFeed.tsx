// A grid of videos that loads the next page as its end scrolls into view (or on "Show more").
import { useEffect, useRef } from 'react';
import { useVideoList, type VideoList } from '../api/feeds.js';
import { ErrorNotice } from './ErrorNotice.js';
import { VideoCard } from './VideoCard.js';

interface VideoFeedProps {
  list: VideoList;
  emptyMessage: string;
}

export function VideoFeed({ list, emptyMessage }: VideoFeedProps) {
  const feed = useVideoList(list);
  const end = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = feed;

  useEffect(() => {
    const target = end.current;
    if (!target || !hasNextPage) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { rootMargin: '600px' },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (feed.isPending) return <p className="status">Loading videos…</p>;
  if (feed.isError) return <ErrorNotice error={feed.error} />;
  const videos = feed.data.pages.flatMap((page) => page.items);
  if (videos.length === 0) return <p className="status">{emptyMessage}</p>;

  return (
    <>
      <div className="video-grid">
        {videos.map((video) => (
          <VideoCard key={video.id} video={video} />
        ))}
      </div>
      <div ref={end} className="feed-end">
        {hasNextPage && (
          <button type="button" onClick={() => fetchNextPage()} disabled={isFetchingNextPage}>
            {isFetchingNextPage ? 'Loading…' : 'Show more'}
          </button>
        )}
      </div>
    </>
  );
}
