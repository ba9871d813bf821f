// Migrates one template per run; every test file then starts from a copy of it in milliseconds.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/adapters/db/database.js';
import { migrateToLatest } from '../../src/adapters/db/migrator.js';
import { JobQueue } from '../../src/adapters/queue/job-queue.js';
import type { DatabaseConfig } from '../../src/config.js';
import { databaseUrl, testAdapters, testDatabaseUrl } from './test-adapters.js';

export default async function setup(project: TestProject) {
  if (testAdapters === 'embedded') {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-template-'));
    await prepareTemplate({ kind: 'embedded', dataDir });
    project.provide('template', dataDir);
    return () => rm(dataDir, { recursive: true, force: true });
  }
  const name = `vidstream_template_${process.pid}_${Date.now()}`;
  await administer(`CREATE DATABASE ${name}`);
  await prepareTemplate({
    kind: 'postgres',
    url: databaseUrl(name),
    connectTimeoutMs: 5_000,
    queryTimeoutMs: 60_000,
  });
  project.provide('template', name);
  return () => administer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

async function prepareTemplate(config: DatabaseConfig): Promise<void> {
  const database = await openDatabase(config, (error) => console.error(error));
  try {
    await database.withoutQueryTimeout(migrateToLatest);
    // pg-boss creates its own schema on first start: do it once here rather than in every test file.
    const queue = await JobQueue.start(database.queueDatabase, database.db, pino({ level: 'silent' }), {
      maintenanceIntervalSeconds: 3600,
      pollingIntervalSeconds: 2,
    });
    await queue.stop(0);
  } finally {
    await database.close();
  }
}

export async function administer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
