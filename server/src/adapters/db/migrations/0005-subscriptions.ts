import { type Kysely, sql } from 'kysely';

/** Who follows which channel; the channel row keeps the exact count (changed in the same transaction). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('subscriptions')
    .addColumn('subscriber_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('channel_id', 'uuid', (col) => col.notNull().references('channels.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('subscriptions_pkey', ['subscriber_id', 'channel_id'])
    .execute();
  // My subscriptions, newest first, paged by (created_at, channel_id).
  await db.schema
    .createIndex('subscriptions_subscriber_created_idx')
    .on('subscriptions')
    .columns(['subscriber_id', 'created_at desc', 'channel_id desc'])
    .execute();
  // A channel's subscribers (notifications of a new video fan out from here).
  await db.schema.createIndex('subscriptions_channel_idx').on('subscriptions').column('channel_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('subscriptions').execute();
}
