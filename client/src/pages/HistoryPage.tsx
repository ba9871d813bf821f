// /history — what I watched, most recent first, with how far I got; clear it, or pause recording it.
import { useClearHistory, useHistory, usePauseHistory } from '../api/history.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { VideoCard } from '../components/VideoCard.js';
import { formatDuration } from '../format/format.js';
import { usePageTitle } from '../layout/usePageTitle.js';

export function HistoryPage() {
  usePageTitle('History');
  const history = useHistory();
  const clear = useClearHistory();
  const setPaused = usePauseHistory();

  if (history.isPending) return <p className="status">Loading…</p>;
  if (history.isError) return <ErrorNotice error={history.error} />;
  const paused = history.data.pages[0]?.paused ?? false;
  const items = history.data.pages.flatMap((page) => page.items);

  function confirmClear() {
    if (window.confirm('Clear your whole watch history? This cannot be undone.')) clear.mutate();
  }

  return (
    <section>
      <h1 className="page-heading">History</h1>
      <div className="form-buttons history-actions">
        <button type="button" onClick={() => setPaused.mutate(!paused)} aria-pressed={paused}>
          {paused ? 'Resume recording history' : 'Pause recording history'}
        </button>
        <button type="button" className="button-danger" onClick={confirmClear} disabled={items.length === 0}>
          Clear all history
        </button>
      </div>
      {paused && <p role="status">History is paused: what you watch now is not recorded.</p>}
      {(clear.isError || setPaused.isError) && <ErrorNotice error={clear.error ?? setPaused.error} />}
      {items.length === 0 ? (
        <p className="status">Videos you watch will show up here.</p>
      ) : (
        <div className="video-grid">
          {items.map(({ video, positionSeconds, watchedAt }) => (
            <div key={`${video.id}-${watchedAt}`}>
              <VideoCard video={video} watchedSeconds={positionSeconds} />
              <p className="muted history-position">Stopped at {formatDuration(positionSeconds)}</p>
            </div>
          ))}
        </div>
      )}
      {history.hasNextPage && (
        <button type="button" onClick={() => history.fetchNextPage()} disabled={history.isFetchingNextPage}>
          Show more
        </button>
      )}
    </section>
  );
}
