// Tells the server what was watched: a view once 10 s have been seen (or the whole of a shorter video),
// on the watch ticket taken when the player opened, and, for signed-in viewers, where they are (for
// history and resuming) every few seconds and on pause. While a live video plays, that its viewer is
// watching now, every 15 s (its "N watching").
import { type RefObject, useEffect } from 'react';
import { savePosition, useRefreshVideo } from '../api/videos.js';
import { ViewReporter } from './viewReporter.js';

const VIEW_AFTER_SECONDS = 10;
const POSITION_EVERY_SECONDS = 10;
/** How far the position may run ahead of the clock between two updates (they are not exactly timed). */
const TICK_SLACK_SECONDS = 0.25;
/** The server counts a viewer heard from in the last 30 s: two reports' time. */
const PRESENCE_EVERY_MS = 15_000;

export function useWatchReporting(
  videoRef: RefObject<HTMLVideoElement | null>,
  videoId: string,
  signedIn: boolean,
  live: boolean,
) {
  const refreshVideo = useRefreshVideo();
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    let watchedSeconds = 0;
    let lastTime = video.currentTime;
    let lastTickAt = performance.now();
    let viewReported = false;
    let positionSentAt = 0;
    const views = new ViewReporter(videoId);
    let presenceSentAt = Number.NEGATIVE_INFINITY;
    // At the start of playing and every 15 s while it goes on (looked at every 5 s, so a pause or a stall
    // delays the next report by no more than that).
    const reportPresence = () => {
      const now = performance.now();
      if (!live || video.paused || now - presenceSentAt < PRESENCE_EVERY_MS) return;
      presenceSentAt = now;
      void views.reportPresence();
    };
    const presence = setInterval(reportPresence, PRESENCE_EVERY_MS / 3);

    const reportView = () => {
      viewReported = true;
      void views.report(watchedSeconds);
    };
    const reportPosition = () => {
      if (!signedIn || video.currentTime === 0) return;
      positionSentAt = watchedSeconds;
      // Once stored, the cached video learns where to resume (the server decides what counts as finished).
      void savePosition(videoId, video.currentTime).then(() => refreshVideo(videoId));
    };
    // A seek moves the position without anything being watched: counting restarts where it lands.
    const onSeeking = () => {
      lastTime = video.currentTime;
    };
    const onTimeUpdate = () => {
      const step = video.currentTime - lastTime;
      const now = performance.now();
      // No more than the time that passed allows: a jump no seek announced is not watching. (Not a fixed
      // cap: on a busy machine updates come seconds apart, and all of those seconds were watched.)
      const possible = ((now - lastTickAt) / 1000) * video.playbackRate + TICK_SLACK_SECONDS;
      lastTime = video.currentTime;
      lastTickAt = now;
      if (video.paused || video.seeking || step <= 0) return;
      watchedSeconds += Math.min(step, possible);
      if (!viewReported && watchedSeconds >= VIEW_AFTER_SECONDS) reportView();
      if (watchedSeconds - positionSentAt >= POSITION_EVERY_SECONDS) reportPosition();
    };
    const onEnded = () => {
      if (!viewReported && watchedSeconds > 0) reportView();
      reportPosition();
    };

    video.addEventListener('seeking', onSeeking);
    video.addEventListener('timeupdate', onTimeUpdate);
    video.addEventListener('pause', reportPosition);
    video.addEventListener('ended', onEnded);
    video.addEventListener('playing', reportPresence);
    return () => {
      clearInterval(presence);
      video.removeEventListener('playing', reportPresence);
      video.removeEventListener('seeking', onSeeking);
      video.removeEventListener('timeupdate', onTimeUpdate);
      video.removeEventListener('pause', reportPosition);
      video.removeEventListener('ended', onEnded);
      views.stop();
      if (watchedSeconds > 0) reportPosition();
    };
  }, [videoRef, videoId, signedIn, live, refreshVideo]);
}
