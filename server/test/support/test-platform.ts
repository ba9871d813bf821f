// Starts a whole platform for one test file on the adapter set under test, from a copy of the template.
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import type { FastifyInstance } from 'fastify';
import { type Logger, pino } from 'pino';
import { afterAll, beforeAll, inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type FfmpegBinaries, locateFfmpeg } from '../../src/media/ffmpeg-binaries.js';
import { buildPlatformApp } from '../../src/platform/api-app.js';
import { openPlatform, type Platform } from '../../src/platform/platform.js';
import { buildGivenUpHandlers, buildJobHandlers } from '../../src/worker/job-handlers.js';
import { startWorker } from '../../src/worker/worker.js';
import { administer } from './global-setup.js';
import { databaseUrl, testAdapters, testRedisUrl } from './test-adapters.js';
import { TestClock } from './test-clock.js';

export interface TestPlatform {
  platform: Platform;
  app: FastifyInstance;
  dataDir: string;
  cacheKeyPrefix: string;
  /** The time views are judged by. */
  clock: TestClock;
  /**
   * Shuts the platform down cleanly and opens it again over the same database, storage and cache;
   * `whileClosed` runs in between (another process using the embedded database, which only one may open).
   */
  restart(whileClosed?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export interface TestPlatformOptions {
  /** Production adapters: reach PostgreSQL through this local port (a relay a test can cut). */
  databasePort?: number;
  /**
   * Production adapters: this database (on a server the test runs itself) instead of a copy of the
   * template on the shared server; migrated when the platform opens, left in place at the end.
   */
  databaseUrl?: string;
  logger?: Logger;
  /** With CDN_KEY_VALUE_STORE_ARN: the key value store client, pointed at a local stand-in. */
  cdnKeyValueStoreClient?: CloudFrontKeyValueStoreClient;
}

const silent = pino({ level: process.env.TEST_LOG ? 'error' : 'silent' });
/** Located once per test file: every test platform can transcode, as `vidstream all` can. */
let located: Promise<FfmpegBinaries> | undefined;
const ffmpeg = () => {
  located ??= locateFfmpeg({});
  return located;
};

export async function startTestPlatform(
  env: Record<string, string> = {},
  options: TestPlatformOptions = {},
): Promise<TestPlatform> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-test-'));
  const template = inject('template');
  const unique = randomBytes(6).toString('hex');
  let databaseName: string | undefined;
  const adapterEnv: Record<string, string> = {};
  if (testAdapters === 'production') {
    if (options.databaseUrl) adapterEnv.DATABASE_URL = options.databaseUrl;
    else {
      databaseName = `vidstream_test_${unique}`;
      await administer(`CREATE DATABASE ${databaseName} TEMPLATE ${template}`);
      const url = new URL(databaseUrl(databaseName));
      if (options.databasePort) url.port = String(options.databasePort);
      adapterEnv.DATABASE_URL = url.toString();
    }
    adapterEnv.REDIS_URL = testRedisUrl;
    adapterEnv.SESSION_SECRET = randomBytes(32).toString('hex');
  } else {
    await cp(template, path.join(dataDir, 'postgres'), { recursive: true });
  }
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...adapterEnv, ...env });
  const cacheKeyPrefix = `test:${unique}:`;
  const clock = new TestClock();
  const open = async () => {
    const platform = await openPlatform(config, options.logger ?? silent, {
      ffmpeg: await ffmpeg(),
      cacheKeyPrefix,
      queue: { maintenanceIntervalSeconds: 1, pollingIntervalSeconds: 0.5 },
      cdnKeyValueStoreClient: options.cdnKeyValueStoreClient,
      clock: clock.now,
    });
    const app = await buildPlatformApp(platform);
    await app.ready();
    return { platform, app };
  };
  const test: TestPlatform = {
    ...(await open()),
    dataDir,
    cacheKeyPrefix,
    clock,
    async restart(whileClosed) {
      await test.app.close();
      await test.platform.close();
      await whileClosed?.();
      Object.assign(test, await open());
    },
    async close() {
      await test.app.close();
      await test.platform.close();
      if (databaseName) await administer(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return test;
}

export type SecondInstance = Omit<TestPlatform, 'restart'>;

/**
 * Production adapters: a second API process over the same database, storage and cache as `first`,
 * with connections of its own. Close it before `first`.
 */
export async function startSecondInstance(first: TestPlatform): Promise<SecondInstance> {
  const platform = await openPlatform(first.platform.config, silent, {
    cacheKeyPrefix: first.cacheKeyPrefix,
    clock: first.clock.now,
  });
  const app = await buildPlatformApp(platform);
  await app.ready();
  return {
    platform,
    app,
    dataDir: first.dataDir,
    cacheKeyPrefix: first.cacheKeyPrefix,
    clock: first.clock,
    async close() {
      await app.close();
      await platform.close();
    },
  };
}

/**
 * Production adapters: two API processes over one database for the tests of a file (or a `describe`),
 * opened before them and closed after; read `first` and `second` inside the tests.
 */
export function twoInstances(): { first: TestPlatform; second: SecondInstance } {
  const pair = {} as { first: TestPlatform; second: SecondInstance };
  beforeAll(async () => {
    pair.first = await startTestPlatform();
    pair.second = await startSecondInstance(pair.first);
  });
  afterAll(async () => {
    await pair.second.close();
    await pair.first.close();
  });
  return pair;
}

/** Starts the platform's worker in this process, with every job handler, as `vidstream worker` does. */
export async function startTestWorker(platform: Platform, concurrency = 1): Promise<void> {
  const handlers = buildJobHandlers(platform.services, platform.logger);
  await startWorker(
    platform.queue,
    handlers,
    concurrency,
    platform.logger,
    buildGivenUpHandlers(platform.services),
  );
}
