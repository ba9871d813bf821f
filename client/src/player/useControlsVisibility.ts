// While a video plays its controls step aside: they show while it is paused, while something holds them
// (an open menu, keyboard focus), and for a few seconds after the pointer moves, a key is pressed or a tap
// asks for them.
import { useCallback, useEffect, useRef, useState } from 'react';

const SHOWN_FOR_MS = 2500;

export function useControlsVisibility(playing: boolean, held: boolean) {
  const [active, setActive] = useState(true);
  const timer = useRef<number | undefined>(undefined);

  const hide = useCallback(() => {
    window.clearTimeout(timer.current);
    setActive(false);
  }, []);
  const reveal = useCallback(() => {
    setActive(true);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setActive(false), SHOWN_FOR_MS);
  }, []);

  // Playback starting (or resuming) shows them once more, then lets them go.
  useEffect(() => {
    if (playing) reveal();
  }, [playing, reveal]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const visible = !playing || held || active;
  const toggle = useCallback(() => (visible ? hide() : reveal()), [visible, hide, reveal]);
  return { visible, reveal, hide, toggle };
}
