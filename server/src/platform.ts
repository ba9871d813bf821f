// Builds the platform from its configuration: picks each adapter (production or embedded), wires the
// services, and closes everything in reverse order. The one place that names concrete adapters.
import type { Logger } from 'pino';
import type { Cache } from './adapters/cache/cache.js';
import { MemoryCache } from './adapters/cache/memory-cache.js';
import { NearCache } from './adapters/cache/near-cache.js';
import { ReadThrough } from './adapters/cache/read-through.js';
import { RedisCache } from './adapters/cache/redis-cache.js';
import { AccountRepository } from './adapters/db/account.repository.js';
import { autovacuumIsOn } from './adapters/db/autovacuum.js';
import { ChannelRepository } from './adapters/db/channel.repository.js';
import { CommentRepository } from './adapters/db/comment.repository.js';
import { type DatabaseHandle, openDatabase, type QueryListener } from './adapters/db/database.js';
import { migrateToLatest } from './adapters/db/migrator.js';
import { NotificationRepository } from './adapters/db/notification.repository.js';
import { ReactionRepository } from './adapters/db/reaction.repository.js';
import { SearchRepository } from './adapters/db/search.repository.js';
import { SessionRepository } from './adapters/db/session.repository.js';
import { SubscriptionRepository } from './adapters/db/subscription.repository.js';
import { VideoRepository } from './adapters/db/video.repository.js';
import { ViewRepository } from './adapters/db/view.repository.js';
import { WatchHistoryRepository } from './adapters/db/watch-history.repository.js';
import { JobQueue, type QueueTuning } from './adapters/queue/job-queue.js';
import { LocalDiskStorage } from './adapters/storage/local-disk-storage.js';
import { LocalMultipartUploads } from './adapters/storage/local-multipart-uploads.js';
import type { MultipartUploads } from './adapters/storage/multipart-uploads.js';
import type { ObjectStorage } from './adapters/storage/object-storage.js';
import { S3MultipartUploads } from './adapters/storage/s3-multipart-uploads.js';
import { S3Storage } from './adapters/storage/s3-storage.js';
import { RedisViewBuffer } from './adapters/views/redis-view-buffer.js';
import { MemoryViewBuffer } from './adapters/views/view-buffer.js';
import type { CacheConfig, Config, StorageConfig } from './config.js';
import { LOCAL_PART_PATH } from './http/routes/upload-parts.routes.js';
import { Metrics } from './metrics.js';
import { AuthService } from './services/auth.service.js';
import { ChannelService } from './services/channel.service.js';
import { CommentService } from './services/comment.service.js';
import { MediaService } from './services/media.service.js';
import { NotificationService } from './services/notification.service.js';
import { PartReceiverService } from './services/part-receiver.service.js';
import { PlaybackTokens } from './services/playback-tokens.js';
import { ReactionService } from './services/reaction.service.js';
import { ReadinessService } from './services/readiness.service.js';
import { SearchService } from './services/search.service.js';
import { SubscriptionService } from './services/subscription.service.js';
import { UploadService } from './services/upload.service.js';
import { VideoService } from './services/video.service.js';
import { VideoCatalog, videoCacheKey } from './services/video-catalog.js';
import { VideoListService } from './services/video-list.service.js';
import { ViewService } from './services/view.service.js';
import { startViewFlusher } from './services/view-flusher.js';
import { WatchHistoryService } from './services/watch-history.service.js';
import { resolveSessionSecret } from './session-secret.js';

export interface PlatformOptions {
  /** Prefix for every cache key, so test files can share one Redis. */
  cacheKeyPrefix?: string;
  queue?: Partial<QueueTuning>;
  /** Replaces the configured cache (the API benchmark measures reads without one). */
  cache?: Cache;
  /** Told of every database query (the social benchmark explains the slow ones). */
  onQuery?: QueryListener;
}

export interface Platform {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  cache: Cache;
  redis: RedisCache | undefined;
  storage: ObjectStorage;
  queue: JobQueue;
  metrics: Metrics;
  playbackTokens: PlaybackTokens;
  repositories: { videos: VideoRepository; channels: ChannelRepository };
  services: {
    auth: AuthService;
    channels: ChannelService;
    media: MediaService;
    readiness: ReadinessService;
    uploads: UploadService;
    videos: VideoService;
    reactions: ReactionService;
    comments: CommentService;
    notifications: NotificationService;
    views: ViewService;
    history: WatchHistoryService;
    subscriptions: SubscriptionService;
    videoLists: VideoListService;
    search: SearchService;
    /** Local disk only: the API's own part endpoint (with S3 the parts go to storage). */
    partReceiver: PartReceiverService | undefined;
  };
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
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    // Embedded PGlite has no background vacuum; the few rows of one person's platform do not need one.
    if (config.database.kind === 'postgres' && !(await autovacuumIsOn(database.db))) {
      logger.warn(
        'PostgreSQL autovacuum is off: dead rows left by view counting will slow lists and search until a VACUUM',
      );
    }
    const { cache, redis, pageCache } = options.cache
      ? { cache: options.cache, redis: undefined, pageCache: options.cache }
      : await createCache(config.cache, logger, options.cacheKeyPrefix);
    const secret = await resolveSessionSecret(config);
    const { storage, multipart, partReceiver } = createStorage(config.storage, secret);
    const queue = await JobQueue.start(database.queueDatabase, logger, {
      maintenanceIntervalSeconds: config.jobs.maintenanceIntervalSeconds,
      pollingIntervalSeconds: 2,
      overrides: {
        'transcode-video': {
          expireInSeconds: config.jobs.transcodeExpirySeconds,
          retryDelay: config.jobs.transcodeRetryDelaySeconds,
        },
      },
      ...options.queue,
    });
    const metrics = new Metrics(() => queue.depths());

