// The run command's promise, checked on the built app: embedded defaults, one process, data kept.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../support/accounts.js';
import {
  requireBuild,
  runVidstream,
  startVidstream as startRole,
  stopVidstream as stop,
} from '../support/vidstream-process.js';

let dataDir: string;
beforeAll(async () => {
  requireBuild();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-run-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** Starts `vidstream [role]` over this file's data folder. */
const startVidstream = (env: Record<string, string>, role = 'all') =>
  startRole({ DATA_DIR: dataDir, ...env }, role);

/** Runs `vidstream …args` to its end over this file's data folder. */
const runToExit = (args: string[], env: Record<string, string>) =>
  runVidstream(args, { DATA_DIR: dataDir, ...env });

function post(baseUrl: string, route: string, body: unknown) {
  return fetch(`${baseUrl}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('vidstream on embedded defaults', () => {
  it('starts, keeps an account across a restart, and stops cleanly', async () => {
    const user = newUser();
    const first = await startVidstream({ LOG_LEVEL: 'info' });
    console.info(`cold start (new data dir) ready in ${Math.round(first.startupMs)} ms`);
    expect(first.output()).toContain(`VidStream is running: open ${first.baseUrl}`);
    expect(first.output()).toMatch(/"msg":"using ffmpeg"/);
    const registered = await post(first.baseUrl, '/api/v1/auth/register', user);
    expect(registered.status).toBe(201);
    const { user: created } = (await registered.json()) as { user: { id: string } };
    const page = await fetch(`${first.baseUrl}/signin`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await stop(first)).toBe(0);

    const second = await startVidstream({ LOG_LEVEL: 'info' });
    console.info(`warm start (existing data dir) ready in ${Math.round(second.startupMs)} ms`);
    try {
      const loggedIn = await post(second.baseUrl, '/api/v1/auth/login', {
        email: user.email,
        password: user.password,
      });
      expect(loggedIn.status).toBe(200);
      expect(((await loggedIn.json()) as { user: { id: string } }).user.id).toBe(created.id);
    } finally {
      expect(await stop(second)).toBe(0);
    }
  }, 120_000);

  it('runs a worker that answers health, readiness and metrics on its port, and nothing else', async () => {
    const worker = await startVidstream({ LOG_LEVEL: 'info' }, 'worker');
    try {
      expect(worker.output()).toContain('VidStream worker is running');
      expect((await fetch(`${worker.baseUrl}/healthz`)).status).toBe(200);
      const metrics = await (await fetch(`${worker.baseUrl}/metrics`)).text();
      expect(metrics).toContain('# TYPE vidstream_transcode_duration_seconds histogram');
      expect(metrics).toMatch(/^vidstream_queue_depth\{queue="transcode-video"\} \d+$/m);
      expect((await post(worker.baseUrl, '/api/v1/auth/register', newUser())).status).toBe(404);
    } finally {
      expect(await stop(worker)).toBe(0);
    }
  }, 60_000);

  it('healthcheck exits 0 while a process answers on PORT, and 1 when none does', async () => {
    const running = await startVidstream({}, 'worker');
    const port = new URL(running.baseUrl).port;
    try {
      expect(await runToExit(['healthcheck'], { PORT: port })).toMatchObject({ code: 0 });
    } finally {
      expect(await stop(running)).toBe(0);
    }
    const refused = await runToExit(['healthcheck'], { PORT: port });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not alive');
  }, 60_000);

  it('refuses to start on bad configuration, naming the variable', async () => {
    const { code, stderr } = await runToExit([], { PORT: 'eighty', REDIS_URL: 'localhost' });
    expect(code).toBe(1);
    expect(stderr).toContain('PORT must be an integer');
    expect(stderr).toContain('REDIS_URL must be a URL');
    expect(stderr).not.toContain('    at ');
  });
});
