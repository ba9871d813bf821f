// Whether the next video starts by itself when one ends: on unless the viewer turned it off, kept on this
// device like the theatre mode and the speed. Every switch and the countdown read the one value.
import { useCallback, useSyncExternalStore } from 'react';
import { pageStorage } from '../player/pageStorage.js';

const AUTOPLAY_KEY = 'vidstream.autoplay';
const listeners = new Set<() => void>();

function autoplayOn(): boolean {
  return pageStorage()?.getItem(AUTOPLAY_KEY) !== 'off';
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useAutoplaySetting(): [on: boolean, choose: (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, autoplayOn);
  const choose = useCallback((next: boolean) => {
    pageStorage()?.setItem(AUTOPLAY_KEY, next ? 'on' : 'off');
    for (const listener of listeners) listener();
  }, []);
  return [on, choose];
}
