// The watch page's Share button: opens the share dialog at the moment the player has reached.
import { useRef, useState } from 'react';
import type { Video } from '../api/client.js';
import { ShareDialog } from './ShareDialog.js';

export function ShareButton({ video }: { video: Video }) {
  const button = useRef<HTMLButtonElement>(null);
  const [openedAt, setOpenedAt] = useState<number | null>(null);

  function open() {
    // The player of this page is in the same section as the button.
    const player = button.current?.closest('section')?.querySelector('video');
    setOpenedAt(Math.floor(player?.currentTime ?? 0));
  }

  return (
    <>
      <button type="button" ref={button} onClick={open}>
        <span aria-hidden="true">↗</span> Share
      </button>
      {openedAt !== null && (
        <ShareDialog video={video} currentSeconds={openedAt} onClose={() => setOpenedAt(null)} />
      )}
    </>
  );
}
