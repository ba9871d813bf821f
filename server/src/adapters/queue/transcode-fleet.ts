// The transcode workers that are up and how many of their slots are free, for sizing a chunked
// transcode's chunks. Each worker process announces itself with its slots every few seconds; one not seen
// for a while is no longer counted (it died or was stopped without leaving).
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';

/** A worker is counted while it was seen this recently: three announcements' worth. */
export const FLEET_ANNOUNCE_SECONDS = 10;
const COUNTED_FOR_SECONDS = 3 * FLEET_ANNOUNCE_SECONDS;
/** Rows of workers gone this long are deleted by the next announcement of any worker. */
const FORGOTTEN_AFTER_SECONDS = 3_600;

export class TranscodeFleet {
  constructor(private readonly db: Kysely<Database>) {}

  /** Counts `workerId` with `slots` from now on; announced again, it stays counted. */
  async announce(workerId: string, slots: number): Promise<void> {
    await this.db
      .insertInto('transcode_workers')
      .values({ id: workerId, slots, seen_at: sql<Date>`now()` })
      .onConflict((conflict) => conflict.column('id').doUpdateSet({ slots, seen_at: sql<Date>`now()` }))
      .execute();
    await this.db
      .deleteFrom('transcode_workers')
      .where('seen_at', '<', sql<Date>`now() - make_interval(secs => ${FORGOTTEN_AFTER_SECONDS})`)
      .execute();
  }

  /** A worker stopping cleanly stops being counted at once. */
  async leave(workerId: string): Promise<void> {
    await this.db.deleteFrom('transcode_workers').where('id', '=', workerId).execute();
  }

  /** The slots of the workers counted, less the transcode jobs running: what could start a part now. */
  async idleSlots(): Promise<number> {
    const { rows } = await sql<{ idle: number }>`
      SELECT (SELECT coalesce(sum(slots), 0) FROM transcode_workers
                WHERE seen_at > now() - make_interval(secs => ${COUNTED_FOR_SECONDS}))::int
           - (SELECT count(*) FROM pgboss.job WHERE name = 'transcode-video' AND state = 'active')::int
        AS idle`.execute(this.db);
    return Math.max(0, rows[0]?.idle ?? 0);
  }
}
