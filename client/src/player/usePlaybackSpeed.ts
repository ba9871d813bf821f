// The playback speed: the one chosen last time on this device, set on the video element and kept there
// when a new stream loads into it (loading resets playbackRate to defaultPlaybackRate, so both are set).
import { type RefObject, useCallback, useEffect, useState } from 'react';
import { rememberedSpeed, rememberSpeed } from './rememberedSettings.js';

export function usePlaybackSpeed(videoRef: RefObject<HTMLVideoElement | null>) {
  const [speed, setSpeed] = useState(rememberedSpeed);
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    video.defaultPlaybackRate = speed;
    video.playbackRate = speed;
  }, [videoRef, speed]);
  const chooseSpeed = useCallback((value: number) => {
    rememberSpeed(value);
    setSpeed(value);
  }, []);
  return { speed, chooseSpeed };
}
