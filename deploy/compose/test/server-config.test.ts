// What the VidStream containers receive, put through the server's own configuration loader: every
// variable is one it reads, and together they select PostgreSQL, Redis and S3 and reach the stack.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.js';
import { compose, interpolate, parseEnvFile, readComposeFile, VIDSTREAM_SERVICES } from './stack.js';

const { services } = compose();
// What init-env.sh writes: .env.example with its empty secrets filled.
const dotEnv = new Map(
  [...parseEnvFile(readComposeFile('.env.example'))].map(([name, value]) => [
    name,
    value === '' ? 'f'.repeat(64) : value,
  ]),
);

function environmentOf(service: string, variables = dotEnv): Record<string, string> {
  const environment = services[service]?.environment ?? {};
  return Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [name, interpolate(String(value), variables)]),
  );
}

/** Loads the configuration as the server does, noting each variable it reads. */
function load(environment: Record<string, string>) {
  const read = new Set<string>();
  const watched = new Proxy(environment, {
    get: (target, name) => {
      if (typeof name === 'string') read.add(name);
      return target[name as string];
    },
  });
  return { config: loadConfig(watched, '/app'), read };
}

describe.each(VIDSTREAM_SERVICES)('the %s service’s environment', (name) => {
  const environment = environmentOf(name);

  it('is accepted by the server and selects the production adapters', () => {
    const { config } = load(environment);
    expect(config.database.kind).toBe('postgres');
    expect(config.cache.kind).toBe('redis');
    expect(config.storage).toMatchObject({ kind: 's3', forcePathStyle: true });
    expect(config.storage.kind === 's3' && config.storage.accessKeyId).toBe('vidstream');
    expect(config.sessionSecret).toHaveLength(64);
  });

  it('guards /metrics with the generated token', () => {
    expect(load(environment).config.metricsToken).toBe(dotEnv.get('METRICS_TOKEN'));
  });

  it('holds only variables the server reads', () => {
    const { read } = load(environment);
    expect(Object.keys(environment).filter((variable) => !read.has(variable))).toEqual([]);
  });

  it('cannot be built without the generated secrets', () => {
    const unfilled = parseEnvFile(readComposeFile('.env.example'));
    expect(() => environmentOf(name, unfilled)).toThrow(/run \.\/init-env\.sh first/);
  });
});

describe('the addresses the VidStream containers use', () => {
  const environment = environmentOf('api');
  const proxy = environmentOf('proxy');

  it('name services of the stack', () => {
    for (const variable of ['DATABASE_URL', 'REDIS_URL']) {
      expect(Object.keys(services)).toContain(new URL(environment[variable] as string).hostname);
    }
  });

  it('reach storage directly, and sign part URLs for the storage host the proxy publishes', () => {
    expect(Object.keys(services)).toContain(new URL(environment.S3_ENDPOINT as string).hostname);
    const publicEndpoint = new URL(environment.S3_PUBLIC_ENDPOINT as string);
    expect(publicEndpoint.hostname).toBe(proxy.S3_PUBLIC_HOST);
    expect(publicEndpoint.port).toBe(proxy.PUBLIC_PORT);
    expect(publicEndpoint.protocol).toBe(`${proxy.PUBLIC_SCHEME}:`);
  });

  it('publish the proxy on the same port inside and out, so public URLs work from the containers', () => {
    const [published] = services.proxy?.ports ?? [];
    expect(interpolate(published as string, dotEnv)).toBe(`${proxy.PUBLIC_PORT}:${proxy.PUBLIC_PORT}`);
    expect(new URL(environment.PUBLIC_URL as string).port).toBe(proxy.PUBLIC_PORT);
  });

  it.each([
    ['http', '8080'],
    ['https', '443'],
  ])('let the web app’s origin send parts to storage (%s on port %s)', (scheme, port) => {
    const variables = new Map([...dotEnv, ['PUBLIC_SCHEME', scheme], ['PUBLIC_PORT', port]]);
    // What a browser puts in Origin: the scheme's default port left out.
    const origin = new URL(environmentOf('api', variables).PUBLIC_URL as string).origin;
    const allowed = environmentOf('minio', variables).MINIO_API_CORS_ALLOW_ORIGIN?.split(',');
    expect(allowed).toContain(origin);
  });

  it('match the buckets and access key the bucket setup creates', () => {
    const setup = environmentOf('buckets');
    for (const variable of [
      'S3_BUCKET_RAW',
      'S3_BUCKET_PROCESSED',
      'S3_ACCESS_KEY_ID',
      'S3_SECRET_ACCESS_KEY',
    ]) {
      expect(setup[variable], variable).toBe(environment[variable]);
    }
  });

  it('hand encoders the RTMP address the live service listens on and publishes', () => {
    const variables = new Map([...dotEnv, ['PUBLIC_HOST', 'video.example.com'], ['LIVE_RTMP_PORT', '1936']]);
    const { live: handedOut } = load(environmentOf('api', variables)).config;
    expect(handedOut.ingestBaseUrl).toBe('rtmp://video.example.com:1936/live');
    expect(load(environmentOf('live', variables)).config.live.rtmpPort).toBe(1936);
    const [published] = services.live?.ports ?? [];
    expect(interpolate(published as string, variables)).toBe('1936:1936');
  });

  it('trust the one proxy’s forwarded header on the api only', () => {
    expect(load(environment).config.trustProxy).toBe(1);
    expect(load(environmentOf('worker')).config.trustProxy).toBe(false);
  });
});
