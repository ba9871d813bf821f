// The control bar under the picture: play/pause, position, time, sound, quality, speed, picture-in-picture
// and fullscreen. Every control is a labelled button or field, so the keyboard reaches them all.
import type { RefObject } from 'react';
import { formatDuration } from '../format/format.js';
import { QualityMenu } from './QualityMenu.js';
import { SeekBar } from './SeekBar.js';
import { SpeedMenu } from './SpeedMenu.js';
import type { QualityLevel } from './useHlsPlayback.js';
import type { MediaState } from './useMediaState.js';

interface PlayerControlsProps {
  videoRef: RefObject<HTMLVideoElement | null>;
  media: MediaState;
  storyboardUrl: string | null;
  quality: {
    levels: QualityLevel[];
    chosenLevel: number;
    playingLevel: number;
    chooseLevel: (index: number) => void;
  };
  speed: number;
  onSpeed: (speed: number) => void;
  fullscreen: boolean;
  onToggleFullscreen: () => void;
}

export function PlayerControls(props: PlayerControlsProps) {
  const { media, quality } = props;
  /** Runs an action on the video element (there is none before the first render). */
  const onVideo = (action: (video: HTMLVideoElement) => void) => () => {
    if (props.videoRef.current) action(props.videoRef.current);
  };
  const silent = media.muted || media.volume === 0;
  return (
    <div className="player-controls">
      <SeekBar
        currentTime={media.currentTime}
        duration={media.duration}
        storyboardUrl={props.storyboardUrl}
        onSeek={(seconds) =>
          onVideo((video) => {
            video.currentTime = seconds;
          })()
        }
      />
      <div className="player-toolbar">
        <button
          type="button"
          onClick={onVideo((video) => (video.paused ? void video.play() : video.pause()))}
        >
          {media.paused ? 'Play' : 'Pause'}
        </button>
        <span className="player-time">
          {formatDuration(media.currentTime)} / {formatDuration(media.duration)}
        </span>
        <button
          type="button"
          aria-pressed={silent}
          onClick={onVideo((video) => {
            video.muted = !video.muted;
          })}
        >
          {silent ? 'Unmute' : 'Mute'}
        </button>
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
        <span className="player-toolbar-end">
          <QualityMenu
            levels={quality.levels}
            chosenLevel={quality.chosenLevel}
            playingLevel={quality.playingLevel}
            onChoose={quality.chooseLevel}
          />
          <SpeedMenu speed={props.speed} onChoose={props.onSpeed} />
          {document.pictureInPictureEnabled && (
            <button
              type="button"
              aria-pressed={media.pictureInPicture}
              // The browser needs the video's dimensions before it can float it.
              disabled={media.duration === 0}
              onClick={onVideo(togglePictureInPicture)}
            >
              Picture in picture
            </button>
          )}
          <button type="button" onClick={props.onToggleFullscreen} aria-pressed={props.fullscreen}>
            {props.fullscreen ? 'Exit full screen' : 'Full screen'}
          </button>
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
