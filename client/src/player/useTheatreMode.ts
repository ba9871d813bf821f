// Theatre mode on the watch page: the player takes the page's whole width, the details and what to watch
// next go under it. The choice is kept for the next video, as viewers expect.
import { useCallback, useEffect, useState } from 'react';
import type { ViewToggle } from './PlayerControls.js';
import { pageStorage } from './pageStorage.js';

const THEATRE_KEY = 'vidstream.theatre';

export function useTheatreMode(): ViewToggle {
  const [on, setOn] = useState(() => pageStorage()?.getItem(THEATRE_KEY) === 'on');
  useEffect(() => pageStorage()?.setItem(THEATRE_KEY, on ? 'on' : 'off'), [on]);
  const toggle = useCallback(() => setOn((was) => !was), []);
  return { on, toggle };
}
