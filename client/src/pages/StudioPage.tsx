// /studio — my videos in every state and visibility, to edit or delete; refreshed every few seconds while
// one of them waits for or goes through processing, so its state and percent move. (An upload that is
// never finished must not keep the page polling: its bytes come from the upload page, not the server.)
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { VideoState } from '../api/client.js';
import { myVideos } from '../api/feeds.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { usePageTitle } from '../layout/usePageTitle.js';
import { StudioVideoRow } from '../studio/StudioVideoRow.js';

/** Under 'feed', so what invalidates the feeds after an edit or delete refreshes this list too. */
const MY_VIDEOS_KEY = ['feed', 'mine'] as const;
const BEING_PROCESSED: VideoState[] = ['queued', 'processing'];
const REFRESH_WHILE_PROCESSING_MS = 3_000;

export function StudioPage() {
  usePageTitle('Studio');
  const videos = useInfiniteQuery({
    queryKey: MY_VIDEOS_KEY,
    queryFn: ({ pageParam }) => myVideos(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) =>
        page.items.some((video) => BEING_PROCESSED.includes(video.state)),
      )
        ? REFRESH_WHILE_PROCESSING_MS
        : false,
  });

  if (videos.isPending) return <p className="status">Loading…</p>;
  if (videos.isError) return <ErrorNotice error={videos.error} />;
  const items = videos.data.pages.flatMap((page) => page.items);
  return (
    <section>
      <h1 className="page-heading">Your videos</h1>
      {items.length === 0 ? (
        <p className="status">
          Nothing here yet. <Link to="/upload">Upload your first video</Link>.
        </p>
      ) : (
        <ul className="studio-list">
          {items.map((video) => (
            <StudioVideoRow key={video.id} video={video} />
          ))}
        </ul>
      )}
      {videos.hasNextPage && (
        <button type="button" onClick={() => videos.fetchNextPage()} disabled={videos.isFetchingNextPage}>
          Show more
        </button>
      )}
    </section>
  );
}
