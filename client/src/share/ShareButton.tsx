// The watch page's Share button: opens the share dialog at the moment the player has reached.
import { useState } from 'react';
import type { Video } from '../api/client.js';
import { AppIcon } from '../components/AppIcon.js';
import { ShareDialog } from './ShareDialog.js';

/** `playerSeconds` reads where the page's player is now (0 when it has none). */
export function ShareButton({ video, playerSeconds }: { video: Video; playerSeconds: () => number }) {
  const [openedAt, setOpenedAt] = useState<number | null>(null);

  return (
    <>
      <button type="button" onClick={() => setOpenedAt(Math.floor(playerSeconds()))}>
        <AppIcon name="share" /> Share
      </button>
      {openedAt !== null && (
        <ShareDialog video={video} currentSeconds={openedAt} onClose={() => setOpenedAt(null)} />
      )}
    </>
  );
}
