// The compose file as people run it: it parses, documents every variable it reads, and its services
// start in order, report health and scale.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  COMPOSE_DIR,
  compose,
  interpolate,
  parseEnvFile,
  readComposeFile,
  references,
  stringsIn,
  VIDSTREAM_SERVICES,
} from './stack.js';

const { services } = compose();
const documented = parseEnvFile(readComposeFile('.env.example'));
const referenced = references(stringsIn(compose()).join('\n'));

const oneShot = new Set(
  Object.values(services).flatMap((service) =>
    Object.entries(service.depends_on ?? {}).flatMap(([name, dependency]) =>
      dependency.condition === 'service_completed_successfully' ? [name] : [],
    ),
  ),
);

describe('compose.yaml', () => {
  it('parses, with the services of the stack', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['api', 'buckets', 'live', 'migrate', 'minio', 'postgres', 'proxy', 'valkey', 'worker'].sort(),
    );
  });

  it('reads only variables that .env.example documents', () => {
    const undocumented = referenced
      .map((reference) => reference.name)
      .filter((name) => !documented.has(name));
    expect([...new Set(undocumented)]).toEqual([]);
  });

  it('explains each variable of .env.example in a comment above it', () => {
    const lines = readComposeFile('.env.example').split('\n');
    const unexplained = lines.filter(
      (line, index) => /^\w+=/.test(line) && !lines[index - 1]?.startsWith('# '),
    );
    expect(unexplained).toEqual([]);
  });

  it('uses every variable that .env.example documents', () => {
    const names = new Set(referenced.map((reference) => reference.name));
    expect([...documented.keys()].filter((name) => !names.has(name))).toEqual([]);
  });

  it('has the same defaults as .env.example, so a missing line changes nothing', () => {
    for (const { name, operator, argument } of referenced) {
      if (operator === ':-') expect(`${name}=${argument}`).toBe(`${name}=${documented.get(name)}`);
    }
  });

  it('refuses to start without the generated secrets', () => {
    const guarded = new Set(referenced.filter((r) => r.operator === ':?').map((r) => r.name));
    expect([...guarded].sort()).toEqual(
      [
        'METRICS_TOKEN',
        'MINIO_ROOT_PASSWORD',
        'POSTGRES_PASSWORD',
        'S3_SECRET_ACCESS_KEY',
        'SESSION_SECRET',
      ].sort(),
    );
    for (const name of guarded) expect(documented.get(name)).toBe('');
  });

  it('gives every long-running service a healthcheck', () => {
    for (const [name, service] of Object.entries(services)) {
      if (oneShot.has(name)) {
        expect(service.restart, name).toBe('no');
      } else {
        expect(service.healthcheck?.disable, name).toBeFalsy();
        expect(service.healthcheck?.test?.[0], name).toBe('CMD');
      }
    }
  });

  it('checks the VidStream containers with the image’s own healthcheck command', () => {
    for (const name of ['api', 'worker', 'live']) {
      expect(services[name]?.healthcheck?.test).toEqual([
        'CMD',
        'node',
        '/app/server/dist/main.js',
        'healthcheck',
      ]);
    }
  });

  it('waits on each dependency by a condition, on services that exist', () => {
    const conditions = ['service_healthy', 'service_completed_successfully'];
    for (const [name, service] of Object.entries(services)) {
      expect(Array.isArray(service.depends_on), name).toBe(false);
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(Object.keys(services), `${name} → ${dependency}`).toContain(dependency);
        expect(conditions, `${name} → ${dependency}`).toContain(condition);
        if (condition === 'service_healthy') expect(oneShot.has(dependency)).toBe(false);
      }
    }
  });

  it('starts api, worker and live only after the migration and the bucket setup succeeded', () => {
    for (const name of ['api', 'worker', 'live']) {
      expect(services[name]?.depends_on).toMatchObject({
        migrate: { condition: 'service_completed_successfully' },
        buckets: { condition: 'service_completed_successfully' },
      });
    }
  });

  it('lets api and worker scale: no container names, no published ports but the proxy’s and RTMP', () => {
    for (const [name, service] of Object.entries(services)) {
      expect(service.container_name, name).toBeUndefined();
      if (name !== 'proxy' && name !== 'live') expect(service.ports, name).toBeUndefined();
    }
    expect(services.live?.ports?.map((port) => interpolate(port, documented))).toEqual(['1935:1935']);
  });

  it('runs one image, built from this repository, in each VidStream role', () => {
    expect(existsSync(path.join(COMPOSE_DIR, '../../Dockerfile'))).toBe(true);
    for (const name of VIDSTREAM_SERVICES) {
      const service = services[name];
      expect(interpolate(service?.image ?? '', new Map())).toBe(documented.get('VIDSTREAM_IMAGE'));
      expect(service?.build).toBe('../..');
      expect(service?.command).toBe(name);
    }
  });

  it('stops a worker only after its own grace for running jobs', () => {
    const grace = Number(documented.get('WORKER_SHUTDOWN_GRACE_SECONDS'));
    expect(Number.parseInt(services.worker?.stop_grace_period ?? '10', 10)).toBeGreaterThan(grace);
  });

  it('gives the live container time to end its streams when stopped', () => {
    expect(Number.parseInt(services.live?.stop_grace_period ?? '10', 10)).toBeGreaterThanOrEqual(30);
  });

  it('mounts files that exist, and keeps data in named volumes', () => {
    const named = Object.keys(compose().volumes ?? {});
    for (const [name, service] of Object.entries(services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0] as string;
        if (source.startsWith('./')) expect(existsSync(path.join(COMPOSE_DIR, source)), name).toBe(true);
        else expect(named, name).toContain(source);
      }
    }
    expect(services.postgres?.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect(services.minio?.volumes).toContain('minio-data:/data');
  });

  it('caps the cache’s memory and evicts least frequently used keys', () => {
    const command = services.valkey?.command as string[];
    const option = (name: string) => command[command.indexOf(name) + 1];
    expect(option('--maxmemory-policy')).toBe('allkeys-lfu');
    expect(option('--maxmemory-samples')).toBe('10');
    // The server sets the cap it is given at start-up, so both must read the same variable.
    const cap = new Map([['REDIS_MAXMEMORY', '1gb']]);
    expect(interpolate(option('--maxmemory') ?? '', cap)).toBe('1gb');
    expect(interpolate(services.api?.environment?.REDIS_MAXMEMORY ?? '', cap)).toBe('1gb');
  });
});

