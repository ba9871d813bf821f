// Setting up the job queue (pg-boss's schema, then each queue) one process at a time.
import { setTimeout as sleep } from 'node:timers/promises';
import { type Kysely, sql } from 'kysely';
import type { QueueDatabase } from '../db/database.js';
import type { Database } from '../db/schema.js';

/** Any number that no other advisory lock of VidStream's uses: "vidstream-queue-setup" in a bigint. */
const QUEUE_SETUP_LOCK = 7_366_105_115_117_001n;

/**
 * Processes starting together on a new database would create the queue's schema and tables at once and
 * deadlock: they take turns, holding a transaction-scoped advisory lock meanwhile. Asked for without
 * waiting, again and again, so no query outlives the database's query timeout. Embedded mode is one
 * process on one connection, which the lock's transaction would take from pg-boss.
 */
export async function oneProcessAtATime(
  database: QueueDatabase,
  db: Kysely<Database>,
  setUp: () => Promise<void>,
): Promise<void> {
  if (database.kind === 'shared-pool') return setUp();
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ locked: boolean }>`
        select pg_try_advisory_xact_lock(${QUEUE_SETUP_LOCK}) as locked`.execute(trx);
      if (!rows[0]?.locked) return false;
      await setUp();
      return true;
    });
    if (done) return;
    await sleep(100 + Math.random() * 200);
  }
}
