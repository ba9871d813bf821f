import { type Kysely, sql } from 'kysely';

/**
 * A long video encoded in chunks by many workers: its plan, fixed by the job that probed it, and what each
 * chunk and the audio produced, which the playlists are stitched from.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('chunked_transcodes')
    .addColumn('video_id', 'text', (col) => col.primaryKey().references('videos.id').onDelete('cascade'))
    .addColumn('plan', 'jsonb', (col) => col.notNull())
    .addColumn('audio', 'jsonb')
    .addColumn('extras_done', 'boolean', (col) => col.notNull().defaultTo(false))
    // How many chunks, from the first, the published playlists list; and whether the master is out.
    .addColumn('stitched_chunks', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('playable', 'boolean', (col) => col.notNull().defaultTo(false))
    // The first chunk, encoded by the job that split the source, has a segment out in every rung.
    .addColumn('lead_published', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('transcode_chunks')
    .addColumn('video_id', 'text', (col) =>
      col.notNull().references('chunked_transcodes.video_id').onDelete('cascade'),
    )
    .addColumn('chunk_index', 'integer', (col) => col.notNull())
    .addColumn('playlists', 'jsonb')
    // Its piece is stored and its job queued (the first chunk's never is: the splitting job encodes it).
    .addColumn('queued', 'boolean', (col) => col.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('transcode_chunks_pkey', ['video_id', 'chunk_index'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('transcode_chunks').execute();
  await db.schema.dropTable('chunked_transcodes').execute();
}
