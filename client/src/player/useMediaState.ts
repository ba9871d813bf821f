// What the <video> element is doing, as React state: playing or paused, position, how far it has loaded,
// whether it waits for data, length, volume, and whether it is in a picture-in-picture window.
import { type RefObject, useCallback, useEffect, useState } from 'react';

export interface MediaState {
  paused: boolean;
  currentTime: number;
  /** The end of the loaded stretch that holds the position (the seek bar's buffered range). */
  bufferedEnd: number;
  /** Playing, or moving to a new position, but held up until more of the stream arrives. */
  waiting: boolean;
  duration: number;
  volume: number;
  muted: boolean;
  pictureInPicture: boolean;
}

const EVENTS = [
  'play',
  'pause',
  'timeupdate',
  'durationchange',
  'volumechange',
  'seeking',
  'seeked',
  'progress',
  'waiting',
  'playing',
  'canplay',
  'emptied',
  'enterpictureinpicture',
  'leavepictureinpicture',
];

function bufferedEnd(video: HTMLVideoElement): number {
  const { buffered, currentTime } = video;
  for (let range = 0; range < buffered.length; range++) {
    // A little slack: after a seek the position can sit just before the first loaded frame.
    if (buffered.start(range) <= currentTime + 0.5 && currentTime <= buffered.end(range)) {
      return buffered.end(range);
    }
  }
  return currentTime;
}

function read(video: HTMLVideoElement): MediaState {
  const { paused, currentTime, volume, muted } = video;
  return {
    paused,
    currentTime,
    bufferedEnd: bufferedEnd(video),
    waiting: video.seeking || (!paused && video.readyState < HTMLMediaElement.HAVE_FUTURE_DATA),
    duration: Number.isFinite(video.duration) ? video.duration : 0,
    volume,
    muted,
    pictureInPicture: document.pictureInPictureElement === video,
  };
}

/**
 * The element's state, and `refresh`, which reads it again at once: after the player itself changes the
 * element (a slider moved), so the slider does not snap back until the element's own event arrives.
 */
export function useMediaState(videoRef: RefObject<HTMLVideoElement | null>) {
  const [state, setState] = useState<MediaState>({
    paused: true,
    currentTime: 0,
    bufferedEnd: 0,
    waiting: false,
    duration: 0,
    volume: 1,
    muted: false,
    pictureInPicture: false,
  });
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const update = () => setState(read(video));
    for (const event of EVENTS) video.addEventListener(event, update);
    update();
    return () => {
      for (const event of EVENTS) video.removeEventListener(event, update);
    };
  }, [videoRef]);
  const refresh = useCallback(() => {
    if (videoRef.current) setState(read(videoRef.current));
  }, [videoRef]);
  return { media: state, refresh };
}
