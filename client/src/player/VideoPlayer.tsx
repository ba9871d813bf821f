// The player: the poster and a large Play button first, then the stream with our own controls, so the
// quality menu, storyboard previews and fullscreen (of the whole player) work the same everywhere.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Video } from '../api/client.js';
import { PlayerControls } from './PlayerControls.js';
import { rememberVolume, restoreVolume } from './rememberedVolume.js';
import { useHlsPlayback } from './useHlsPlayback.js';
import { useMediaState } from './useMediaState.js';
import { usePlayerShortcuts } from './usePlayerShortcuts.js';
import { useWatchReporting } from './useWatchReporting.js';

interface VideoPlayerProps {
  video: Video;
  /** The video's playable stream (its hlsUrl once it is ready). */
  hlsUrl: string;
  signedIn: boolean;
  /** Where to start instead of where the viewer stopped last time (a link's `?t=`, an embed's `?start=`). */
  startAt?: number;
  /** Starts by itself, muted: browsers let only muted video start without a click. */
  autoplay?: boolean;
}

export function VideoPlayer({ video, hlsUrl, signedIn, startAt, autoplay = false }: VideoPlayerProps) {
  const frame = useRef<HTMLDivElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const playback = useHlsPlayback(videoRef, hlsUrl, startAt ?? video.resumeAtSeconds ?? 0);
  const media = useMediaState(videoRef);
  useWatchReporting(videoRef, video.id, signedIn);
  const [started, setStarted] = useState(false);
  const [speed, setSpeed] = useState(1);
  const [fullscreen, setFullscreen] = useState(false);

  const toggleFullscreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void frame.current?.requestFullscreen();
  }, []);
  usePlayerShortcuts(videoRef, toggleFullscreen);

  useEffect(() => {
    if (videoRef.current) restoreVolume(videoRef.current);
    const onFullscreenChange = () => setFullscreen(document.fullscreenElement === frame.current);
    document.addEventListener('fullscreenchange', onFullscreenChange);
    return () => document.removeEventListener('fullscreenchange', onFullscreenChange);
  }, []);
  // After the remembered volume: a muted start is what lets the browser start without a click.
  useEffect(() => {
    if (autoplay && videoRef.current) videoRef.current.muted = true;
  }, [autoplay]);

  function togglePlay() {
    const element = videoRef.current;
    if (!element) return;
    if (!element.paused) return element.pause();
    element.play().catch((error: unknown) => {
      // The browser refusing to start (no user gesture) is not a failure of the video.
      if (!(error instanceof DOMException && error.name === 'NotAllowedError')) {
        playback.setFailure('The video could not start. Try again.');
      }
    });
  }

  function chooseSpeed(value: number) {
    if (videoRef.current) videoRef.current.playbackRate = value;
    setSpeed(value);
  }

  return (
    <div className={fullscreen ? 'player player-fullscreen' : 'player'} ref={frame}>
      <div className="player-screen">
        {/* biome-ignore lint/a11y/useMediaCaption: uploads carry no caption tracks yet */}
        <video
          ref={videoRef}
          poster={video.posterUrl ?? undefined}
          playsInline
          autoPlay={autoplay}
          aria-label={video.title}
          onClick={togglePlay}
          onPlay={() => setStarted(true)}
          onVolumeChange={(event) => rememberVolume(event.currentTarget)}
          onError={(event) => {
            if (event.currentTarget.error)
              playback.setFailure('The video could not be played in this browser.');
          }}
        />
        {!started && !playback.failure && (
          <button type="button" className="big-play" onClick={togglePlay} aria-label="Play video">
            <span aria-hidden="true">▶</span>
          </button>
        )}
        {playback.failure && (
          <div className="player-failure" role="alert">
            <p>{playback.failure}</p>
            <button type="button" onClick={playback.retry}>
              Try again
            </button>
          </div>
        )}
      </div>
      <PlayerControls
        videoRef={videoRef}
        media={media}
        storyboardUrl={video.storyboardUrl}
        quality={playback}
        speed={speed}
        onSpeed={chooseSpeed}
        fullscreen={fullscreen}
        onToggleFullscreen={toggleFullscreen}
      />
    </div>
  );
}
