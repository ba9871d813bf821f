// Attaches an HLS stream to a <video>: hls.js wherever the browser has Media Source Extensions (it gives
// us the rungs and manual quality), the browser's own HLS elsewhere (iOS Safari). A rung chosen by hand is
// remembered on the device and chosen again for the next video that has it.
import type Hls from 'hls.js';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { loadHls } from './hlsLibrary.js';
import { LIVE_HLS_CONFIG } from './liveSettings.js';
import { rememberedQuality, rememberQuality } from './rememberedSettings.js';

export interface QualityLevel {
  index: number;
  /** The rung's name as the server plans it: its short side, "360p". */
  label: string;
}

/** Which rung plays: AUTO lets hls.js choose from the measured bandwidth. */
export const AUTO = -1;

/**
 * Plays `source` in the video element, starting `startAt` seconds in; a `live` stream starts at its live
 * edge, with the live settings (liveSettings.ts).
 */
export function useHlsPlayback(
  videoRef: RefObject<HTMLVideoElement | null>,
  source: string,
  startAt: number,
  live: boolean,
) {
  const hlsRef = useRef<Hls | null>(null);
  /** The same instance, for hooks that follow it (captions). */
  const [instance, setInstance] = useState<Hls | null>(null);
  const [levels, setLevels] = useState<QualityLevel[]>([]);
  const [playingLevel, setPlayingLevel] = useState(AUTO);
  const [chosenLevel, setChosenLevel] = useState(AUTO);
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: startAt and live count only when a stream starts (a later resume point must not restart playback, and a stream that ends plays on as its recording); a new attempt does start afresh
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    let hls: Hls | undefined;
    let cancelled = false;
    setFailure(null);
    void loadHls().then(({ default: HlsPlayer }) => {
      if (cancelled) return;
      if (!HlsPlayer.isSupported()) {
        if (video.canPlayType('application/vnd.apple.mpegurl')) {
          video.src = source;
          // The browser's own HLS joins a live stream at its edge.
          if (!live) video.currentTime = startAt;
        } else
          setFailure('This browser cannot play streaming video. Try a recent Chrome, Firefox or Safari.');
        return;
      }
      hls = new HlsPlayer(
        live ? { ...LIVE_HLS_CONFIG, startPosition: -1 } : { startPosition: startAt || -1 },
      );
      hlsRef.current = hls;
      setInstance(hls);
      hls.on(HlsPlayer.Events.MANIFEST_PARSED, (_event, data) => {
        const parsed = data.levels.map((level, index) => ({
          index,
          label: `${Math.min(level.width, level.height)}p`,
        }));
        setLevels(parsed);
        const remembered = parsed.find((level) => level.label === rememberedQuality());
        if (!remembered || !hls) return;
        // Before the first segment: loadLevel fixes the rung without flushing anything.
        hls.loadLevel = remembered.index;
        setChosenLevel(remembered.index);
      });
      hls.on(HlsPlayer.Events.LEVEL_SWITCHED, (_event, data) => setPlayingLevel(data.level));
      hls.on(HlsPlayer.Events.ERROR, (_event, data) => {
        if (!data.fatal) return;
        setFailure(
          data.type === HlsPlayer.ErrorTypes.NETWORK_ERROR
            ? 'The video could not be loaded: check your connection and try again.'
            : 'The video could not be decoded in this browser.',
        );
        hls?.destroy();
      });
      hls.loadSource(source);
      hls.attachMedia(video);
    });
    return () => {
      cancelled = true;
      hls?.destroy();
      hlsRef.current = null;
      setInstance(null);
      setLevels([]);
      setChosenLevel(AUTO);
    };
  }, [source, attempt]);

  const chooseLevel = useCallback(
    (index: number) => {
      const hls = hlsRef.current;
      if (!hls) return;
      // currentLevel switches at once (flushing the buffer); AUTO hands the choice back to hls.js.
      hls.currentLevel = index;
      setChosenLevel(index);
      rememberQuality(levels.find((level) => level.index === index)?.label ?? null);
    },
    [levels],
  );

  const retry = useCallback(() => setAttempt((count) => count + 1), []);

  return { hls: instance, levels, playingLevel, chosenLevel, chooseLevel, failure, setFailure, retry };
}
