// Counts what an account holds of the upload pipeline: uploads in flight and videos queued from the videos
// table itself (nothing to evict or drift), bytes and processing a day from the upload and compute ledgers
// (which no abort or delete reduces). Checks that must hold against parallel requests run with the account's row locked, in the
// transaction that then starts the upload or queues the video, so they are counted one after another.
import { type Kysely, sql } from 'kysely';
import type { UploadQuotaUsage } from '../../domain/upload-quota.js';
import { lockActiveAccount } from './active-account.js';
import type { Database } from './schema.js';

const DAY_MS = 24 * 3_600_000;

export class UploadQuotaRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async usage(ownerId: string, now: Date, db: Kysely<Database> = this.db): Promise<UploadQuotaUsage> {
    const dayStart = new Date(now.getTime() - DAY_MS);
    const row = await db
      .selectFrom('videos')
      .select([
        sql<string>`count(*) filter (where state = 'awaiting_upload')`.as('in_flight'),
        // A live video is processing while it lasts (docs/live.md) but waits for no worker.
        sql<string>`count(*) filter (where state in ('queued', 'processing') and live_state is null)`.as(
          'queued',
        ),
        sql<string>`(select coalesce(sum(bytes), 0) from upload_ledger
          where owner_id = ${ownerId} and started_at > ${dayStart})`.as('bytes'),
        sql<number>`(select coalesce(sum(gigapixels), 0) from compute_ledger
          where owner_id = ${ownerId} and recorded_at > ${dayStart})`.as('gigapixels'),
      ])
      .where('owner_id', '=', ownerId)
      .executeTakeFirstOrThrow();
    return {
      uploadsInFlight: Number(row.in_flight),
      queuedVideos: Number(row.queued),
      bytesPerDay: Number(row.bytes),
      gigapixelsPerDay: Number(row.gigapixels),
    };
  }

  /** Locks the account's row until `transaction` ends, and answers its usage as of then. */
  async lockedUsage(ownerId: string, now: Date, transaction: Kysely<Database>): Promise<UploadQuotaUsage> {
    await transaction.selectFrom('users').select('id').where('id', '=', ownerId).forUpdate().execute();
    return this.usage(ownerId, now, transaction);
  }

  /**
   * Starts an upload of `bytes` (never for a suspended account): `admit` sees the usage with the account locked and throws to refuse;
   * then the bytes go into the ledger and `insert` runs, in the same transaction.
   */
  async admitStart<T>(
    ownerId: string,
    bytes: number,
    now: Date,
    admit: (usage: UploadQuotaUsage) => void,
    insert: (transaction: Kysely<Database>) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction().execute(async (transaction) => {
      await lockActiveAccount(transaction, ownerId, 'update');
      admit(await this.lockedUsage(ownerId, now, transaction));
      // Entries older than a day no longer count: the account's own are forgotten as it adds one.
      await transaction
        .deleteFrom('upload_ledger')
        .where('owner_id', '=', ownerId)
        .where('started_at', '<=', new Date(now.getTime() - DAY_MS))
        .execute();
      await transaction
        .insertInto('upload_ledger')
        .values({ owner_id: ownerId, bytes, started_at: now })
        .execute();
      return insert(transaction);
    });
  }

  /**
   * Charges a probed video's processing to its owner, once: `admit` sees the usage (without this video)
   * with the account locked and throws to refuse. A video already charged (a retry) is let through.
   */
  async admitCompute(
    ownerId: string,
    videoId: string,
    gigapixels: number,
    now: Date,
    admit: (usage: UploadQuotaUsage) => void,
  ): Promise<void> {
    await this.db.transaction().execute(async (transaction) => {
      const usage = await this.lockedUsage(ownerId, now, transaction);
      const charged = await transaction
        .selectFrom('compute_ledger')
        .select('video_id')
        .where('video_id', '=', videoId)
        .executeTakeFirst();
      if (charged) return;
      admit(usage);
      await transaction
        .deleteFrom('compute_ledger')
        .where('owner_id', '=', ownerId)
        .where('recorded_at', '<=', new Date(now.getTime() - DAY_MS))
        .execute();
      await transaction
        .insertInto('compute_ledger')
        .values({ video_id: videoId, owner_id: ownerId, gigapixels, recorded_at: now })
        .execute();
    });
  }
}
