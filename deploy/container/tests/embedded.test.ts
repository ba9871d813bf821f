// The image on embedded defaults, as `docker run -p 8080:8080 -v vidstream:/data IMAGE` runs it: the whole
// platform in one unprivileged process, an upload transcoded inside the container, the data kept in the
// volume across a restart, and the image's own HEALTHCHECK passing.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeClip } from '../../../e2e/support/clips.js';
import { newAccount } from '../../../e2e/support/people.js';
import { publishClip, register } from '../../../e2e/support/through-the-api.js';
import { freePort } from '../../../server/test/support/free-port.js';
import { podman, podmanOrThrow } from '../support/podman.js';
import {
  expectLadderReadable,
  ownVideo,
  removeContainers,
  startContainer,
  waitUntilReady,
} from '../support/running.js';

const image = inject('image');
const container = `vidstream-test-${randomBytes(4).toString('hex')}`;
const volume = `${container}-data`;
let baseUrl: string;

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://localhost:${port}`;
  await startContainer(container, image, { env: { PORT: String(port) }, volume });
  await waitUntilReady(baseUrl, container);
});

afterAll(async () => {
  await removeContainers(container);
  await podman(['volume', 'rm', '--force', volume]);
});

describe('the image on embedded defaults', () => {
  let token: string;
  let videoId: string;

  it('runs as an unprivileged user', async () => {
    const status = await podmanOrThrow(['exec', container, 'cat', '/proc/1/status']);
    expect(status).toMatch(/^Uid:\s+10001\s/m);
    const uid = await podmanOrThrow([
      'exec',
      container,
      'node',
      '-e',
      'process.stdout.write(String(process.getuid()))',
    ]);
    expect(uid).toBe('10001');
  });

  it('transcodes an upload inside the container and serves its ladder', async () => {
    token = await register(baseUrl, newAccount('Shipper'));
    const clip = await makeClip('container.mp4', { seconds: 4 });
    videoId = await publishClip(baseUrl, token, clip, { title: 'From the image', visibility: 'public' });
    const video = await ownVideo(baseUrl, videoId, token);
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
    await waitUntilReady(baseUrl, container);
    const video = await ownVideo(baseUrl, videoId, token);
    expect(video.state).toBe('ready');
    await expectLadderReadable(video.hlsUrl);
  });
});
