// The control bar over the foot of the picture: the seek bar, then one row of icon buttons — play/pause,
// sound, time, and at the end captions (when the video has some), settings, picture-in-picture, theatre
// and fullscreen. Every control has a
// name (said by screen readers, shown as its tooltip), so the keyboard and assistive tools reach them all.
import type { RefObject } from 'react';
import { formatDuration } from '../format/format.js';
import type { Chapter } from './chapters.js';
import { LiveIndicator } from './LiveIndicator.js';
import { formatBehindLive, type LivePosition, livePosition } from './livePosition.js';
import { PlayerButton } from './PlayerButton.js';
import { SeekBar } from './SeekBar.js';
import { type QualityChoice, SettingsMenu } from './SettingsMenu.js';
import { CAPTIONS_OFF, type CaptionChoice } from './useCaptions.js';
import type { MediaState } from './useMediaState.js';

/** A view of the page the player can switch (theatre mode on the watch page). */
export interface ViewToggle {
  on: boolean;
  toggle: () => void;
}

interface PlayerControlsProps {
  videoRef: RefObject<HTMLVideoElement | null>;
  media: MediaState;
  /** After a control changed the element: its state is read again without waiting for its event. */
  onMediaChanged: () => void;
  storyboardUrl: string | null;
  chapters: readonly Chapter[];
  quality: QualityChoice;
  speed: number;
  onSpeed: (speed: number) => void;
  captions: CaptionChoice;
  settingsOpen: boolean;
  onSettingsOpen: (open: boolean) => void;
  onTogglePlay: () => void;
  fullscreen: boolean;
  onToggleFullscreen: () => void;
  theatre?: ViewToggle;
  /** While the stream is live: the seek bar spans the DVR window, and LIVE takes the time's place. */
  live: boolean;
}

export function PlayerControls(props: PlayerControlsProps) {
  const { media } = props;
  /** Runs an action on the video element (there is none before the first render), shown at once. */
  const onVideo = (action: (video: HTMLVideoElement) => void) => () => {
    if (!props.videoRef.current) return;
    action(props.videoRef.current);
    props.onMediaChanged();
  };
  const silent = media.muted || media.volume === 0;
  const seekTo = (seconds: number) =>
    onVideo((video) => {
      video.currentTime = seconds;
    })();
  const live: LivePosition | null =
    props.live && props.videoRef.current ? livePosition(props.videoRef.current) : null;
  // Live, the bar starts at the window's start: its positions are offsets from there.
  const offset = live?.windowStart ?? 0;
  return (
    <div className="player-controls">
      <SeekBar
        currentTime={media.currentTime - offset}
        bufferedEnd={media.bufferedEnd - offset}
        duration={live ? live.liveTarget - offset : media.duration}
        storyboardUrl={live ? null : props.storyboardUrl}
        chapters={live ? [] : props.chapters}
        onSeek={(seconds) => seekTo(seconds + offset)}
        timeLabel={live ? (seconds) => formatBehindLive(live.liveTarget - offset - seconds) : undefined}
      />
      <div className="player-toolbar">
        <PlayerButton
          label={media.paused ? 'Play' : 'Pause'}
          icon={media.paused ? 'play' : 'pause'}
          shortcut="k"
          onClick={props.onTogglePlay}
        />
        <span className="player-sound">
          <PlayerButton
            label={silent ? 'Unmute' : 'Mute'}
            icon={silent ? 'muted' : 'volume'}
            shortcut="m"
            onClick={onVideo((video) => {
              video.muted = !video.muted;
            })}
          />
          <input
            type="range"
            className="volume"
            aria-label="Volume"
            min={0}
            max={1}
            step={0.05}
            value={media.muted ? 0 : media.volume}
            onChange={(event) =>
              onVideo((video) => {
                video.volume = Number(event.target.value);
                video.muted = false;
              })()
            }
          />
        </span>
        {live ? (
          <LiveIndicator
            position={live}
            onGoLive={() => {
              seekTo(live.liveTarget);
              void props.videoRef.current?.play().catch(() => undefined);
            }}
          />
        ) : (
          <span className="player-time">
            {formatDuration(media.currentTime)} / {formatDuration(media.duration)}
          </span>
        )}
        <span className="player-toolbar-end">
          {props.captions.tracks.length > 0 && (
            <PlayerButton
              label="Captions"
              icon={props.captions.chosen === CAPTIONS_OFF ? 'captions-off' : 'captions'}
              shortcut="c"
              pressed={props.captions.chosen !== CAPTIONS_OFF}
              onClick={props.captions.toggle}
            />
          )}
          <SettingsMenu
            open={props.settingsOpen}
            onOpenChange={props.onSettingsOpen}
            quality={props.quality}
            speed={props.speed}
            onSpeed={props.onSpeed}
            captions={props.captions}
          />
          {document.pictureInPictureEnabled && (
            <PlayerButton
              label="Picture in picture"
              icon="picture-in-picture"
              className="player-pip"
              pressed={media.pictureInPicture}
              // The browser needs the video's dimensions before it can float it.
              disabled={media.duration === 0}
              onClick={onVideo(togglePictureInPicture)}
            />
          )}
          {props.theatre && (
            <PlayerButton
              label="Theatre mode"
              icon="theatre"
              shortcut="t"
              className="player-theatre"
              pressed={props.theatre.on}
              onClick={props.theatre.toggle}
            />
          )}
          <PlayerButton
            label={props.fullscreen ? 'Exit full screen' : 'Full screen'}
            icon={props.fullscreen ? 'exit-fullscreen' : 'fullscreen'}
            shortcut="f"
            onClick={props.onToggleFullscreen}
          />
        </span>
      </div>
    </div>
  );
}

function togglePictureInPicture(video: HTMLVideoElement) {
  const change =
    document.pictureInPictureElement === video
      ? document.exitPictureInPicture()
      : video.requestPictureInPicture();
  // Refused (say, by a browser policy): the button stays unpressed, which says so.
  change.catch((error: unknown) => console.warn('Picture in picture was refused', error));
}
