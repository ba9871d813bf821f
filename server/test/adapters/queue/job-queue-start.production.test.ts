// Processes started at the same moment on a new database (a first deploy, `--scale api=3`) each set up
// the job queue's schema and tables: they must take turns, not deadlock and fail to start.
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../../src/adapters/db/database.js';
import { migrateToLatest } from '../../../src/adapters/db/migrator.js';
import { JobQueue } from '../../../src/adapters/queue/job-queue.js';
import { administer } from '../../support/global-setup.js';
import { databaseUrl } from '../../support/test-adapters.js';

const silent = pino({ level: 'silent' });
const opened: DatabaseHandle[] = [];
const names: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((database) => database.close()));
  for (const name of names.splice(0)) await administer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

async function newDatabase(): Promise<string> {
  const name = `vidstream_queue_start_${randomBytes(4).toString('hex')}`;
  await administer(`CREATE DATABASE ${name}`);
  names.push(name);
  return databaseUrl(name);
}

const open = async (url: string) => {
  const database = await openDatabase(
    { kind: 'postgres', url, connectTimeoutMs: 5_000, queryTimeoutMs: 10_000 },
    () => {},
  );
  opened.push(database);
  return database;
};

describe('starting the job queue', () => {
  it('from six processes at once on a new database: every one starts', async () => {
    for (let round = 0; round < 3; round += 1) {
      const url = await newDatabase();
      await (await open(url)).withoutQueryTimeout(migrateToLatest);
      const databases = await Promise.all(Array.from({ length: 6 }, () => open(url)));
      const started = await Promise.allSettled(
        databases.map((database) =>
          JobQueue.start(database.queueDatabase, database.db, silent, {
            maintenanceIntervalSeconds: 3600,
            pollingIntervalSeconds: 2,
          }),
        ),
      );
      const failures = started.flatMap((outcome) =>
        outcome.status === 'rejected' ? [String(outcome.reason)] : [],
      );
      await Promise.all(
        started.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.stop(0) : undefined)),
      );
      expect(failures).toEqual([]);
    }
  }, 120_000);
});
