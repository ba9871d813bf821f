// /studio — my videos, to edit or delete.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { channelVideos } from '../api/feeds.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { usePageTitle } from '../layout/usePageTitle.js';
import { useSession } from '../session/session.js';
import { StudioVideoRow } from '../studio/StudioVideoRow.js';

export function StudioPage() {
  usePageTitle('Studio');
  const { session } = useSession();
  const handle = session?.channel.handle ?? '';
  const videos = useInfiniteQuery({
    queryKey: ['feed', 'channel', handle.toLowerCase()],
    queryFn: ({ pageParam }) => channelVideos(handle)(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
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
