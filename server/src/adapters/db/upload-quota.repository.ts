// Counts what an account holds of the upload pipeline, from the videos table itself (nothing to evict or
// drift), and runs a new upload's insert with the account locked, so parallel starts are counted in turn.
import { type Kysely, sql } from 'kysely';
import type { UploadQuotaUsage } from '../../domain/upload-quota.js';
import type { Database } from './schema.js';

const DAY_MS = 24 * 3_600_000;

export class UploadQuotaRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async usage(ownerId: string, now: Date, db: Kysely<Database> = this.db): Promise<UploadQuotaUsage> {
    const row = await db
      .selectFrom('videos')
      .select([
        sql<string>`count(*) filter (where state = 'awaiting_upload')`.as('in_flight'),
        sql<string>`count(*) filter (where state in ('queued', 'processing'))`.as('queued'),
        sql<string>`coalesce(sum(source_size) filter (where created_at > ${new Date(now.getTime() - DAY_MS)}), 0)`.as(
          'bytes',
        ),
      ])
      .where('owner_id', '=', ownerId)
      .executeTakeFirstOrThrow();
    return {
      uploadsInFlight: Number(row.in_flight),
      queuedVideos: Number(row.queued),
      bytesPerDay: Number(row.bytes),
    };
  }

  /** `admit` sees the usage with the account's row locked and throws to refuse; `insert` runs in the same lock. */
  async admit<T>(
    ownerId: string,
    now: Date,
    admit: (usage: UploadQuotaUsage) => void,
    insert: (transaction: Kysely<Database>) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction().execute(async (transaction) => {
      await transaction.selectFrom('users').select('id').where('id', '=', ownerId).forUpdate().execute();
      admit(await this.usage(ownerId, now, transaction));
      return insert(transaction);
    });
  }
}
