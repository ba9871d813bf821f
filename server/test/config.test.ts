import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const SECRET = 's'.repeat(32);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, '/srv/vidstream');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('runs on embedded defaults when nothing is set', () => {
    const config = loadConfig({}, '/srv/vidstream');
    expect(config.port).toBe(8080);
    expect(config.dataDir).toBe(path.resolve('/srv/vidstream/data'));
    expect(config.database).toEqual({ kind: 'embedded', dataDir: '/srv/vidstream/data/postgres' });
    expect(config.cache).toEqual({ kind: 'memory', maxEntries: 50_000 });
    expect(config.storage).toEqual({ kind: 'local', rootDir: '/srv/vidstream/data/storage' });
    expect(config.mediaBaseUrl).toBe('http://localhost:8080/media');
  });

  it('listens on this machine only on embedded defaults, on every interface in production', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    const production = { DATABASE_URL: 'postgres://db/vidstream', SESSION_SECRET: 'x'.repeat(32) };
    expect(loadConfig(production).host).toBe('0.0.0.0');
  });

  it('honours PORT and DATA_DIR', () => {
    const config = loadConfig({ PORT: '9000', DATA_DIR: 'var/videos' }, '/srv/vidstream');
    expect(config.publicUrl).toBe('http://localhost:9000');
    expect(config.dataDir).toBe('/srv/vidstream/var/videos');
  });

  it('switches every adapter to production by configuration alone', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app@db.internal/vidstream',
      REDIS_URL: 'redis://cache.internal:6379',
      S3_ENDPOINT: 'http://minio.internal:9000',
      S3_PUBLIC_ENDPOINT: 'https://s3.example.test',
      S3_BUCKET_RAW: 'raw-videos',
      S3_BUCKET_PROCESSED: 'processed-videos',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      MEDIA_BASE_URL: 'https://cdn.example.test/',
      SESSION_SECRET: SECRET,
    });
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://app@db.internal/vidstream',
      connectTimeoutMs: 3_000,
      queryTimeoutMs: 10_000,
    });
    expect(config.cache).toMatchObject({ kind: 'redis', url: 'redis://cache.internal:6379' });
    expect(config.storage).toMatchObject({
      kind: 's3',
      endpoint: 'http://minio.internal:9000',
      publicEndpoint: 'https://s3.example.test',
      rawBucket: 'raw-videos',
      processedBucket: 'processed-videos',
      forcePathStyle: true,
    });
    expect(config.mediaBaseUrl).toBe('https://cdn.example.test');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be an integer from 0 to 65535 (got "eighty")'],
    [
      { DATABASE_URL: 'mysql://db/app', SESSION_SECRET: SECRET },
      'DATABASE_URL must be a URL starting with postgres:',
    ],
    [{ DATABASE_URL: 'postgres://db/app' }, 'SESSION_SECRET is required when DATABASE_URL is set'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET must be at least 32 characters'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must be a URL starting with redis:'],
    [{ S3_BUCKET_RAW: 'raw' }, 'S3_BUCKET_PROCESSED is required when S3 storage is configured'],
    [
      { S3_BUCKET_RAW: 'a', S3_BUCKET_PROCESSED: 'b', S3_ACCESS_KEY_ID: 'k' },
      'S3_ACCESS_KEY_ID and S3_SECRET',
    ],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY must be true or false'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY must be true or false, a hop count, or'],
    [{ REDIS_COUNTERS_URL: 'localhost:6380' }, 'REDIS_COUNTERS_URL must be a URL starting with redis:'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [
      { CDN_KEY_VALUE_STORE_ARN: 'arn:aws:s3:::vidstream-processed' },
      'CDN_KEY_VALUE_STORE_ARN must be a CloudFront key value store ARN',
    ],
  ])('names the bad variable in %o', (env, expected) => {
    expect(problemsOf(env).join('\n')).toContain(expected);
  });

  it('copies revocations to the CDN only with a key value store ARN', () => {
    expect(loadConfig({}).cdnKeyValueStoreArn).toBeUndefined();
    const arn = 'arn:aws:cloudfront::123456789012:key-value-store/0b7f9c1e-3f5a-4c2d-9e8b-1a2b3c4d5e6f';
    expect(loadConfig({ CDN_KEY_VALUE_STORE_ARN: arn }).cdnKeyValueStoreArn).toBe(arn);
  });

  it.each([
    [undefined, false],
    ['true', true],
    ['off', false],
    ['2', 2],
    ['10.0.0.0/8, 192.0.2.1,fd00::/8, loopback', ['10.0.0.0/8', '192.0.2.1', 'fd00::/8', 'loopback']],
  ])('reads TRUST_PROXY=%s as %o', (value, expected) => {
    const config = loadConfig(value === undefined ? {} : { TRUST_PROXY: value }, '/srv/vidstream');
    expect(config.trustProxy).toEqual(expected);
  });

  it.each([
    [{}, { kind: 'memory' }],
    [{ DATABASE_URL: 'postgres://db/app', SESSION_SECRET: SECRET }, { kind: 'postgres' }],
    [
      {
        DATABASE_URL: 'postgres://db/app',
        SESSION_SECRET: SECRET,
        REDIS_COUNTERS_URL: 'redis://counters:6379',
      },
      { kind: 'redis', url: 'redis://counters:6379' },
    ],
  ])('keeps security counters out of the cache with %o', (env, expected) => {
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379', ...env }, '/srv/vidstream').counters).toEqual(
      expected,
    );
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ PORT: '-1', WORKER_CONCURRENCY: '0', MEDIA_BASE_URL: 'ftp://x' })).toHaveLength(3);
  });
});
