// What VidStream processes started by a benchmark stand on: a database of their own on the test
// PostgreSQL, the test Redis, an S3 test server and a work directory, and the environment that points
// the processes at them. Closing drops the database and removes the server's files and the work directory.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { administer } from '../../server/test/support/global-setup.js';
import { type S3TestServer, s3Environment, startS3Server } from '../../server/test/support/s3-server.js';
import { databaseUrl, testRedisUrl } from '../../server/test/support/test-adapters.js';

export type Backend = 'postgres' | 'redis' | 'storage';

export interface Backends {
  /** Logs and scratch of the run. */
  work: string;
  databaseUrl: string;
  redisUrl: string;
  s3: S3TestServer;
  /** The processes' environment; `reach` says how they reach each backend (through a relay, say). */
  environment(reach?: (url: string, backend: Backend) => string): Record<string, string>;
  close(): Promise<void>;
}

export async function openBackends(label: string): Promise<Backends> {
  const work = await mkdtemp(path.join(os.tmpdir(), `vidstream-${label}-`));
  const database = `vidstream_${label}_${randomBytes(4).toString('hex')}`;
  await administer(`CREATE DATABASE ${database}`);
  // The processes are the built server, whose S3 client this run cannot patch as the tests do.
  const s3 = await startS3Server({ acceptBucketPathsSignedWithSlash: true });
  const sessionSecret = randomBytes(32).toString('hex');
  return {
    work,
    databaseUrl: databaseUrl(database),
    redisUrl: testRedisUrl,
    s3,
    environment(reach = (url) => url) {
      return {
        DATABASE_URL: reach(databaseUrl(database), 'postgres'),
        // Keys are the run's own video ids and sessions: a database of Redis apart from the tests' is enough.
        REDIS_URL: `${reach(testRedisUrl, 'redis')}/9`,
        ...s3Environment(s3, reach(s3.endpoint, 'storage')),
        SESSION_SECRET: sessionSecret,
        DATA_DIR: work,
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      };
    },
    async close() {
      await administer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await s3.close();
      await rm(work, { recursive: true, force: true });
    },
  };
}
