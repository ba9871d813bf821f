// What the <video> element is doing, as React state: playing or paused, position, length, volume, and
// whether it is in a picture-in-picture window.
import { type RefObject, useEffect, useState } from 'react';

export interface MediaState {
  paused: boolean;
  currentTime: number;
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
  'emptied',
  'enterpictureinpicture',
  'leavepictureinpicture',
];

function read(video: HTMLVideoElement): MediaState {
  const { paused, currentTime, volume, muted } = video;
  return {
    paused,
    currentTime,
    duration: Number.isFinite(video.duration) ? video.duration : 0,
    volume,
    muted,
    pictureInPicture: document.pictureInPictureElement === video,
  };
}

export function useMediaState(videoRef: RefObject<HTMLVideoElement | null>): MediaState {
  const [state, setState] = useState<MediaState>({
    paused: true,
    currentTime: 0,
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
  return state;
}
