// Environment → typed, validated configuration. Read once at start-up; nothing else reads process.env.
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type DatabaseConfig =
  | {
      kind: 'postgres';
      url: string;
      /** How long a request waits for a connection, then for a query, before PostgreSQL counts as away. */
      connectTimeoutMs: number;
      queryTimeoutMs: number;
    }
  | { kind: 'embedded'; dataDir: string };
export type CacheConfig =
  | { kind: 'redis'; url: string; maxMemory: string; nearMaxEntries: number }
  | { kind: 'memory'; maxEntries: number };
/** Where security counters live (never in the evicting cache): see adapters/counters. */
export type CountersConfig = { kind: 'redis'; url: string } | { kind: 'postgres' } | { kind: 'memory' };
export type LogFormat = 'auto' | 'json' | 'pretty';
/** Fastify's `trustProxy`: trust every proxy, none, this many hops, or these addresses and CIDRs. */
export type TrustProxy = boolean | number | string[];
export interface RequestLimits {
  searchesPerMinute: number;
  /** Comments and replies posted. */
  commentsPerMinute: number;
  /** Likes, dislikes and taking them back. */
  reactionsPerMinute: number;
  /** Reports of videos, comments and channels. */
  reportsPerMinute: number;
  avatarUploadsPerHour: number;
}
export type StorageConfig =
  | {
      kind: 's3';
      endpoint: string | undefined;
      /** Where browsers reach storage, when not at `endpoint` (e.g. behind a proxy): presigned URLs name it. */
      publicEndpoint: string | undefined;
      region: string;
      rawBucket: string;
      processedBucket: string;
      accessKeyId: string | undefined;
      secretAccessKey: string | undefined;
      forcePathStyle: boolean;
    }
  | { kind: 'local'; rootDir: string };

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string;
  mediaBaseUrl: string;
  /** Undefined only on embedded defaults, where the platform keeps a generated one under dataDir. */
  sessionSecret: string | undefined;
  sessionTtlDays: number;
  /** The shortest life of a playback token for a private or unlisted video. */
  playbackTokenTtlSeconds: number;
  /**
   * The CloudFront key value store the CDN's token check reads: when set, each revocation of a video's
   * playback URLs is copied there (a job), so the edge refuses them too.
   */
  cdnKeyValueStoreArn: string | undefined;
  /** How long a video page's data stays cached (writes delete it sooner). */
  videoCacheTtlSeconds: number;
  /** How often buffered view counts are written to PostgreSQL. */
  viewFlushIntervalSeconds: number;
  trustProxy: TrustProxy;
  /** When set, /metrics wants it as a bearer token. */
  metricsToken: string | undefined;
  corsOrigins: string[];
  logLevel: string;
  /** JSON lines, readable lines, or (`auto`) readable ones only when stdout is a terminal. */
  logFormat: LogFormat;
  database: DatabaseConfig;
  cache: CacheConfig;
  counters: CountersConfig;
  storage: StorageConfig;
  ffmpegPath: string | undefined;
  ffprobePath: string | undefined;
  workerConcurrency: number;
  /** Where a worker makes each job's scratch directory (the source and the ladder before publication). */
  scratchDir: string;
  maxUploadBytes: number;
  /**
   * Every `intervalSeconds` (0: never), the jobs still to do are written to stdout as CloudWatch embedded
   * metrics, so an autoscaler can start workers when there are none.
   */
  queueDepthMetric: { intervalSeconds: number; namespace: string };
  jobs: {
    maintenanceIntervalSeconds: number;
    /** The absolute cap on one transcode attempt (pg-boss fails it past this). */
    transcodeExpirySeconds: number;
    /** A running transcode renews its lease; one not renewed this long (its worker was lost) goes to another. */
    transcodeLeaseSeconds: number;
    transcodeRetryDelaySeconds: number;
    /** On SIGTERM a worker's running jobs get this long to finish; the rest go back to the queue. */
    shutdownGraceSeconds: number;
    /** How often new watch history is folded into the co-watch counts up next ranks by. */
    coWatchFoldMinutes: number;
  };
  loginLimits: {
    perIpPerMinute: number;
    failuresPerAccount: number;
    failuresPerAccountAllAddresses: number;
    accountWindowSeconds: number;
  };
  viewLimits: { reportsPerMinute: number; anonymousPerAddressPerHour: number };
  /** Requests one client address may make to the routes people could flood (429 naming the limit). */
  requestLimits: RequestLimits;
  /** Progress streams (SSE) one account or address may hold open per API process, and their lifetime. */
  progressStreams: { perAccount: number; perAddress: number; lifetimeMs: number };
  /** Live chat: messages per account per window, streams per API process, and how often a tail looks. */
  chat: {
    messagesPerWindow: number;
    windowMs: number;
    streamsPerAccount: number;
    streamsPerAddress: number;
    lifetimeMs: number;
    heartbeatMs: number;
    lookEveryMs: number;
  };
  /** Per account: what one uploader may hold of the platform at once, or in a day. */
  uploadQuotas: {
    uploadsInFlight: number;
    bytesPerDay: number;
    queuedVideos: number;
    gigapixelsPerDay: number;
  };
  /** What one source may cost a worker: pixels to decode, and the longest an ffmpeg run may take. */
  sourceBudget: { maxGigapixels: number; transcodeMaxSeconds: number };
  /**
   * Sources at least `minChunkedSeconds` long are encoded in chunks by many workers: of `chunkSeconds`, or
   * shorter (down to `minChunkSeconds`) when many workers are idle.
   */
  chunking: { minChunkedSeconds: number; chunkSeconds: number; minChunkSeconds: number };
  live: LiveConfig;
}

