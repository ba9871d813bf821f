// The watch page's place for its player. The player belongs to the PlayerHost, which shows it here and,
// when the page goes while the video plays, carries it on in a corner of the window.
import { useLayoutEffect, useRef } from 'react';
import { type HostedPlayer, usePlayerHost } from './PlayerHost.js';

export function PlayerSlot(player: HostedPlayer) {
  const host = usePlayerHost();
  const slot = useRef<HTMLDivElement>(null);
  // Layout effects, so the player moves in and out in the same task as the page changes.
  useLayoutEffect(() => {
    if (slot.current) host.show(slot.current, player);
  }, [host, player]);
  useLayoutEffect(() => {
    const element = slot.current;
    return () => {
      if (element) host.leave(element);
    };
  }, [host]);
  return <div ref={slot} />;
}
