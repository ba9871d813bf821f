// A channel's Playlists tab: its public playlists, the most recently changed first.
import { useChannelPlaylists } from '../api/playlists.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { PlaylistGrid } from './PlaylistGrid.js';

export function ChannelPlaylists({ handle }: { handle: string }) {
  const playlists = useChannelPlaylists(handle);
  const items = playlists.data?.pages.flatMap((page) => page.items) ?? [];
  if (playlists.isError) return <ErrorNotice error={playlists.error} />;
  if (playlists.isSuccess && items.length === 0)
    return <p className="muted">This channel has no public playlists.</p>;
  return (
    <>
      <PlaylistGrid playlists={items} label="Playlists" />
      {playlists.hasNextPage && (
        <button
          type="button"
          onClick={() => playlists.fetchNextPage()}
          disabled={playlists.isFetchingNextPage}
        >
          Show more
        </button>
      )}
    </>
  );
}
