/** Moves the position by `seconds`, within the video. */
export function seekBy(video: HTMLVideoElement, seconds: number) {
  video.currentTime = Math.min(Math.max(0, video.currentTime + seconds), video.duration || 0);
}
