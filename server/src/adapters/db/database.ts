// Opens the SQL database named by the configuration: a PostgreSQL server, or embedded PGlite.
import { Kysely, type LogEvent, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../../config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import type { Database } from './schema.js';
import { TimeoutClosingClient } from './timeout-closing-client.js';

/** How another client (pg-boss) reaches the same database. */
export type QueueDatabase =
  | { kind: 'own-pool'; connection: pg.PoolConfig }
  | { kind: 'shared-pool'; pool: pg.Pool };

export interface DatabaseHandle {
  db: Kysely<Database>;
  queueDatabase: QueueDatabase;
  /** Runs `work` (a migration) on a connection of its own, free of the query timeout requests have. */
  withoutQueryTimeout<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Told of every query the app makes, with its duration: for benchmarks that explain slow ones. */
export type QueryListener = (query: { sql: string; parameters: readonly unknown[]; ms: number }) => void;

export async function openDatabase(
  config: DatabaseConfig,
  onPoolError: (error: Error) => void,
  onQuery?: QueryListener,
): Promise<DatabaseHandle> {
  const embedded = config.kind === 'embedded' ? await startEmbeddedPostgres(config.dataDir) : undefined;
  const connection: pg.PoolConfig = embedded?.connection ?? {
    connectionString: config.kind === 'postgres' ? config.url : '',
    // Every query here reads a few rows by index: compiling one with LLVM (PostgreSQL's JIT, on by default
    // for costly-looking plans) takes longer than running it (hundreds of ms, seen in bench:social).
    options: '-c jit=off',
  };
  // A server that is away must cost a request seconds, not a hang: the connect timeout covers a refused
  // or unanswered connection, the query timeout a connection that stopped answering mid-query (which is
  // then closed, never handed out again).
  // Embedded PGlite runs in this process and has neither failure.
  const timeouts: pg.PoolConfig =
    config.kind === 'postgres'
      ? {
          connectionTimeoutMillis: config.connectTimeoutMs,
          query_timeout: config.queryTimeoutMs,
          Client: TimeoutClosingClient,
        }
      : { connectionTimeoutMillis: 5_000 };
  const pool = new pg.Pool({
    ...connection,
    ...timeouts,
    // PGlite is one session and pglite-socket interleaves the protocol messages of concurrent
    // connections (one client's Parse can replace another's unnamed statement): use exactly one.
    max: embedded ? 1 : 10,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', onPoolError);
  // pg removes the pool's listener while a client is checked out; a connection cut at that moment must be
  // reported, not crash the process.
  pool.on('connect', (client) => client.on('error', onPoolError));
  const log = onQuery
    ? (event: LogEvent) =>
        onQuery({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis })
    : undefined;
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(log ? { log } : {}) });
  return {
    db,
    // The queue's pool has the same timeouts: a connection left silent by a failover must fail its query,
    // not hold a worker's job loop forever.
    queueDatabase: embedded
      ? { kind: 'shared-pool', pool }
      : { kind: 'own-pool', connection: { ...connection, ...timeouts } },
    async withoutQueryTimeout(work) {
      if (embedded) return work(db);
      const own = new Kysely<Database>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ ...connection, max: 1 }) }),
      });
      try {
        return await work(own);
      } finally {
        await own.destroy();
      }
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      await db.destroy();
      await embedded?.close();
    },
  };
}
