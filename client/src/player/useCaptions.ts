// The captions hls.js found in the master playlist (one SUBTITLES rendition per language), which one
// shows, and the language chosen last on this device, chosen again for the next video that has it.
// hls.js loads the chosen track's cues into a hidden text track: CaptionView draws them.
import type Hls from 'hls.js';
import { useCallback, useEffect, useRef, useState } from 'react';
import { loadHls } from './hlsLibrary.js';
import { rememberCaptions, rememberedCaptions } from './rememberedSettings.js';

export interface CaptionTrack {
  index: number;
  language: string;
  label: string;
}

/** No captions shown. */
export const CAPTIONS_OFF = -1;

export function useCaptions(hls: Hls | null) {
  const [tracks, setTracks] = useState<CaptionTrack[]>([]);
  const [chosen, setChosen] = useState(CAPTIONS_OFF);
  /** What `c` turns on again: the language shown last. */
  const lastLanguage = useRef(rememberedCaptions());

  useEffect(() => {
    if (!hls) return;
    hls.subtitleDisplay = false;
    const onTracks = () => {
      const found = hls.subtitleTracks.map((track, index) => ({
        index,
        language: track.lang ?? '',
        label: track.name,
      }));
      setTracks(found);
      const remembered = found.find((track) => track.language === rememberedCaptions());
      hls.subtitleTrack = remembered?.index ?? CAPTIONS_OFF;
      setChosen(remembered?.index ?? CAPTIONS_OFF);
    };
    let cancelled = false;
    let stopListening = () => {};
    // The library is loaded already (it made `hls`): this only reaches its event names.
    void loadHls().then(({ default: HlsPlayer }) => {
      if (cancelled) return;
      const updated = HlsPlayer.Events.SUBTITLE_TRACKS_UPDATED;
      hls.on(updated, onTracks);
      stopListening = () => hls.off(updated, onTracks);
      // The playlist may have been read before this listener was added.
      if (hls.subtitleTracks.length > 0) onTracks();
    });
    return () => {
      cancelled = true;
      stopListening();
      setTracks([]);
      setChosen(CAPTIONS_OFF);
    };
  }, [hls]);

  const choose = useCallback(
    (index: number) => {
      if (!hls) return;
      hls.subtitleTrack = index;
      setChosen(index);
      const language = tracks.find((track) => track.index === index)?.language ?? null;
      if (language) lastLanguage.current = language;
      rememberCaptions(language);
    },
    [hls, tracks],
  );

  /** On with the language shown last (or the first), or off. */
  const toggle = useCallback(() => {
    if (chosen !== CAPTIONS_OFF) return choose(CAPTIONS_OFF);
    const last = tracks.find((track) => track.language === lastLanguage.current) ?? tracks[0];
    if (last) choose(last.index);
  }, [chosen, tracks, choose]);

  return { tracks, chosen, choose, toggle };
}

export type CaptionChoice = ReturnType<typeof useCaptions>;
