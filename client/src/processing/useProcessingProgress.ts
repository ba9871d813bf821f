// Live processing progress of my own video from the server's event stream, until it is ready or failed.
// When it ends, the cached video is refreshed so the page shows the player (or the reason it failed).
import { useEffect, useState } from 'react';
import type { VideoState } from '../api/client.js';
import { useRefreshVideo } from '../api/videos.js';

export interface ProcessingProgress {
  state: VideoState;
  /** 0–100 while processing. */
  progress?: number;
  error?: string | null;
}

const FINAL: VideoState[] = ['ready', 'failed', 'deleted'];

export function useProcessingProgress(videoId: string, initial: ProcessingProgress, enabled: boolean) {
  const [latest, setLatest] = useState(initial);
  const refreshVideo = useRefreshVideo();

  useEffect(() => {
    if (!enabled) return;
    const events = new EventSource(`/api/v1/videos/${encodeURIComponent(videoId)}/events`);
    events.addEventListener('progress', (message) => {
      const update = JSON.parse((message as MessageEvent<string>).data) as ProcessingProgress;
      setLatest(update);
      if (FINAL.includes(update.state)) {
        // Closing first: the server ends the stream here, and EventSource would otherwise reconnect.
        events.close();
        void refreshVideo(videoId);
      }
    });
    return () => events.close();
  }, [videoId, enabled, refreshVideo]);

  return latest;
}
