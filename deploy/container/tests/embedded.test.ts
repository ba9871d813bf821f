// The image on embedded defaults, as `docker run -p 8080:8080 -v vidstream:/data IMAGE` runs it: the whole
// platform in one unprivileged process, an upload transcoded inside the container, the data kept in the
// volume across a restart, and the image's own HEALTHCHECK passing.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeClip } from '../../../e2e/support/clips.js';
import { newAccount } from '../../../e2e/support/people.js';
import { publishClip, register } from '../../../e2e/support/through-the-api.js';
import { freePort } from '../../../server/test/support/free-port.js';
import { LIMITS, podman, podmanOrThrow } from '../support/podman.js';

const image = inject('image');
const container = `vidstream-test-${randomBytes(4).toString('hex')}`;
const volume = `${container}-data`;
let baseUrl: string;

/** Waits until the container's API answers ready; fails with its log if it stops or takes too long. */
async function waitUntilReady(): Promise<void> {
  for (let waited = 0; waited < 120_000; waited += 500) {
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) return;
    const state = (await podman(['inspect', container, '--format', '{{.State.Status}}'])).stdout.trim();
    if (state !== 'running') break;
    await sleep(500);
  }
  throw new Error(`the container did not become ready:\n${(await podman(['logs', container])).stderr}`);
}

async function json<T>(route: string, token: string): Promise<T> {
  const response = await fetch(`${baseUrl}${route}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status, route).toBe(200);
  return (await response.json()) as T;
}

/** The master playlist and each variant playlist it names answer over HTTP. */
async function expectLadderReadable(hlsUrl: string): Promise<void> {
  const master = await fetch(hlsUrl);
  expect(master.status).toBe(200);
  const text = await master.text();
  const variants = text.split('\n').filter((line) => line.endsWith('.m3u8'));
  expect(variants.length).toBeGreaterThan(0);
  for (const variant of variants) {
    const playlist = await fetch(new URL(variant, hlsUrl));
    expect(playlist.status, variant).toBe(200);
    expect(await playlist.text()).toContain('#EXT-X-ENDLIST');
  }
}

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://localhost:${port}`;
  await podmanOrThrow([
    'run',
    ...['--detach', '--name', container, '--network', 'host', ...LIMITS],
    ...['--env', `PORT=${port}`, '--volume', `${volume}:/data`, image],
  ]);
  await waitUntilReady();
});

afterAll(async () => {
  await podman(['rm', '--force', '--time', '0', container]);
  await podman(['volume', 'rm', '--force', volume]);
});

describe('the image on embedded defaults', () => {
  let token: string;
  let videoId: string;

  it('runs as an unprivileged user', async () => {
    const status = await podmanOrThrow(['exec', container, 'cat', '/proc/1/status']);
    expect(status).toMatch(/^Uid:\s+10001\s/m);
    expect(
      await podmanOrThrow([
        'exec',
        container,
        'node',
        '-e',
        'process.stdout.write(String(process.getuid()))',
      ]),
    ).toBe('10001');
  });

  it('transcodes an upload inside the container and serves its ladder', async () => {
    token = await register(baseUrl, newAccount('Shipper'));
    const clip = await makeClip('container.mp4', { seconds: 4 });
    videoId = await publishClip(baseUrl, token, clip, { title: 'From the image', visibility: 'public' });
    const video = await json<{ state: string; hlsUrl: string }>(`/api/v1/videos/${videoId}`, token);
    expect(video.state).toBe('ready');
    await expectLadderReadable(video.hlsUrl);
  });

  it('passes the HEALTHCHECK the image declares', async () => {
    const declared = await podmanOrThrow([
      'image',
      'inspect',
      image,
      '--format',
      '{{json .Config.Healthcheck}}',
    ]);
    expect(declared).toContain('healthcheck');
    expect((await podman(['healthcheck', 'run', container])).code).toBe(0);
  });

  it('keeps accounts and videos in its volume across a restart', async () => {
    await podmanOrThrow(['restart', '--time', '30', container]);
    await waitUntilReady();
    const video = await json<{ state: string; hlsUrl: string }>(`/api/v1/videos/${videoId}`, token);
    expect(video.state).toBe('ready');
    await expectLadderReadable(video.hlsUrl);
  });
});
