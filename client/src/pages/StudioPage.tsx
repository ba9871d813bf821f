// /studio — my videos in every state and visibility, to edit or delete; refreshed every few seconds while
// one of them waits for or goes through processing, so its state and percent move. Beside them, the
// comments awaiting my approval and the people I blocked from commenting.
import { Link } from 'react-router';
import { useMyVideos } from '../api/feeds.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { usePageTitle } from '../layout/usePageTitle.js';
import { BlockedAccounts } from '../studio/BlockedAccounts.js';
import { HeldComments } from '../studio/HeldComments.js';
import { StudioVideoRow } from '../studio/StudioVideoRow.js';

export function StudioPage() {
  usePageTitle('Studio');
  const videos = useMyVideos();

  if (videos.isPending) return <p className="status">Loading…</p>;
  if (videos.isError) return <ErrorNotice error={videos.error} />;
  const items = videos.data.pages.flatMap((page) => page.items);
  return (
    <>
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
      <HeldComments />
      <BlockedAccounts />
    </>
  );
}
