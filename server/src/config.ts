// Environment → typed, validated configuration. Read once at start-up; nothing else reads process.env.
import os from 'node:os';
import path from 'node:path';

export type DatabaseConfig = { kind: 'postgres'; url: string } | { kind: 'embedded'; dataDir: string };
export type CacheConfig =
  | { kind: 'redis'; url: string; maxMemory: string; nearMaxEntries: number }
  | { kind: 'memory'; maxEntries: number };
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
  /** How long a video page's data stays cached (writes delete it sooner). */
  videoCacheTtlSeconds: number;
  /** How often buffered view counts are written to PostgreSQL. */
  viewFlushIntervalSeconds: number;
  trustProxy: boolean;
  corsOrigins: string[];
  logLevel: string;
  database: DatabaseConfig;
  cache: CacheConfig;
  storage: StorageConfig;
  ffmpegPath: string | undefined;
  ffprobePath: string | undefined;
  workerConcurrency: number;
  /** Where a worker makes each job's scratch directory (the source and the ladder before publication). */
  scratchDir: string;
  maxUploadBytes: number;
  jobs: {
    maintenanceIntervalSeconds: number;
    /** The absolute cap on one transcode attempt (pg-boss fails it past this). */
    transcodeExpirySeconds: number;
    /** A running transcode renews its lease; one not renewed this long (its worker was lost) goes to another. */
    transcodeLeaseSeconds: number;
    transcodeRetryDelaySeconds: number;
    /** On SIGTERM a worker's running jobs get this long to finish; the rest go back to the queue. */
    shutdownGraceSeconds: number;
  };
  loginLimits: { perIpPerMinute: number; failuresPerAccount: number; accountWindowSeconds: number };
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
    host: read.string('HOST') ?? '0.0.0.0',
    dataDir,
    publicUrl,
    mediaBaseUrl: read.url('MEDIA_BASE_URL', ['http:', 'https:']) ?? `${publicUrl}/media`,
    sessionSecret,
    sessionTtlDays: read.integer('SESSION_TTL_DAYS', 30, 1, 365),
    playbackTokenTtlSeconds: read.integer('PLAYBACK_TOKEN_TTL_SECONDS', 6 * 3600, 60, 7 * 86_400),
    videoCacheTtlSeconds: read.integer('VIDEO_CACHE_TTL_SECONDS', 60, 1, 86_400),
    viewFlushIntervalSeconds: read.integer('VIEW_FLUSH_INTERVAL_SECONDS', 5, 1, 3_600),
    trustProxy: read.boolean('TRUST_PROXY', false),
    corsOrigins: (read.string('CORS_ORIGINS') ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    logLevel: readLogLevel(read),
    database: databaseUrl
      ? { kind: 'postgres', url: databaseUrl }
      : { kind: 'embedded', dataDir: path.join(dataDir, 'postgres') },
    cache: redisUrl
      ? {
          kind: 'redis',
          url: redisUrl,
          maxMemory: read.string('REDIS_MAXMEMORY') ?? '256mb',
          nearMaxEntries: read.integer('NEAR_CACHE_MAX_ENTRIES', 10_000, 0, 10_000_000),
        }
      : { kind: 'memory', maxEntries: read.integer('CACHE_MAX_ENTRIES', 50_000, 100, 10_000_000) },
    storage: readStorage(read, dataDir),
    ffmpegPath: read.string('FFMPEG_PATH'),
    ffprobePath: read.string('FFPROBE_PATH'),
    workerConcurrency: read.integer('WORKER_CONCURRENCY', 1, 1, 64),
    scratchDir: path.resolve(cwd, read.string('SCRATCH_DIR') ?? path.join(os.tmpdir(), 'vidstream-jobs')),
    maxUploadBytes: read.integer('MAX_UPLOAD_BYTES', 10 * 1024 ** 3, 1024, 5 * 1024 ** 4),
    jobs: {
      maintenanceIntervalSeconds: read.integer('QUEUE_MAINTENANCE_SECONDS', 120, 1, 3600),
      transcodeExpirySeconds: read.integer('TRANSCODE_JOB_EXPIRY_SECONDS', 4 * 3600, 10, 24 * 3600),
      transcodeLeaseSeconds: read.integer('TRANSCODE_LEASE_SECONDS', 60, 3, 3600),
      transcodeRetryDelaySeconds: read.integer('TRANSCODE_RETRY_DELAY_SECONDS', 30, 1, 3600),
      shutdownGraceSeconds: read.integer('WORKER_SHUTDOWN_GRACE_SECONDS', 8, 0, 3600),
    },
    loginLimits: {
      perIpPerMinute: read.integer('LOGIN_RATE_LIMIT_PER_MINUTE', 20, 1, 100_000),
      failuresPerAccount: read.integer('LOGIN_FAILURES_PER_ACCOUNT', 10, 1, 100_000),
      accountWindowSeconds: read.integer('LOGIN_FAILURE_WINDOW_SECONDS', 900, 1, 86_400),
    },
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
