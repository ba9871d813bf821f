// Views buffered in PostgreSQL, shared by every API process: where they wait when no counters Redis is
// configured. One narrow row per counted view (an insert, no row anyone else updates). Draining seals the
// rows in no batch yet into a new one (one UPDATE: a view counted meanwhile stays out of it), applies each
// sealed batch, then deletes it. A process that dies mid-way leaves its batch sealed; the next drain
// anywhere applies it, and the batch id makes a second application a no-op.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { type ApplyBatch, type ViewBuffer, viewField } from './view-buffer.js';

export class PostgresViewBuffer implements ViewBuffer {
  constructor(private readonly db: Kysely<Database>) {}

  async add(videoId: string, day: string): Promise<void> {
    await this.db.insertInto('buffered_views').values({ video_id: videoId, day }).execute();
  }

  async drain(apply: ApplyBatch): Promise<void> {
    await this.db
      .updateTable('buffered_views')
      .set({ batch_id: crypto.randomUUID() })
      .where('batch_id', 'is', null)
      .execute();
    const sealed = await this.db
      .selectFrom('buffered_views')
      .select('batch_id')
      .distinct()
      .where('batch_id', 'is not', null)
      .execute();
    for (const { batch_id: batchId } of sealed) {
      if (batchId === null) continue;
      const rows = await this.db
        .selectFrom('buffered_views')
        .select(['video_id', sql<string>`day::text`.as('day'), sql<string>`count(*)`.as('views')])
        .where('batch_id', '=', batchId)
        .groupBy(['video_id', 'day'])
        .execute();
      const counts = new Map(rows.map((row) => [viewField(row.video_id, row.day), Number(row.views)]));
      if (counts.size > 0) await apply(batchId, counts);
      await this.db.deleteFrom('buffered_views').where('batch_id', '=', batchId).execute();
    }
  }
}