describe('Caddyfile', () => {
  const caddyfile = readComposeFile('Caddyfile');
  const proxy = services.proxy;

  it('uses only placeholders the proxy’s environment sets', () => {
    const placeholders = [...caddyfile.matchAll(/\{\$([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((match) => match[1]);
    expect(placeholders.length).toBeGreaterThan(0);
    for (const name of placeholders) expect(Object.keys(proxy?.environment ?? {})).toContain(name);
  });

  it('looks up every api replica by the service’s name and port', () => {
    expect(caddyfile).toMatch(/dynamic a api 8080 \{\s*refresh \d+s/);
  });

  it('turns visitors away from /metrics, while the token guards every spelling the api reads as it', () => {
    // Caddy's path matcher compares the unescaped, cleaned path; the api's own check does not depend on it.
    const site = caddyfile.split('{$PUBLIC_SCHEME}://{$PUBLIC_HOST}:{$PUBLIC_PORT} {')[1] ?? '';
    expect(site.split('\n}')[0]).toMatch(/^\s*respond \/metrics 404$/m);
    expect(references(services.api?.environment?.METRICS_TOKEN ?? '')).toEqual([
      { name: 'METRICS_TOKEN', operator: ':?', argument: 'run ./init-env.sh first' },
    ]);
  });

  it('forwards storage to the minio service', () => {
    expect(caddyfile).toContain('reverse_proxy minio:9000');
  });

  it('answers the proxy’s healthcheck on the port it probes', () => {
    const probe = proxy?.healthcheck?.test?.at(-1) ?? '';
    expect(probe).toBe('http://127.0.0.1:2020/healthz');
    expect(caddyfile).toMatch(/^:2020 \{\s*respond \/healthz 200/m);
  });
});
