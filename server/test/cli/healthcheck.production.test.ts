// `vidstream healthcheck` is the containers' liveness check: it passes while PostgreSQL is away, so an
// orchestrator never replaces every api and worker for a database outage; `--ready` (the load balancer's
// question) fails meanwhile. Run against a real `vidstream api` whose database is reached through a
// relay the test cuts.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { administer } from '../support/global-setup.js';
import { startRelay, type TcpRelay } from '../support/tcp-relay.js';
import { databaseUrl } from '../support/test-adapters.js';
import {
  type RunningVidstream,
  requireBuild,
  runVidstream,
  startVidstream,
  stopVidstream,
} from '../support/vidstream-process.js';

const databaseName = `vidstream_test_${randomBytes(6).toString('hex')}`;
let dataDir: string;
let relay: TcpRelay;
let api: RunningVidstream;

beforeAll(async () => {
  requireBuild();
  await administer(`CREATE DATABASE ${databaseName} TEMPLATE ${inject('template')}`);
  relay = await startRelay(new URL(databaseUrl(databaseName)), 5432);
  const url = new URL(databaseUrl(databaseName));
  url.port = String(relay.port);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-health-'));
  api = await startVidstream(
    {
      DATA_DIR: dataDir,
      DATABASE_URL: url.toString(),
      DATABASE_CONNECT_TIMEOUT_SECONDS: '1',
      DATABASE_QUERY_TIMEOUT_SECONDS: '1',
      SESSION_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'silent',
    },
    'api',
  );
});
afterAll(async () => {
  await relay?.restore();
  if (api) await stopVidstream(api);
  await administer(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const healthcheck = (...flags: string[]) =>
  runVidstream(['healthcheck', ...flags], { PORT: String(api.port) });

describe('vidstream healthcheck while PostgreSQL is away', () => {
  it('passes (the process is alive) while --ready fails, and both pass once it is back', async () => {
    expect(await healthcheck()).toMatchObject({ code: 0 });
    expect(await healthcheck('--ready')).toMatchObject({ code: 0 });

    relay.cut();
    await eventually(async () => (await fetch(`${api.baseUrl}/readyz`)).status === 503, 15, '/readyz 503');
    expect(await healthcheck()).toMatchObject({ code: 0 });
    const notReady = await healthcheck('--ready');
    expect(notReady.code).toBe(1);
    expect(notReady.stderr).toContain('not ready: /readyz answered 503');

    await relay.restore();
    await eventually(async () => (await healthcheck('--ready')).code === 0, 15, 'ready again');
  }, 60_000);
});
