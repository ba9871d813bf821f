// Security counters in PostgreSQL, shared by every API process: the default in production when no
// counters Redis is configured. Times come from the database's clock, the same for every process.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CounterWindow, SecurityCounters } from './security-counters.js';

/** How often lapsed counters are deleted. */
const SWEEP_INTERVAL_MS = 60_000;

const expiresIn = (ms: number) => sql<Date>`now() + ${ms} * interval '1 millisecond'`;
const msLeft = sql<number>`greatest(0, ceil(extract(epoch from (expires_at - now())) * 1000))::integer`;

export class PostgresCounters implements SecurityCounters {
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly db: Kysely<Database>) {
    this.sweeper = setInterval(() => void this.sweep().catch(() => {}), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  async increment(key: string, windowMs: number): Promise<CounterWindow> {
    const lapsed = sql<boolean>`security_counters.expires_at <= now()`;
    const row = await this.db
      .insertInto('security_counters')
      .values({ key, count: 1, expires_at: expiresIn(windowMs) })
      .onConflict((conflict) =>
        conflict.column('key').doUpdateSet({
          count: sql`CASE WHEN ${lapsed} THEN 1 ELSE security_counters.count + 1 END`,
          expires_at: sql`CASE WHEN ${lapsed} THEN excluded.expires_at ELSE security_counters.expires_at END`,
        }),
      )
      .returning(['count', msLeft.as('reset_in_ms')])
      .executeTakeFirstOrThrow();
    return { count: row.count, resetInMs: row.reset_in_ms };
  }

  async count(key: string): Promise<number> {
    const row = await this.live(key).select('count').executeTakeFirst();
    return row?.count ?? 0;
  }

  async claim(key: string, ms: number): Promise<boolean> {
    const row = await this.db
      .insertInto('security_counters')
      .values({ key, count: 1, expires_at: expiresIn(ms) })
      .onConflict((conflict) =>
        conflict
          .column('key')
          .doUpdateSet({ count: 1, expires_at: sql`excluded.expires_at` })
          .where('security_counters.expires_at', '<=', sql<Date>`now()`),
      )
      .returning('key')
      .executeTakeFirst();
    return row !== undefined;
  }

  async remainingMs(key: string): Promise<number> {
    const row = await this.live(key).select(msLeft.as('ms')).executeTakeFirst();
    return row?.ms ?? 0;
  }

  async hold(key: string, ms: number): Promise<void> {
    await this.db
      .insertInto('security_counters')
      .values({ key, count: 1, expires_at: expiresIn(ms) })
      .onConflict((conflict) =>
        conflict.column('key').doUpdateSet({ count: 1, expires_at: sql`excluded.expires_at` }),
      )
      .execute();
  }

  async delete(...keys: string[]): Promise<void> {
    if (keys.length > 0) await this.db.deleteFrom('security_counters').where('key', 'in', keys).execute();
  }

  /** Stops sweeping; the database belongs to the platform. */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }

  async sweep(): Promise<void> {
    await this.db.deleteFrom('security_counters').where('expires_at', '<=', sql<Date>`now()`).execute();
  }

  private live(key: string) {
    return this.db
      .selectFrom('security_counters')
      .where('key', '=', key)
      .where('expires_at', '>', sql<Date>`now()`);
  }
}
