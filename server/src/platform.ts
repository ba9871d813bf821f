// Builds the platform from its configuration: picks each adapter (production or embedded), wires the
// services, and closes everything in reverse order. The one place that names concrete adapters.
import type { Logger } from 'pino';
import type { Cache } from './adapters/cache/cache.js';
import { MemoryCache } from './adapters/cache/memory-cache.js';
import { RedisCache } from './adapters/cache/redis-cache.js';
import { AccountRepository } from './adapters/db/account.repository.js';
import { ChannelRepository } from './adapters/db/channel.repository.js';
import { type DatabaseHandle, openDatabase } from './adapters/db/database.js';
import { migrateToLatest } from './adapters/db/migrator.js';
import { SessionRepository } from './adapters/db/session.repository.js';
import { JobQueue, type QueueTuning } from './adapters/queue/job-queue.js';
import { LocalDiskStorage } from './adapters/storage/local-disk-storage.js';
import type { ObjectStorage } from './adapters/storage/object-storage.js';
import { S3Storage } from './adapters/storage/s3-storage.js';
import type { CacheConfig, Config, StorageConfig } from './config.js';
import { AuthService } from './services/auth.service.js';
import { ChannelService } from './services/channel.service.js';
import { MediaService } from './services/media.service.js';
import { ReadinessService } from './services/readiness.service.js';

export interface PlatformOptions {
  /** Prefix for every cache key, so test files can share one Redis. */
  cacheKeyPrefix?: string;
  queue?: Partial<QueueTuning>;
}

export interface Platform {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  cache: Cache;
  redis: RedisCache | undefined;
  storage: ObjectStorage;
  queue: JobQueue;
  services: { auth: AuthService; channels: ChannelService; media: MediaService; readiness: ReadinessService };
  close(): Promise<void>;
}

export async function openPlatform(
  config: Config,
  logger: Logger,
  options: PlatformOptions = {},
): Promise<Platform> {
  const database = await openDatabase(config.database, (error) =>
    logger.error({ err: error }, 'database pool error'),
  );
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    const { cache, redis } = await createCache(config.cache, logger, options.cacheKeyPrefix);
    const storage = createStorage(config.storage);
    const queue = await JobQueue.start(database.connection, logger, {
      maintenanceIntervalSeconds: 120,
      pollingIntervalSeconds: 2,
      ...options.queue,
    });

    const auth = new AuthService({
      accounts: new AccountRepository(database.db),
      sessions: new SessionRepository(database.db),
      cache,
      sessionTtlDays: config.sessionTtlDays,
      accountFailureLimit: config.loginLimits.failuresPerAccount,
      accountFailureWindowSeconds: config.loginLimits.accountWindowSeconds,
    });
    const services = {
      auth,
      channels: new ChannelService({ channels: new ChannelRepository(database.db), storage, logger }),
      media: new MediaService(storage),
      readiness: new ReadinessService({
        database: { ping: () => database.ping(), essential: true },
        storage: { ping: () => storage.ping(), essential: true },
        queue: { ping: () => queue.ping(), essential: true },
        cache: { ping: () => cache.ping(), essential: false },
      }),
    };
    return {
      config,
      logger,
      database,
      cache,
      redis,
      storage,
      queue,
      services,
      async close() {
        await queue.stop();
        await cache.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function createCache(config: CacheConfig, logger: Logger, keyPrefix?: string) {
  if (config.kind === 'memory') return { cache: new MemoryCache(config.maxEntries), redis: undefined };
  const redis = await RedisCache.connect({ url: config.url, keyPrefix, logger });
  await redis.configureEviction(config.maxMemory);
  return { cache: redis, redis };
}

function createStorage(config: StorageConfig): ObjectStorage {
  return config.kind === 's3' ? new S3Storage(config) : new LocalDiskStorage({ rootDir: config.rootDir });
}
