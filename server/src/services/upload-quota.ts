// The per-account upload quotas: what may be started, queued, and uploaded in a day. Counted in
// PostgreSQL, where nothing evicts them; the daily bytes from a ledger that deleting cannot reduce. The
// limits are the instance settings', read from the copy each process keeps, so a check costs no more.
import type { Kysely } from 'kysely';
import type { Database } from '../adapters/db/schema.js';
import type { UploadQuotaRepository } from '../adapters/db/upload-quota.repository.js';
import { QuotaExceeded, type UploadQuotaLimits, type UploadQuotaUsage } from '../domain/upload-quota.js';
import { type SourceFacts, sourceGigapixels, UnusableSource } from '../media/source-facts.js';
import { formatBytes } from './format-bytes.js';

export interface UploadQuotaStatus {
  limits: UploadQuotaLimits;
  usage: UploadQuotaUsage;
}

export class UploadQuota {
  constructor(
    private readonly counts: UploadQuotaRepository,
    private readonly limits: () => Promise<UploadQuotaLimits>,
  ) {}

  async status(ownerId: string, now: Date): Promise<UploadQuotaStatus> {
    const [limits, usage] = await Promise.all([this.limits(), this.counts.usage(ownerId, now)]);
    return { limits, usage };
  }

  /** Throws if starting an upload of `bytes` would pass a limit. Cheap: no lock, for a fast refusal. */
  async checkStart(ownerId: string, bytes: number, now: Date): Promise<void> {
    this.refuseStart(await this.limits(), await this.counts.usage(ownerId, now), bytes);
  }

  /** Checks again with the account locked, and records the bytes and inserts the upload under that lock. */
  async admitStart<T>(
    ownerId: string,
    bytes: number,
    now: Date,
    insert: (transaction: Kysely<Database>) => Promise<T>,
  ): Promise<T> {
    const limits = await this.limits();
    return this.counts.admitStart(
      ownerId,
      bytes,
      now,
      (usage) => this.refuseStart(limits, usage, bytes),
      insert,
    );
  }

  /**
   * Throws if one more queued video would pass the limit (cheap: no lock, for a fast refusal), and returns
   * the same check to run again in the transaction that queues the video, with the account locked until
   * it ends, so that parallel completions are counted one after another. The limits are read here, not in
   * that transaction: on embedded PGlite it holds the one connection, and a read of the settings would
   * wait for it until the pool gave up.
   */
  async checkQueue(ownerId: string, now: Date): Promise<(transaction: Kysely<Database>) => Promise<void>> {
    const limits = await this.limits();
    this.refuseQueue(limits, await this.counts.usage(ownerId, now));
    return async (transaction) =>
      this.refuseQueue(limits, await this.counts.lockedUsage(ownerId, now, transaction));
  }

  /**
   * Charges a probed source's processing to its owner's day, or refuses it for good with a sentence that
   * says what the allowance is: another attempt would meet the same day.
   */
  async admitCompute(ownerId: string, videoId: string, source: SourceFacts, now: Date): Promise<void> {
    const cost = sourceGigapixels(source);
    const { gigapixelsPerDay: allowance } = await this.limits();
    await this.counts.admitCompute(ownerId, videoId, cost, now, ({ gigapixelsPerDay: used }) => {
      if (used + cost <= allowance) return;
      throw new UnusableSource(
        `Processing this video would take your account past its daily allowance of ${inHoursOf1080p(allowance)}: ` +
          `it needs ${inHoursOf1080p(cost)}, and ${inHoursOf1080p(used)} went to your videos of the last 24 hours. ` +
          'Upload it again tomorrow, or a shorter or smaller version',
        `compute allowance: ${cost.toFixed(1)} + ${used.toFixed(1)} > ${allowance} gigapixels`,
      );
    });
  }

  private refuseQueue(limits: UploadQuotaLimits, { queuedVideos, gigapixelsPerDay }: UploadQuotaUsage): void {
    if (gigapixelsPerDay >= limits.gigapixelsPerDay) {
      throw new QuotaExceeded(
        429,
        'daily_compute_limit',
        `Your videos of the last 24 hours used your daily processing allowance (${inHoursOf1080p(limits.gigapixelsPerDay)}); ` +
          'your upload is kept: publish it again tomorrow',
      );
    }
    if (queuedVideos >= limits.queuedVideos) {
      throw new QuotaExceeded(
        429,
        'queued_videos_limit',
        `You have ${queuedVideos} videos waiting to be processed, the most allowed at once (${limits.queuedVideos}); ` +
          'your upload is kept: publish it again once one of them is ready',
      );
    }
  }

  private refuseStart(limits: UploadQuotaLimits, usage: UploadQuotaUsage, bytes: number): void {
    if (usage.uploadsInFlight >= limits.uploadsInFlight) {
      throw new QuotaExceeded(
        429,
        'uploads_in_flight_limit',
        `You have ${usage.uploadsInFlight} uploads in progress, the most allowed at once (${limits.uploadsInFlight}); ` +
          'finish or discard one before starting another',
      );
    }
    if (usage.bytesPerDay + bytes > limits.bytesPerDay) {
      throw new QuotaExceeded(
        413,
        'daily_upload_limit',
        `You may upload ${formatBytes(limits.bytesPerDay)} a day; you started ${formatBytes(usage.bytesPerDay)} ` +
          `in the last 24 hours and this file is ${formatBytes(bytes)}`,
      );
    }
  }
}

/** Gigapixels in words a person can weigh: "about 6.7 hours of 1080p video at 30 fps". */
function inHoursOf1080p(gigapixels: number): string {
  const hours = gigapixels / ((1920 * 1080 * 30 * 3600) / 1e9);
  const rounded = hours >= 10 ? Math.round(hours) : Math.round(hours * 10) / 10;
  return `about ${rounded} hours of 1080p video at 30 fps`;
}
