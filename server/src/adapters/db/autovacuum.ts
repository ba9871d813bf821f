// Whether PostgreSQL reclaims dead rows by itself. View flushes rewrite the rows of watched videos every few
// seconds; without autovacuum their old versions pile up and every list and search reads past them.
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

export async function autovacuumIsOn(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ autovacuum: string }>`SHOW autovacuum`.execute(db);
  return rows[0]?.autovacuum === 'on';
}
