// What pg-boss runs its SQL on when it is not its own pool: the embedded database's one shared pool, or
// a transaction of ours, so that a job is enqueued with the rest of that transaction or not at all.
import { CompiledQuery, type Kysely } from 'kysely';
import type pg from 'pg';
import type PgBoss from 'pg-boss';
import type { Database } from '../db/schema.js';

export function poolConnection(pool: pg.Pool): PgBoss.Db {
  return {
    executeSql: async (text, values) => ({ rows: (await pool.query(text, values)).rows }),
  };
}

export function transactionConnection(transaction: Kysely<Database>): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const result = await transaction.executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows as unknown[] as object[] };
    },
  };
}
