// Embedded default: PGlite (PostgreSQL in WASM) served on a private unix socket, so the app, the
// migrations and pg-boss use the same `pg` driver as with a real PostgreSQL server.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { PoolConfig } from 'pg';

const SOCKET_PORT = 5432;

export interface EmbeddedPostgres {
  connection: PoolConfig;
  close(): Promise<void>;
}

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  await mkdir(dataDir, { recursive: true });
  // Search matches misspelt words by trigrams.
  const pglite = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  // A short private directory: unix socket paths are limited to ~107 bytes, DATA_DIR may be long.
  const socketDir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-pg-'));
  const server = new PGLiteSocketServer({
    db: pglite,
    path: path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`),
    maxConnections: 32,
  });
  await server.start();
  return {
    connection: { host: socketDir, port: SOCKET_PORT, user: 'postgres', database: 'postgres' },
    async close() {
      await server.stop();
      await pglite.close();
      await rm(socketDir, { recursive: true, force: true });
    },
  };
}
