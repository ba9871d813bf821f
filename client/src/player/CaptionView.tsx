// The cues of the captions shown, drawn over the picture just above the control bar (lower while the
// controls are hidden), rather than where the browser would put them, under our controls. A cue's
// markup becomes nodes through the browser's own WebVTT parser (getCueAsHTML), never through innerHTML.
import { type RefObject, useEffect, useRef } from 'react';

export function CaptionView({ videoRef }: { videoRef: RefObject<HTMLVideoElement | null> }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    let watched: TextTrack | null = null;
    const draw = () => {
      const cues = [...(watched?.activeCues ?? [])].filter((cue): cue is VTTCue => 'getCueAsHTML' in cue);
      box.current?.replaceChildren(
        ...cues.map((cue) => {
          const line = document.createElement('span');
          line.className = 'player-caption-cue';
          line.append(cue.getCueAsHTML());
          return line;
        }),
      );
    };
    // hls.js shows the chosen language by making its text track hidden (loaded, not drawn) and the others disabled.
    const follow = () => {
      const shown = [...video.textTracks].find((track) => track.mode === 'hidden') ?? null;
      if (shown === watched) return;
      watched?.removeEventListener('cuechange', draw);
      watched = shown;
      watched?.addEventListener('cuechange', draw);
      draw();
    };
    video.textTracks.addEventListener('change', follow);
    video.textTracks.addEventListener('addtrack', follow);
    follow();
    return () => {
      video.textTracks.removeEventListener('change', follow);
      video.textTracks.removeEventListener('addtrack', follow);
      watched?.removeEventListener('cuechange', draw);
    };
  }, [videoRef]);
  return <div className="player-captions" ref={box} aria-live="off" />;
}