    const auth = new AuthService({
      accounts: new AccountRepository(database.db),
      sessions: new SessionRepository(database.db),
      cache,
      sessionTtlDays: config.sessionTtlDays,
      accountFailureLimit: config.loginLimits.failuresPerAccount,
      accountFailureWindowSeconds: config.loginLimits.accountWindowSeconds,
    });
    const forgetVideo = (id: string) => pageCache.delete(videoCacheKey(id));
    const videos = new VideoRepository(database.db, forgetVideo);
    const readThrough = new ReadThrough(pageCache, {
      ttlSeconds: config.videoCacheTtlSeconds,
      absentTtlSeconds: 10,
      lockMs: 1_000,
      pollMs: 10,
      decodedEntries: 10_000,
      onLookup: (outcome) => metrics.cacheLookups.inc({ outcome }),
    });
    const catalog = new VideoCatalog(videos, readThrough, (...keys) => pageCache.delete(...keys));
    const channels = new ChannelRepository(database.db, (id) => catalog.forgetChannel(id));
    const playbackTokens = new PlaybackTokens({
      secret,
      ttlSeconds: config.playbackTokenTtlSeconds,
      windowSeconds: Math.min(3600, config.playbackTokenTtlSeconds),
    });
    const videoService = new VideoService({ videos, catalog, storage, multipart });
    const notifications = new NotificationService(new NotificationRepository(database.db));
    const services = {
      auth,
      videos: videoService,
      reactions: new ReactionService(new ReactionRepository(database.db, forgetVideo), videoService),
      comments: new CommentService(
        new CommentRepository(database.db, forgetVideo),
        videoService,
        notifications,
      ),
      notifications,
      views: new ViewService({
        videos: videoService,
        views: new ViewRepository(database.db, forgetVideo),
        buffer: redis ? new RedisViewBuffer(redis.client) : new MemoryViewBuffer(),
        seen: cache,
      }),
      history: new WatchHistoryService(new WatchHistoryRepository(database.db, videos), videoService),
      subscriptions: new SubscriptionService(new SubscriptionRepository(database.db), channels),
      videoLists: new VideoListService(videos, channels),
      search: new SearchService(new SearchRepository(database.db, videos)),
      channels: new ChannelService({ channels, storage, logger }),
      media: new MediaService(playbackTokens),
      uploads: new UploadService({
        videos,
        multipart,
        storage,
        enqueueTranscode: (videoId, transaction) => queue.send('transcode-video', { videoId }, transaction),
        maxUploadBytes: config.maxUploadBytes,
      }),
      partReceiver,
      readiness: new ReadinessService({
        database: { ping: () => database.ping(), essential: true },
        storage: { ping: () => storage.ping(), essential: true },
        queue: { ping: () => queue.ping(), essential: true },
        cache: { ping: () => cache.ping(), essential: false },
      }),
    };
    const viewFlusher = startViewFlusher(services.views, config.viewFlushIntervalSeconds * 1000, logger);
    return {
      config,
      logger,
      database,
      cache,
      redis,
      storage,
      queue,
      metrics,
      playbackTokens,
      repositories: { videos, channels },
      services,
      async close() {
        await viewFlusher.stop();
        await queue.stop();
        if (pageCache !== cache) await pageCache.close();
        await cache.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * The cache, and the one video pages read through: with Redis, a near cache in this process in front of
 * it, kept coherent by Redis's invalidation messages.
 */
async function createCache(
  config: CacheConfig,
  logger: Logger,
  keyPrefix = '',
): Promise<{ cache: Cache; redis: RedisCache | undefined; pageCache: Cache }> {
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

function createStorage(
  config: StorageConfig,
  secret: string,
): { storage: ObjectStorage; multipart: MultipartUploads; partReceiver: PartReceiverService | undefined } {
  if (config.kind === 's3') {
    const storage = new S3Storage(config);
    return {
      storage,
      multipart: new S3MultipartUploads(storage.client, config.rawBucket),
      partReceiver: undefined,
    };
  }
  const storage = new LocalDiskStorage({ rootDir: config.rootDir });
  const multipart = new LocalMultipartUploads({
    rootDir: config.rootDir,
    storage,
    secret,
    partPath: LOCAL_PART_PATH,
  });
  return { storage, multipart, partReceiver: new PartReceiverService(multipart, secret) };
}
