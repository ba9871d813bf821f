// What a video still being prepared is doing: waiting, processing with a live percent, or failed and why.
// As a placeholder it takes the player's place; otherwise it is one line (under a player that already
// plays the first rungs, or on the upload page).
import type { Video } from '../api/client.js';
import { useProcessingProgress } from './useProcessingProgress.js';

const WAITING: Partial<Record<Video['state'], string>> = {
  awaiting_upload: 'Waiting for the upload to finish.',
  queued: 'Queued for processing…',
  deleted: 'This video was deleted.',
};

interface ProcessingStatusProps {
  video: Video;
  /** Follow the progress live (only the owner may). */
  live: boolean;
  placeholder?: boolean;
}

export function ProcessingStatus({ video, live, placeholder = false }: ProcessingStatusProps) {
  const { state, progress, error } = useProcessingProgress(video.id, video, live);
  const percent = Math.round(progress ?? 0);
  const className = placeholder ? 'processing processing-placeholder card' : 'processing card';

  if (state === 'failed') {
    return (
      <div className={className} role="alert">
        <p className="error">Processing failed: {error ?? 'the file could not be read as a video.'}</p>
      </div>
    );
  }
  return (
    <div className={className}>
      {state === 'processing' ? (
        <>
          <p aria-live="polite">Processing: {percent}%</p>
          <progress max={100} value={percent} aria-label="Processing progress" />
        </>
      ) : (
        <p aria-live="polite">{state === 'ready' ? 'Ready.' : WAITING[state]}</p>
      )}
    </div>
  );
}
