import type { Kysely } from 'kysely';

/** A chunked video's audio is published as it is encoded: its first segments out, the master may go up. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('chunked_transcodes')
    .addColumn('audio_lead_published', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('chunked_transcodes').dropColumn('audio_lead_published').execute();
}
