import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('videos')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('owner_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('channel_id', 'uuid', (col) => col.notNull().references('channels.id').onDelete('cascade'))
    .addColumn('state', 'text', (col) =>
      col
        .notNull()
        .check(sql`state in ('awaiting_upload', 'queued', 'processing', 'ready', 'failed', 'deleted')`),
    )
    .addColumn('visibility', 'text', (col) =>
      col.notNull().defaultTo('private').check(sql`visibility in ('public', 'unlisted', 'private')`),
    )
    .addColumn('title', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('source_file_name', 'text', (col) => col.notNull())
    .addColumn('source_size', 'bigint', (col) => col.notNull())
    .addColumn('source_content_type', 'text', (col) => col.notNull())
    .addColumn('upload_id', 'text')
    .addColumn('part_size', 'integer', (col) => col.notNull())
    .addColumn('upload_expires_at', 'timestamptz')
    .addColumn('progress', 'real', (col) => col.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('duration_seconds', 'real')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('renditions', 'jsonb')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('published_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('videos_owner_created_idx')
    .on('videos')
    .columns(['owner_id', 'created_at'])
    .execute();
  // The sweep of uploads never completed reads only rows still waiting for their bytes.
  await sql`CREATE INDEX videos_upload_expiry_idx ON videos (upload_expires_at) WHERE state = 'awaiting_upload'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('videos').execute();
}
