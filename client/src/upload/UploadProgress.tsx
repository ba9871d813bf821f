// The upload's bar: bytes sent of the total, speed and time left, with pause and resume.
import { formatBytes, formatDuration } from '../format/format.js';
import type { UploadStatus } from './useUpload.js';

interface UploadProgressProps {
  status: UploadStatus;
  onPause: () => void;
  onResume: () => void;
}

export function UploadProgress({ status, onPause, onResume }: UploadProgressProps) {
  const percent = status.totalBytes ? Math.floor((status.sentBytes / status.totalBytes) * 100) : 0;
  const uploading = status.phase === 'uploading' || status.phase === 'preparing';
  return (
    <section className="upload-progress card" aria-label="Upload progress">
      <p>
        <strong>{status.fileName}</strong>
      </p>
      <progress max={100} value={percent} aria-label="Uploaded" />
      <p className="upload-numbers" aria-live="polite">
        <span>
          {formatBytes(status.sentBytes)} of {formatBytes(status.totalBytes)} ({percent}%)
        </span>
        {status.phase === 'uploading' && status.bytesPerSecond > 0 && (
          <span>
            {formatBytes(status.bytesPerSecond)}/s
            {status.secondsLeft !== null && ` · ${formatDuration(status.secondsLeft)} left`}
          </span>
        )}
        {status.phase === 'paused' && <span>Paused</span>}
        {status.phase === 'uploaded' && <span>Upload complete</span>}
      </p>
      {status.error && (
        <p className="error" role="alert">
          {status.error}
        </p>
      )}
      {uploading && (
        <button type="button" onClick={onPause}>
          Pause
        </button>
      )}
      {(status.phase === 'paused' || status.phase === 'failed') && (
        <button type="button" onClick={onResume}>
          Resume
        </button>
      )}
    </section>
  );
}
