// The compose stack as shipped (deploy/compose), run for real with Debian's podman-compose on stand-ins
// for its official images: someone signs up, uploads a clip through the proxy's storage name with the
// presigned part URLs, and plays the ladder through Caddy; an encoder publishes RTMP to the live container
// and the stream plays through Caddy; after `down` and `up` everything is still there.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeClip } from '../../../e2e/support/clips.js';
import { newAccount } from '../../../e2e/support/people.js';
import { register, startUpload, waitFor } from '../../../e2e/support/through-the-api.js';
import { freePort } from '../../../server/test/support/free-port.js';
import { ComposeStack } from '../support/compose-stack.js';
import { podmanOrThrow } from '../support/podman.js';
import { expectLadderReadable, ownVideo } from '../support/running.js';
import { buildStandIns } from '../support/stand-in-images.js';
import { requestViaLoopback } from '../support/through-the-proxy.js';

const image = inject('image');
const project = `vidstream-test-${randomBytes(3).toString('hex')}`;
const person = newAccount('Composer');
let stack: ComposeStack;
let port: number;
let rtmpPort: number;
let baseUrl: string;
let videoId: string;

beforeAll(async () => {
  await buildStandIns();
  port = await freePort();
  rtmpPort = await freePort();
  baseUrl = `http://localhost:${port}`;
  stack = await ComposeStack.prepare({ project, image, port, rtmpPort });
  const started = performance.now();
  await stack.up();
  console.info(`compose stack up in ${Math.round((performance.now() - started) / 1000)} s`);
}, 900_000);

afterAll(async () => {
  await stack?.destroy();
}, 120_000);

/** The first media segment of the ladder's first rung answers through Caddy. */
async function expectSegmentThroughProxy(hlsUrl: string): Promise<void> {
  const master = await (await fetch(hlsUrl)).text();
  const variant = new URL(master.split('\n').find((line) => line.endsWith('.m3u8')) ?? '', hlsUrl);
  const playlist = await (await fetch(variant)).text();
  const segment = playlist.split('\n').find((line) => line !== '' && !line.startsWith('#')) ?? '';
  const response = await fetch(new URL(segment, variant));
  expect(response.status, segment).toBe(200);
  expect(response.headers.get('server')).toBe('Caddy');
  expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
}

