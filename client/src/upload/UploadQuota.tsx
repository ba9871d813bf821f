// The small figure under the file picker: how much of each upload limit I use, so a refusal is no surprise.
import { useUploadQuota } from '../api/uploads.js';
import { formatBytes } from '../format/format.js';

export function UploadQuota() {
  const { data: quota } = useUploadQuota();
  if (!quota) return null;
  const { uploadsInFlight, bytesPerDay, queuedVideos, gigapixelsPerDay } = quota;
  const processed = Math.min(100, Math.round((gigapixelsPerDay.used / gigapixelsPerDay.limit) * 100));
  return (
    <p className="hint upload-quota" data-testid="upload-quota">
      Quota: {formatBytes(bytesPerDay.used)} of {formatBytes(bytesPerDay.limit)} uploaded in the last 24 hours
      · {uploadsInFlight.used} of {uploadsInFlight.limit} uploads in progress · {queuedVideos.used} of{' '}
      {queuedVideos.limit} videos waiting to be processed · {processed}% of today's processing allowance used
    </p>
  );
}
