// The player: the poster and a large Play button first, then the stream with our own controls over the
// picture, so the settings menu, storyboard previews and fullscreen (of the whole player) work the same
// everywhere. The controls step aside while the video plays; the mouse, a key or a tap brings them back.
import { type MouseEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Video } from '../api/client.js';
import { CaptionView } from './CaptionView.js';
import { type MiniPlayerActions, MiniPlayerBar } from './MiniPlayerBar.js';
import { PlayerControls, type ViewToggle } from './PlayerControls.js';
import { PlayerIcon } from './PlayerIcon.js';
import { rememberVolume, restoreVolume } from './rememberedVolume.js';
import { SeekRippleView } from './SeekRippleView.js';
import { seekBy } from './seekBy.js';
import { useCaptions } from './useCaptions.js';
import { useControlsVisibility } from './useControlsVisibility.js';
import { useHlsPlayback } from './useHlsPlayback.js';
import { useMediaState } from './useMediaState.js';
import { usePlaybackSpeed } from './usePlaybackSpeed.js';
import { usePlayerShortcuts } from './usePlayerShortcuts.js';
import { useTapGestures } from './useTapGestures.js';
import { useWatchReporting } from './useWatchReporting.js';

export interface VideoPlayerProps {
  video: Video;
  /** The video's playable stream (its hlsUrl once it is ready). */
  hlsUrl: string;
  signedIn: boolean;
  /** Where to start instead of where the viewer stopped last time (a link's `?t=`, an embed's `?start=`). */
  startAt?: number;
  /** Starts by itself, muted: browsers let only muted video start without a click. */
  autoplay?: boolean;
  /** The watch page's theatre mode, where it has one. */
  theatre?: ViewToggle;
  /** Shown as the mini-player in a corner of another page: its own small bar, and no keyboard shortcuts. */
  mini?: MiniPlayerActions;
}

export function VideoPlayer({
  video,
  hlsUrl,
  signedIn,
  startAt,
  autoplay = false,
  theatre,
  mini,
}: VideoPlayerProps) {
  const frame = useRef<HTMLElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const live = video.live?.state === 'live';
  // A stream that ends while watched plays on as its recording, and says so.
  const [openedLive] = useState(live);
  const playback = useHlsPlayback(videoRef, hlsUrl, startAt ?? video.resumeAtSeconds ?? 0, live);
  const { media, refresh: refreshMedia } = useMediaState(videoRef);
  const { speed, chooseSpeed } = usePlaybackSpeed(videoRef);
  const captions = useCaptions(playback.hls);
  useWatchReporting(videoRef, video.id, signedIn, live);
  const [started, setStarted] = useState(false);
  const [fullscreen, setFullscreen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [keyboardFocus, setKeyboardFocus] = useState(false);
  const [pointerOnControls, setPointerOnControls] = useState(false);
  // Touch screens get taps and double taps on the picture; a mouse gets clicks.
  const [touch, setTouch] = useState(false);
  const controls = useControlsVisibility(!media.paused, settingsOpen || keyboardFocus || pointerOnControls);

  const toggleFullscreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void frame.current?.requestFullscreen();
  }, []);
  const toggleCaptions = captions.tracks.length > 0 ? captions.toggle : undefined;
  const shortcuts = useMemo(
    () => ({
      toggleFullscreen,
      toggleTheatre: theatre?.toggle,
      toggleCaptions,
      afterShortcut: controls.reveal,
    }),
    [toggleFullscreen, theatre?.toggle, toggleCaptions, controls.reveal],
  );
  usePlayerShortcuts(videoRef, mini ? null : shortcuts);
  const gestures = useTapGestures({
    toggleControls: controls.toggle,
    seekBy: useCallback((seconds: number) => videoRef.current && seekBy(videoRef.current, seconds), []),
  });

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

  function onPictureClick(event: MouseEvent<HTMLVideoElement>) {
    if (touch && !mini)
      gestures.tap(event.clientX, event.currentTarget.getBoundingClientRect(), event.timeStamp);
    else togglePlay();
  }

  const centreButton =
    !mini && !playback.failure && (!started || (controls.visible && (media.paused || touch)));
  const classes = [
    'player',
    fullscreen && 'player-fullscreen',
    mini ? 'player-mini' : !controls.visible && 'player-idle',
  ];
  return (
    <section
      className={classes.filter(Boolean).join(' ')}
      ref={frame}
      aria-label="Video player"
      onPointerDownCapture={(event) => setTouch(event.pointerType === 'touch')}
      onPointerMove={(event) => {
        if (event.pointerType !== 'mouse') return;
        controls.reveal();
        setPointerOnControls((event.target as Element).closest('.player-controls') !== null);
      }}
      onPointerLeave={(event) => {
        if (event.pointerType !== 'mouse') return;
        setPointerOnControls(false);
        if (!media.paused) controls.hide();
      }}
      onFocus={(event) => setKeyboardFocus(event.target.matches(':focus-visible'))}
      onBlur={() => setKeyboardFocus(false)}
    >
      <div className="player-screen">
        {/* biome-ignore lint/a11y/useMediaCaption: captions come as text tracks hls.js adds from the master playlist */}
        <video
          ref={videoRef}
          poster={video.posterUrl ?? undefined}
          playsInline
          autoPlay={autoplay}
          aria-label={video.title}
          onClick={onPictureClick}
          onDoubleClick={() => !touch && !mini && toggleFullscreen()}
          onPlay={() => setStarted(true)}
          onVolumeChange={(event) => rememberVolume(event.currentTarget)}
          onError={(event) => {
            if (event.currentTarget.error)
              playback.setFailure('The video could not be played in this browser.');
          }}
        />
        <CaptionView videoRef={videoRef} />
        {openedLive && !live && !mini && (
          <p className="player-stream-ended" role="status">
            The live stream has ended: this is its recording.
          </p>
        )}
        {started && media.waiting && !playback.failure && (
          <div className="player-spinner" role="status">
            <span className="visually-hidden">Loading</span>
          </div>
        )}
        {gestures.ripple && <SeekRippleView ripple={gestures.ripple} />}
        {centreButton && (
          <button
            type="button"
            className="big-play"
            onClick={togglePlay}
            aria-label={media.paused ? 'Play video' : 'Pause video'}
          >
            <PlayerIcon name={media.paused ? 'play' : 'pause'} />
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
        {!mini && (
          <PlayerControls
            videoRef={videoRef}
            media={media}
            onMediaChanged={refreshMedia}
            storyboardUrl={video.storyboardUrl}
            chapters={video.chapters}
            quality={playback}
            speed={speed}
            onSpeed={chooseSpeed}
            captions={captions}
            settingsOpen={settingsOpen}
            onSettingsOpen={setSettingsOpen}
            onTogglePlay={togglePlay}
            fullscreen={fullscreen}
            onToggleFullscreen={toggleFullscreen}
            theatre={theatre}
            live={live}
          />
        )}
      </div>
      {mini && (
        <MiniPlayerBar title={video.title} paused={media.paused} onTogglePlay={togglePlay} actions={mini} />
      )}
    </section>
  );
}
