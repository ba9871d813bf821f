// Opens the platform from its configuration: the database (migrated), the adapters, the queue and every
// service, and closes them in reverse order. The composition root: the one place that names concrete
// adapters (with adapters.ts) and wires services (services.ts).
import type { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import type { Logger } from 'pino';
import type { Cache } from '../adapters/cache/cache.js';
import type { RedisCache } from '../adapters/cache/redis-cache.js';
import type { SecurityCounters } from '../adapters/counters/security-counters.js';
import { autovacuumIsOn } from '../adapters/db/autovacuum.js';
import { type DatabaseHandle, openDatabase, type QueryListener } from '../adapters/db/database.js';
import { migrateToLatest } from '../adapters/db/migrator.js';
import { JobQueue, type QueueTuning } from '../adapters/queue/job-queue.js';
import type { ObjectStorage } from '../adapters/storage/object-storage.js';
import type { Config } from '../config.js';
import type { FfmpegBinaries } from '../media/ffmpeg-binaries.js';
import { Metrics } from '../metrics.js';
import type { PlaybackTokens } from '../services/media/playback-tokens.js';
import type { Services } from '../services/services.js';
import { startViewFlusher } from '../services/views/view-flusher.js';
import { createCaches, createCounterStores, createStorage } from './adapters.js';
import { buildServices, type Repositories } from './services.js';
import { resolveSessionSecret } from './session-secret.js';

export interface PlatformOptions {
  /** Prefix for every cache key, so test files can share one Redis. */
  cacheKeyPrefix?: string;
  queue?: Partial<QueueTuning>;
  /** Replaces the configured cache (the API benchmark measures reads without one). */
  cache?: Cache;
  /** Told of every database query (the social benchmark explains the slow ones). */
  onQuery?: QueryListener;
  /** The ffmpeg a transcoding process runs; without it the platform has no processing service. */
  ffmpeg?: FfmpegBinaries;
  /** Replaces the client of the CDN's key value store (tests point one at a local stand-in). */
  cdnKeyValueStoreClient?: CloudFrontKeyValueStoreClient;
  /** The time views are judged by (tests move it rather than wait 10 s of watching). */
  clock?: () => Date;
}

export interface Platform {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  cache: Cache;
  redis: RedisCache | undefined;
  counters: SecurityCounters;
  storage: ObjectStorage;
  queue: JobQueue;
  metrics: Metrics;
  playbackTokens: PlaybackTokens;
  repositories: Repositories;
  services: Services;
  close(): Promise<void>;
}

export async function openPlatform(
  config: Config,
  logger: Logger,
  options: PlatformOptions = {},
): Promise<Platform> {
  const database = await openDatabase(
    config.database,
    (error) => logger.error({ err: error }, 'database pool error'),
    options.onQuery,
  );
  try {
    const applied = await database.withoutQueryTimeout(migrateToLatest);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    // Embedded PGlite has no background vacuum; the few rows of one person's platform do not need one.
    if (config.database.kind === 'postgres' && !(await autovacuumIsOn(database.db))) {
      logger.warn(
        'PostgreSQL autovacuum is off: dead rows left by view counting will slow lists and search until a VACUUM',
      );
    }
    const caches = options.cache
      ? { cache: options.cache, redis: undefined, pageCache: options.cache }
      : await createCaches(config.cache, logger, options.cacheKeyPrefix);
    const { counters, viewBuffer } = await createCounterStores(
      config.counters,
      database.db,
      logger,
      options.cacheKeyPrefix,
    ).catch(async (error: unknown) => {
      if (caches.pageCache !== caches.cache) await caches.pageCache.close();
      await caches.cache.close();
      throw error;
    });
    const secret = await resolveSessionSecret(config);
    const storage = createStorage(config.storage, secret);
    const queue = await JobQueue.start(database.queueDatabase, database.db, logger, {
      maintenanceIntervalSeconds: config.jobs.maintenanceIntervalSeconds,
      pollingIntervalSeconds: 2,
      overrides: {
        'transcode-video': {
          expireInSeconds: config.jobs.transcodeExpirySeconds,
          retryDelay: config.jobs.transcodeRetryDelaySeconds,
        },
      },
      leaseSeconds: { 'transcode-video': config.jobs.transcodeLeaseSeconds },
      schedules: { 'fold-co-watching': `*/${config.jobs.coWatchFoldMinutes} * * * *` },
      ...options.queue,
    });
    const metrics = new Metrics(() => queue.depths());
    const { services, repositories, playbackTokens } = buildServices({
      config,
      logger,
      db: database.db,
      ping: { database: () => database.ping() },
      caches,
      counters,
      viewBuffer,
      storage,
      queue,
      metrics,
      secret,
      ffmpeg: options.ffmpeg,
      cdnKeyValueStoreClient: options.cdnKeyValueStoreClient,
      clock: options.clock,
    });
    const viewFlusher = startViewFlusher(services.views, config.viewFlushIntervalSeconds * 1000, logger);
    const { cache, redis, pageCache } = caches;
    return {
      config,
      logger,
      database,
      cache,
      redis,
      counters,
      storage: storage.storage,
      queue,
      metrics,
      playbackTokens,
      repositories,
      services,
      async close() {
        await viewFlusher.stop();
        await queue.stop(config.jobs.shutdownGraceSeconds * 1000);
        if (pageCache !== cache) await pageCache.close();
        await cache.close();
        await counters.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
