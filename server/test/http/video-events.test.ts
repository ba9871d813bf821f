import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import { makeClip } from '../support/media-clips.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, startTestWorker, type TestPlatform } from '../support/test-platform.js';
import { uploadFile } from '../support/uploads.js';

let test: TestPlatform;
let baseUrl: string;
let owner: Awaited<ReturnType<typeof register>>;

beforeAll(async () => {
  test = await startTestPlatform();
  await test.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(test.app.server.address() as AddressInfo).port}`;
  owner = await register(test.app);
});
afterAll(() => test.close());

/** Opens the stream: fetch resolves once the headers and the first event have been written. */
function openEvents(videoId: string, token: string) {
  return fetch(`${baseUrl}/api/v1/videos/${videoId}/events`, { headers: bearer(token) });
}

/** Reads the rest of a stream (it ends by itself on a final state) into its events. */
async function readEvents(response: Response) {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('event: '))
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      return {
        event: eventLine?.slice('event: '.length),
        data: JSON.parse(dataLine?.slice('data: '.length) ?? '{}'),
      };
    });
}

describe('GET /api/v1/videos/{id}/events', () => {
  it('streams state and percent while the video is processed, and ends when it is ready', async () => {
    const clip = await makeClip(os.tmpdir(), `events-${randomBytes(4).toString('hex')}.mp4`, {
      width: 1280,
      height: 720,
      seconds: 8,
    });
    const { video } = await uploadFile(test.app, owner.token, await readFile(clip));
    const response = await openEvents(video.id, owner.token);
    await startTestWorker(test.platform);
    const events = await readEvents(response);

    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(events.every((event) => event.event === 'progress')).toBe(true);
    const states = events.map((event) => event.data.state);
    expect(states[0]).toBe('queued');
    expect(states).toContain('processing');
    expect(events.at(-1)?.data).toEqual({ state: 'ready', progress: 100, playable: true, error: null });
    const percents = events
      .filter((event) => event.data.state === 'processing')
      .map((event) => event.data.progress);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
  }, 90_000);

  it('is only for the owner: refused where others see the video, unknown where they do not', async () => {
    const stranger = await register(test.app);
    const eventsOf = (id: string) =>
      fetch(`${baseUrl}/api/v1/videos/${id}/events`, { headers: bearer(stranger.token) });
    const { video } = await uploadFile(test.app, owner.token, randomBytes(2000));
    expect((await eventsOf(video.id)).status).toBe(404);
    expect((await eventsOf(await publishStandInVideo(test.platform, owner, 'public'))).status).toBe(403);
    expect((await fetch(`${baseUrl}/api/v1/videos/${video.id}/events`)).status).toBe(401);
  });
});
