// The adapters picked from configuration: the cache (Redis with a near cache, or memory), the security
// counters and view buffer (a noeviction Redis, PostgreSQL or memory) and the storage (S3, or local disk
// with the API's own part endpoint). The one place naming concrete cache, counters and storage.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Cache } from '../adapters/cache/cache.js';
import { MemoryCache } from '../adapters/cache/memory-cache.js';
import { NearCache } from '../adapters/cache/near-cache.js';
import { RedisCache } from '../adapters/cache/redis-cache.js';
import { FallbackCounters } from '../adapters/counters/fallback-counters.js';
import { MemoryCounters } from '../adapters/counters/memory-counters.js';
import { PostgresCounters } from '../adapters/counters/postgres-counters.js';
import { RedisCounters } from '../adapters/counters/redis-counters.js';
import type { SecurityCounters } from '../adapters/counters/security-counters.js';
import type { Database } from '../adapters/db/schema.js';
import { HeldPlaylists, type PlaylistReads } from '../adapters/storage/held-playlists.js';
import { LocalDiskStorage } from '../adapters/storage/local-disk-storage.js';
import { LocalMultipartUploads } from '../adapters/storage/local-multipart-uploads.js';
import type { MultipartUploads } from '../adapters/storage/multipart-uploads.js';
import type { ObjectStorage } from '../adapters/storage/object-storage.js';
import { S3MultipartUploads } from '../adapters/storage/s3-multipart-uploads.js';
import { createS3Client, S3Storage } from '../adapters/storage/s3-storage.js';
import { FallbackViewBuffer } from '../adapters/views/fallback-view-buffer.js';
import { PostgresViewBuffer } from '../adapters/views/postgres-view-buffer.js';
import { RedisViewBuffer } from '../adapters/views/redis-view-buffer.js';
import { MemoryViewBuffer, type ViewBuffer } from '../adapters/views/view-buffer.js';
import type { CacheConfig, CountersConfig, StorageConfig } from '../config.js';

export interface Caches {
  cache: Cache;
  redis: RedisCache | undefined;
  /** What video pages are read through: with Redis, a near cache in this process in front of it. */
  pageCache: Cache;
}

/**
 * The cache, and the one video pages read through: with Redis, a near cache in this process in front of
 * it, kept coherent by Redis's invalidation messages.
 */
export async function createCaches(config: CacheConfig, logger: Logger, keyPrefix = ''): Promise<Caches> {
  if (config.kind === 'memory') {
    const cache = new MemoryCache(config.maxEntries);
    return { cache, redis: undefined, pageCache: cache };
  }
  const redis = await RedisCache.connect({ url: config.url, keyPrefix, logger });
  await redis.configureEviction(config.maxMemory);
  if (config.nearMaxEntries === 0) return { cache: redis, redis, pageCache: redis };
  const pageCache = await NearCache.start({
    redis,
    url: config.url,
    keyPrefix,
    prefix: 'video:',
    maxEntries: config.nearMaxEntries,
    logger,
  });
  return { cache: redis, redis, pageCache };
}

export interface CounterStores {
  counters: SecurityCounters;
  /** Counted views waiting for the flusher: a lost batch is views never counted. */
  viewBuffer: ViewBuffer;
}

/**
 * Security counters and the view buffer, never in the evicting cache: a noeviction Redis, or PostgreSQL,
 * with this process's memory behind either while it is away; memory alone on embedded defaults. Open
 * after the cache: a counters Redis that is the cache's own server has just been told to evict, and is
 * refused.
 */
export async function createCounterStores(
  config: CountersConfig,
  db: Kysely<Database>,
  logger: Logger,
  keyPrefix = '',
): Promise<CounterStores> {
  if (config.kind === 'memory') return { counters: new MemoryCounters(), viewBuffer: new MemoryViewBuffer() };
  if (config.kind === 'postgres') {
    return {
      counters: new FallbackCounters(new PostgresCounters(db), logger),
      viewBuffer: new FallbackViewBuffer(new PostgresViewBuffer(db), logger),
    };
  }
  const redis = await RedisCounters.connect({ url: config.url, keyPrefix, logger });
  const usable = () => redis.usable();
  return {
    counters: new FallbackCounters(redis, logger, usable),
    viewBuffer: new FallbackViewBuffer(new RedisViewBuffer(redis.client), logger, usable),
  };
}

export interface Storage {
  storage: ObjectStorage;
  /** The same storage's playlists, read once per moment for every viewer. */
  playlists: PlaylistReads;
  multipart: MultipartUploads;
  /** Local disk only: the uploads behind the API's own part endpoint (with S3 the parts go to storage). */
  localUploads: LocalMultipartUploads | undefined;
}

export function createStorage(config: StorageConfig, secret: string): Storage {
  if (config.kind === 's3') {
    const s3 = new S3Storage(config);
    const presigner = config.publicEndpoint ? createS3Client(config, config.publicEndpoint) : s3.client;
    const storage = new HeldPlaylists(s3);
    return {
      storage,
      playlists: storage,
      multipart: new S3MultipartUploads(s3.client, config.rawBucket, presigner),
      localUploads: undefined,
    };
  }
  const disk = new LocalDiskStorage({ rootDir: config.rootDir });
  const localUploads = new LocalMultipartUploads({ rootDir: config.rootDir, storage: disk, secret });
  const storage = new HeldPlaylists(disk);
  return { storage, playlists: storage, multipart: localUploads, localUploads };
}
