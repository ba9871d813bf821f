// Taps on the picture of a touch screen, as phone players take them: one tap shows or hides the controls;
// two quick taps on the left or right third seek 10 s back or forward, and each further quick tap on the
// same side 10 s more, with a ripple on that side saying how far. A single tap on a side waits out the
// double-tap window before it counts; in the middle third there is nothing to wait for.
import { useCallback, useEffect, useRef, useState } from 'react';

const DOUBLE_TAP_MS = 350;
const SEEK_STEP_SECONDS = 10;
const RIPPLE_MS = 900;

type Side = 'back' | 'forward';

/** What the last run of taps did, drawn beside the side that was tapped. */
export interface SeekRipple {
  side: Side;
  seconds: number;
  /** Counts the taps of the run, so each one starts the ripple's wave afresh. */
  taps: number;
}

interface TapActions {
  toggleControls: () => void;
  seekBy: (seconds: number) => void;
}

function sideOf(clientX: number, surface: DOMRect): Side | null {
  const third = (clientX - surface.left) / (surface.width / 3);
  if (third < 1) return 'back';
  return third >= 2 ? 'forward' : null;
}

export function useTapGestures({ toggleControls, seekBy }: TapActions) {
  const lastTap = useRef<{ at: number; side: Side } | null>(null);
  const pendingTap = useRef<number | undefined>(undefined);
  const [ripple, setRipple] = useState<SeekRipple | null>(null);

  const tap = useCallback(
    (clientX: number, surface: DOMRect, at: number) => {
      window.clearTimeout(pendingTap.current);
      const side = sideOf(clientX, surface);
      const previous = lastTap.current;
      lastTap.current = side ? { at, side } : null;
      if (!side) return toggleControls();
      if (previous?.side === side && at - previous.at < DOUBLE_TAP_MS) {
        seekBy(side === 'back' ? -SEEK_STEP_SECONDS : SEEK_STEP_SECONDS);
        setRipple((shown) =>
          shown?.side === side
            ? { side, seconds: shown.seconds + SEEK_STEP_SECONDS, taps: shown.taps + 1 }
            : { side, seconds: SEEK_STEP_SECONDS, taps: 1 },
        );
        return;
      }
      pendingTap.current = window.setTimeout(toggleControls, DOUBLE_TAP_MS);
    },
    [toggleControls, seekBy],
  );

  useEffect(() => {
    if (!ripple) return;
    const timer = window.setTimeout(() => setRipple(null), RIPPLE_MS);
    return () => window.clearTimeout(timer);
  }, [ripple]);
  useEffect(() => () => window.clearTimeout(pendingTap.current), []);

  return { tap, ripple };
}
