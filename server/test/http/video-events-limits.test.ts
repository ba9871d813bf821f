// Progress streams cost a connection and database looks for as long as they stay open: one account or
// address may hold only so many, each ends after a while, and one look per second serves every stream of
// a video.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { uploadFile } from '../support/uploads.js';

type Person = Awaited<ReturnType<typeof register>>;
interface ErrorJson {
  error: { message: string };
}

async function listening(env: Record<string, string>) {
  const test = await startTestPlatform(env);
  await test.app.listen({ port: 0, host: '127.0.0.1' });
  return { test, baseUrl: `http://127.0.0.1:${(test.app.server.address() as AddressInfo).port}` };
}

/** A queued video (no worker runs here), so its stream stays open until it is closed or too old. */
async function queuedVideo(test: TestPlatform, owner: Person): Promise<string> {
  const { video } = await uploadFile(test.app, owner.token, Buffer.alloc(2_000, 1));
  return video.id;
}

describe('progress stream limits', () => {
  let test: TestPlatform;
  let baseUrl: string;
  const open: AbortController[] = [];
  beforeAll(async () => {
    ({ test, baseUrl } = await listening({
      PROGRESS_STREAMS_PER_ACCOUNT: '2',
      PROGRESS_STREAMS_PER_ADDRESS: '3',
    }));
  });
  afterAll(async () => {
    for (const stream of open) stream.abort();
    await test.close();
  });

  const follow = async (videoId: string, person: Person) => {
    const controller = new AbortController();
    open.push(controller);
    const response = await fetch(`${baseUrl}/api/v1/videos/${videoId}/events`, {
      headers: bearer(person.token),
      signal: controller.signal,
    });
    return { response, close: () => controller.abort() };
  };

  it('refuses an account a stream past its limit, with 429, and takes one again once one closes', async () => {
    const owner = await register(test.app);
    const videoId = await queuedVideo(test, owner);
    const first = await follow(videoId, owner);
    const second = await follow(videoId, owner);
    expect([first.response.status, second.response.status]).toEqual([200, 200]);
    const refused = await follow(videoId, owner);
    expect(refused.response.status).toBe(429);
    expect(((await refused.response.json()) as ErrorJson).error.message).toContain('one account');
    expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);

    first.close();
    let again = await follow(videoId, owner);
    for (let tries = 0; again.response.status === 429 && tries < 50; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      again = await follow(videoId, owner);
    }
    expect(again.response.status).toBe(200);
    second.close();
    again.close();
  });

  it('refuses an address a stream past its limit, whichever accounts ask', async () => {
    const people = await Promise.all([register(test.app), register(test.app)]);
    const videos = await Promise.all(people.map((person) => queuedVideo(test, person)));
    const streams = [
      await follow(videos[0] as string, people[0] as Person),
      await follow(videos[0] as string, people[0] as Person),
      await follow(videos[1] as string, people[1] as Person),
    ];
    expect(streams.map((stream) => stream.response.status)).toEqual([200, 200, 200]);
    const refused = await follow(videos[1] as string, people[1] as Person);
    expect(refused.response.status).toBe(429);
    expect(((await refused.response.json()) as ErrorJson).error.message).toContain('one address');
    for (const stream of streams) stream.close();
  });
});

describe('a progress stream', () => {
  let test: TestPlatform;
  let baseUrl: string;
  beforeAll(async () => {
    ({ test, baseUrl } = await listening({ PROGRESS_STREAM_MAX_SECONDS: '3' }));
  });
  afterAll(() => test.close());

  it('ends by itself after its lifetime, and five of them look at their video once a second', async () => {
    const owner = await register(test.app);
    const videoId = await queuedVideo(test, owner);
    const videos = test.platform.services.videos;
    const getOwned = videos.getOwned.bind(videos);
    let looks = 0;
    videos.getOwned = (id, actorId) => {
      looks += 1;
      return getOwned(id, actorId);
    };
    try {
      const started = Date.now();
      const streams = await Promise.all(
        Array.from({ length: 5 }, () =>
          fetch(`${baseUrl}/api/v1/videos/${videoId}/events`, { headers: bearer(owner.token) }),
        ),
      );
      // Each stream ends on its own (text() resolves) while the video is still queued.
      const bodies = await Promise.all(streams.map((stream) => stream.text()));
      const seconds = (Date.now() - started) / 1000;
      for (const body of bodies) expect(body).toContain('"state":"queued"');
      // Five checks of ownership as the streams open, then one look per second for all of them.
      expect(looks).toBeLessThanOrEqual(5 + Math.ceil(seconds) + 1);
      expect(looks).toBeGreaterThan(5);
    } finally {
      videos.getOwned = getOwned;
    }
  }, 30_000);
});
