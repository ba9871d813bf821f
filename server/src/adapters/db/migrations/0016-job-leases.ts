import type { Kysely } from 'kysely';

/** Leases of running jobs: a worker that stops renewing one is taken to be lost, and its job goes to another. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_leases')
    .addColumn('job_id', 'uuid', (col) => col.primaryKey())
    .addColumn('attempt_started_on', 'timestamptz', (col) => col.notNull())
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job_leases').execute();
}
