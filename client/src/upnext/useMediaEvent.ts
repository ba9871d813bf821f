// Listens for an event of the <video> inside a container (the watch page's player cell) without reaching
// into the player: media events do not bubble, but a capturing listener on an ancestor hears them.
import { type RefObject, useEffect, useRef } from 'react';

export function useMediaEvent(
  container: RefObject<HTMLElement | null>,
  type: 'ended' | 'play' | 'canplay',
  handler: (video: HTMLVideoElement) => void,
) {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const listener = (event: Event) => {
      if (event.target instanceof HTMLVideoElement) latest.current(event.target);
    };
    element.addEventListener(type, listener, true);
    return () => element.removeEventListener(type, listener, true);
  }, [container, type]);
}
