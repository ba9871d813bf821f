import { type Kysely, sql } from 'kysely';

/** Whether a video's ladder can be played: from its first segments while it is still being encoded. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('videos')
    .addColumn('playable', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute();
  await sql`UPDATE videos SET playable = true WHERE state = 'ready'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('videos').dropColumn('playable').execute();
}