export interface LiveConfig {
  /** Where the live role takes RTMP publishes. */
  rtmpPort: number;
  /** What encoders are told to publish to, without the key (`rtmp://host:port/live`). */
  ingestBaseUrl: string;
  /** The short side of the highest live rung: a larger picture is scaled down to it. */
  topRungShortSide: number;
  /** How long a dropped publisher has to publish again on its key and continue the same live video. */
  reconnectSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads variables, collecting every problem so one start-up reports them all. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  /** One of a few numbers (sizes a ladder has). */
  oneOf(name: string, allowed: readonly number[], fallback: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (allowed.includes(Number(raw))) return Number(raw);
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.string(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  url(name: string, protocols: string[]): string | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (protocols.includes(parsed.protocol)) return raw.replace(/\/+$/, '');
    } catch {
      // reported below
    }
    this.problems.push(`${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
    return undefined;
  }
}

export function loadConfig(env: Env, cwd = process.cwd()): Config {
  const read = new EnvReader(env);
  const port = read.integer('PORT', 8080, 0, 65535);
  const dataDir = path.resolve(cwd, read.string('DATA_DIR') ?? 'data');
  const publicUrl = read.url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;
  const databaseUrl = read.url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = read.url('REDIS_URL', ['redis:', 'rediss:']);

  const sessionSecret = read.string('SESSION_SECRET');
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    read.problems.push('SESSION_SECRET must be at least 32 characters');
  }
  if (sessionSecret === undefined && databaseUrl !== undefined) {
    read.problems.push('SESSION_SECRET is required when DATABASE_URL is set (production mode)');
  }

  const config: Config = {
    port,
    // Embedded defaults are a one-machine trial: reachable from this machine only unless HOST says so.
    host: read.string('HOST') ?? (databaseUrl === undefined ? '127.0.0.1' : '0.0.0.0'),
    dataDir,
    publicUrl,
    mediaBaseUrl: read.url('MEDIA_BASE_URL', ['http:', 'https:']) ?? `${publicUrl}/media`,
    sessionSecret,
    sessionTtlDays: read.integer('SESSION_TTL_DAYS', 30, 1, 365),
    playbackTokenTtlSeconds: read.integer('PLAYBACK_TOKEN_TTL_SECONDS', 6 * 3600, 60, 7 * 86_400),
    cdnKeyValueStoreArn: readKeyValueStoreArn(read),
    videoCacheTtlSeconds: read.integer('VIDEO_CACHE_TTL_SECONDS', 60, 1, 86_400),
    viewFlushIntervalSeconds: read.integer('VIEW_FLUSH_INTERVAL_SECONDS', 5, 1, 3_600),
    trustProxy: readTrustProxy(read),
    metricsToken: read.string('METRICS_TOKEN'),
    corsOrigins: (read.string('CORS_ORIGINS') ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    logLevel: readLogLevel(read),
    logFormat: readLogFormat(read),
    database: databaseUrl
      ? {
          kind: 'postgres',
          url: databaseUrl,
          connectTimeoutMs: read.integer('DATABASE_CONNECT_TIMEOUT_SECONDS', 3, 1, 60) * 1000,
          queryTimeoutMs: read.integer('DATABASE_QUERY_TIMEOUT_SECONDS', 10, 1, 600) * 1000,
        }
      : { kind: 'embedded', dataDir: path.join(dataDir, 'postgres') },
    cache: redisUrl
      ? {
          kind: 'redis',
          url: redisUrl,
          maxMemory: read.string('REDIS_MAXMEMORY') ?? '256mb',
          nearMaxEntries: read.integer('NEAR_CACHE_MAX_ENTRIES', 10_000, 0, 10_000_000),
        }
      : { kind: 'memory', maxEntries: read.integer('CACHE_MAX_ENTRIES', 50_000, 100, 10_000_000) },
    counters: readCounters(read, databaseUrl),
    storage: readStorage(read, dataDir),
    ffmpegPath: read.string('FFMPEG_PATH'),
    ffprobePath: read.string('FFPROBE_PATH'),
    workerConcurrency: read.integer('WORKER_CONCURRENCY', 1, 1, 64),
    scratchDir: path.resolve(cwd, read.string('SCRATCH_DIR') ?? path.join(os.tmpdir(), 'vidstream-jobs')),
    maxUploadBytes: read.integer('MAX_UPLOAD_BYTES', 10 * 1024 ** 3, 1024, 5 * 1024 ** 4),
    queueDepthMetric: {
      intervalSeconds: read.integer('QUEUE_DEPTH_METRIC_SECONDS', 0, 0, 3600),
      namespace: read.string('QUEUE_DEPTH_METRIC_NAMESPACE') ?? 'VidStream',
    },
    jobs: {
      maintenanceIntervalSeconds: read.integer('QUEUE_MAINTENANCE_SECONDS', 120, 1, 3600),
      transcodeExpirySeconds: read.integer('TRANSCODE_JOB_EXPIRY_SECONDS', 4 * 3600, 10, 24 * 3600),
      transcodeLeaseSeconds: read.integer('TRANSCODE_LEASE_SECONDS', 60, 3, 3600),
      transcodeRetryDelaySeconds: read.integer('TRANSCODE_RETRY_DELAY_SECONDS', 30, 1, 3600),
      shutdownGraceSeconds: read.integer('WORKER_SHUTDOWN_GRACE_SECONDS', 8, 0, 3600),
      coWatchFoldMinutes: read.integer('CO_WATCH_FOLD_MINUTES', 5, 1, 60),
    },
    loginLimits: {
      perIpPerMinute: read.integer('LOGIN_RATE_LIMIT_PER_MINUTE', 20, 1, 100_000),
      failuresPerAccount: read.integer('LOGIN_FAILURES_PER_ACCOUNT', 10, 1, 100_000),
      failuresPerAccountAllAddresses: read.integer(
        'LOGIN_FAILURES_PER_ACCOUNT_ALL_ADDRESSES',
        100,
        1,
        1_000_000,
      ),
      accountWindowSeconds: read.integer('LOGIN_FAILURE_WINDOW_SECONDS', 900, 1, 86_400),
    },
    progressStreams: {
      perAccount: read.integer('PROGRESS_STREAMS_PER_ACCOUNT', 10, 1, 10_000),
      perAddress: read.integer('PROGRESS_STREAMS_PER_ADDRESS', 20, 1, 10_000),
      lifetimeMs: read.integer('PROGRESS_STREAM_MAX_SECONDS', 1_800, 1, 86_400) * 1000,
    },
    chat: {
      messagesPerWindow: read.integer('CHAT_RATE_LIMIT_MESSAGES', 5, 1, 10_000),
      windowMs: read.integer('CHAT_RATE_LIMIT_SECONDS', 10, 1, 3_600) * 1000,
      streamsPerAccount: read.integer('CHAT_STREAMS_PER_ACCOUNT', 10, 1, 10_000),
      streamsPerAddress: read.integer('CHAT_STREAMS_PER_ADDRESS', 50, 1, 100_000),
      lifetimeMs: read.integer('CHAT_STREAM_MAX_SECONDS', 1_800, 1, 86_400) * 1000,
      heartbeatMs: 15_000,
      // Every API process looks this often at each chat someone follows there: the delay across processes.
      lookEveryMs: read.integer('CHAT_POLL_MS', 250, 50, 10_000),
    },
    requestLimits: {
      searchesPerMinute: read.integer('SEARCH_RATE_LIMIT_PER_MINUTE', 60, 1, 100_000),
      commentsPerMinute: read.integer('COMMENT_RATE_LIMIT_PER_MINUTE', 10, 1, 100_000),
      reactionsPerMinute: read.integer('REACTION_RATE_LIMIT_PER_MINUTE', 30, 1, 100_000),
      reportsPerMinute: read.integer('REPORT_RATE_LIMIT_PER_MINUTE', 10, 1, 100_000),
      avatarUploadsPerHour: read.integer('AVATAR_UPLOADS_PER_HOUR', 10, 1, 100_000),
    },
    viewLimits: {
      reportsPerMinute: read.integer('VIEW_REPORTS_PER_MINUTE', 60, 1, 100_000),
      anonymousPerAddressPerHour: read.integer('ANONYMOUS_VIEWS_PER_ADDRESS', 20, 1, 1_000_000),
    },
    uploadQuotas: {
      uploadsInFlight: read.integer('UPLOADS_IN_FLIGHT_PER_ACCOUNT', 10, 1, 10_000),
      bytesPerDay: read.integer('UPLOAD_BYTES_PER_DAY', 50 * 1024 ** 3, 1024, 1024 ** 5),
      queuedVideos: read.integer('QUEUED_VIDEOS_PER_ACCOUNT', 20, 1, 100_000),
      // About 6½ hours of 1080p at 30 fps, or 1½ hours of 4K, a day.
      gigapixelsPerDay: read.integer('COMPUTE_GIGAPIXELS_PER_DAY', 1_500, 1, 1_000_000_000),
    },
    sourceBudget: {
      maxGigapixels: read.integer('SOURCE_MAX_GIGAPIXELS', 3_000, 1, 1_000_000),
      transcodeMaxSeconds: read.integer('TRANSCODE_MAX_SECONDS', 4 * 3600, 1, 7 * 86_400),
    },
    chunking: {
      minChunkedSeconds: read.integer('CHUNKED_TRANSCODE_MIN_SECONDS', 120, 1, 86_400),
      chunkSeconds: read.integer('TRANSCODE_CHUNK_SECONDS', 40, 4, 3600),
      minChunkSeconds: read.integer('TRANSCODE_MIN_CHUNK_SECONDS', 12, 4, 3600),
    },
    live: readLive(read, publicUrl),
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function readLogLevel(read: EnvReader): string {
  const level = read.string('LOG_LEVEL') ?? 'info';
  if (LOG_LEVELS.includes(level)) return level;
  read.problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${level}")`);
  return 'info';
}

const LOG_FORMATS: LogFormat[] = ['auto', 'json', 'pretty'];

function readLogFormat(read: EnvReader): LogFormat {
  const format = read.string('LOG_FORMAT')?.toLowerCase() ?? 'auto';
  if ((LOG_FORMATS as string[]).includes(format)) return format as LogFormat;
  read.problems.push(`LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')} (got "${format}")`);
  return 'auto';
}

/** A global CloudFront ARN: `arn:aws:cloudfront::{account}:key-value-store/{id}`. */
const KEY_VALUE_STORE_ARN = /^arn:aws[a-z-]*:cloudfront::\d{12}:key-value-store\/[A-Za-z0-9-]{1,64}$/;

function readKeyValueStoreArn(read: EnvReader): string | undefined {
  const arn = read.string('CDN_KEY_VALUE_STORE_ARN');
  if (arn === undefined || KEY_VALUE_STORE_ARN.test(arn)) return arn;
  read.problems.push(
    `CDN_KEY_VALUE_STORE_ARN must be a CloudFront key value store ARN, arn:aws:cloudfront::{account}:key-value-store/{id} (got "${arn}")`,
  );
  return undefined;
}

function readCounters(read: EnvReader, databaseUrl: string | undefined): CountersConfig {
  const url = read.url('REDIS_COUNTERS_URL', ['redis:', 'rediss:']);
  if (url !== undefined) return { kind: 'redis', url };
  return databaseUrl === undefined ? { kind: 'memory' } : { kind: 'postgres' };
}

/** The names proxy-addr (behind Fastify's trustProxy) knows besides addresses. */
const ADDRESS_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrRange(entry: string): boolean {
  if (ADDRESS_RANGE_NAMES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

function readTrustProxy(read: EnvReader): TrustProxy {
  const raw = read.string('TRUST_PROXY')?.toLowerCase();
  if (raw === undefined || ['false', 'no', 'off'].includes(raw)) return false;
  if (['true', 'yes', 'on'].includes(raw)) return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const addresses = raw.split(',').map((entry) => entry.trim());
  if (addresses.every(isAddressOrRange)) return addresses;
  read.problems.push(
    `TRUST_PROXY must be true or false, a hop count, or a comma-separated list of addresses or CIDRs (got "${raw}")`,
  );
  return false;
}

function readStorage(read: EnvReader, dataDir: string): StorageConfig {
  const rawBucket = read.string('S3_BUCKET_RAW');
  const processedBucket = read.string('S3_BUCKET_PROCESSED');
  const endpoint = read.url('S3_ENDPOINT', ['http:', 'https:']);
  if (rawBucket === undefined && processedBucket === undefined && endpoint === undefined) {
    return { kind: 'local', rootDir: path.join(dataDir, 'storage') };
  }
  if (rawBucket === undefined) read.problems.push('S3_BUCKET_RAW is required when S3 storage is configured');
  if (processedBucket === undefined) {
    read.problems.push('S3_BUCKET_PROCESSED is required when S3 storage is configured');
  }
  const accessKeyId = read.string('S3_ACCESS_KEY_ID');
  const secretAccessKey = read.string('S3_SECRET_ACCESS_KEY');
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    read.problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together');
  }
  return {
    kind: 's3',
    endpoint,
    publicEndpoint: read.url('S3_PUBLIC_ENDPOINT', ['http:', 'https:']),
    region: read.string('S3_REGION') ?? 'us-east-1',
    rawBucket: rawBucket ?? '',
    processedBucket: processedBucket ?? '',
    accessKeyId,
    secretAccessKey,
    forcePathStyle: read.boolean('S3_FORCE_PATH_STYLE', endpoint !== undefined),
  };
}

/** The rungs a live ladder may top out at (the upload ladder's, from 360p). */
const LIVE_TOP_RUNGS = [360, 480, 720, 1080, 1440, 2160] as const;

function readLive(read: EnvReader, publicUrl: string): LiveConfig {
  const rtmpPort = read.integer('LIVE_RTMP_PORT', 1935, 0, 65535);
  return {
    rtmpPort,
    // By default the host people reach the site at, on the RTMP port.
    ingestBaseUrl:
      read.url('LIVE_INGEST_URL', ['rtmp:', 'rtmps:']) ??
      `rtmp://${new URL(publicUrl).hostname}:${rtmpPort}/live`,
    topRungShortSide: read.oneOf('LIVE_TOP_RUNG', LIVE_TOP_RUNGS, 720),
    reconnectSeconds: read.integer('LIVE_RECONNECT_SECONDS', 30, 0, 600),
  };
}