describe('the compose stack under podman-compose', () => {
  it('publishes only the proxy on PUBLIC_PORT and RTMP, clear of this machine’s PostgreSQL and Redis', async () => {
    // Ports an image only exposes are listed too, with no host binding.
    type Bindings = Record<string, { HostIp: string; HostPort: string }[] | null> | null;
    const published = new Map<string, Bindings>();
    for (const container of await stack.containers()) {
      const format = '{{json .HostConfig.PortBindings}}';
      const bindings = JSON.parse(
        await podmanOrThrow(['inspect', container, '--format', format]),
      ) as Bindings;
      const bound = Object.entries(bindings ?? {}).filter(([, hosts]) => hosts && hosts.length > 0);
      if (bound.length > 0) published.set(container, Object.fromEntries(bound));
    }
    expect([...published.keys()].sort()).toEqual([stack.container('live'), stack.container('proxy')].sort());
    expect(published.get(stack.container('proxy'))).toEqual({
      [`${port}/tcp`]: [{ HostIp: '', HostPort: String(port) }],
    });
    expect(published.get(stack.container('live'))).toEqual({
      [`${rtmpPort}/tcp`]: [{ HostIp: '', HostPort: String(rtmpPort) }],
    });
  });

  it('takes an upload through the storage name and plays it through Caddy', async () => {
    const token = await register(baseUrl, person);
    const bytes = await readFile(await makeClip('compose.mp4', { seconds: 3 }));
    const plan = await startUpload(baseUrl, token, 'compose.mp4', bytes.length);
    videoId = plan.videoId;
    const parts = [];
    for (const { partNumber, url } of plan.parts) {
      expect(new URL(url).host).toBe(`s3.localhost:${port}`);
      // The web app's origin may send parts (compose sets MinIO's CORS rule) and read their ETag.
      const preflight = await requestViaLoopback(url, {
        method: 'OPTIONS',
        headers: { origin: baseUrl, 'access-control-request-method': 'PUT' },
      });
      expect(preflight.headers['access-control-allow-origin']).toBe(baseUrl);
      const chunk = bytes.subarray((partNumber - 1) * plan.partSize, partNumber * plan.partSize);
      const sent = await requestViaLoopback(url, {
        method: 'PUT',
        body: chunk,
        headers: { origin: baseUrl },
      });
      expect(sent.status, sent.body.toString()).toBe(200);
      expect(sent.headers['access-control-expose-headers']).toMatch(/\bETag\b/i);
      parts.push({ partNumber, etag: String(sent.headers.etag) });
    }
    const completed = await fetch(`${baseUrl}/api/v1/uploads/${videoId}/complete`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Composed', description: '', visibility: 'public', parts }),
    });
    expect(completed.status, await completed.clone().text()).toBe(200);

    await waitFor(baseUrl, token, videoId, (video) => video.state === 'ready', 'ready');
    const video = await ownVideo(baseUrl, videoId, token);
    expect(new URL(video.hlsUrl).origin).toBe(baseUrl);
    await expectLadderReadable(video.hlsUrl);
    await expectSegmentThroughProxy(video.hlsUrl);
    // The worker container transcoded it, not the API.
    expect(await stack.logs('worker', 0)).toMatch(/"job":"transcode-video".*"msg":"job done"/);
  });

  it('takes an RTMP publish in the live container and plays the stream through Caddy', async () => {
    const token = await register(baseUrl, newAccount('Streamer'));
    const made = await fetch(`${baseUrl}/api/v1/me/stream-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'compose' }),
    });
    const { ingestUrl } = (await made.json()) as { ingestUrl: string };
    expect(ingestUrl).toMatch(new RegExp(`^rtmp://localhost:${rtmpPort}/live/`));
    // A camera's pace until the checks are done (at most two minutes), to the address the API handed out.
    const encoder = spawn(
      'ffmpeg',
      [
        ...['-hide_banner', '-v', 'error', '-nostdin', '-re', '-f', 'lavfi', '-t', '120'],
        ...['-i', 'testsrc2=size=640x360:rate=30', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30'],
        ...['-pix_fmt', 'yuv420p', '-f', 'flv', ingestUrl.replace('//localhost:', '//127.0.0.1:')],
      ],
      { stdio: 'ignore' },
    );
    try {
      const liveVideoId = async () => {
        const keys = await fetch(`${baseUrl}/api/v1/me/stream-keys`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return ((await keys.json()) as { items: { liveVideoId: string | null }[] }).items[0]?.liveVideoId;
      };
      let liveId: string | null | undefined;
      for (let waited = 0; !liveId && waited < 60_000; waited += 500) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        liveId = await liveVideoId();
      }
      expect(liveId, 'the key went live').toBeTruthy();
      await waitFor(baseUrl, token, liveId as string, (seen) => seen.playable, 'playable');
      await expectSegmentThroughProxy((await ownVideo(baseUrl, liveId as string, token)).hlsUrl);
      // The live container took the publish and made the ladder, not the API.
      expect(await stack.logs('live', 0)).toMatch(
        new RegExp(`"videoId":"${liveId}".*"msg":"live stream started"`),
      );
    } finally {
      encoder.kill('SIGINT');
    }
  }, 180_000);

  it('keeps the account, the video and its playlist across down and up', async () => {
    await stack.down();
    await stack.up();
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: person.email, password: person.password }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const video = await ownVideo(baseUrl, videoId, token);
    expect(video.state).toBe('ready');
    await expectLadderReadable(video.hlsUrl);
    await expectSegmentThroughProxy(video.hlsUrl);
  }, 600_000);
});
