// What one account may hold of the upload pipeline, and the errors that name the limit reached.
import { DomainError } from './errors.js';

export interface UploadQuotaLimits {
  /** Uploads started and not yet completed, aborted or expired. */
  uploadsInFlight: number;
  /** Bytes announced by uploads started in the last 24 hours. */
  bytesPerDay: number;
  /** Videos waiting for a worker or being processed. */
  queuedVideos: number;
  /** Processing of the videos probed in the last 24 hours, in gigapixels decoded (see sourceGigapixels). */
  gigapixelsPerDay: number;
}

export type UploadQuotaUsage = UploadQuotaLimits;

/** A limit reached: 429 for what frees itself as work finishes, 413 for the day's bytes. */
export class QuotaExceeded extends DomainError {
  constructor(
    readonly status: 413 | 429,
    code: string,
    message: string,
  ) {
    super(code, message);
  }
}
