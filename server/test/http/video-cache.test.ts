// GET /api/v1/videos/{id} reads through the cache: repeated reads stay off the database, a burst of
// misses makes one query, and every write that changes the answer shows at once. Someone not signed in
// gets an answer presented and serialized once per version of the video and playback-token window.
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { VideoRepository } from '../../src/adapters/db/video.repository.js';
import { Presenter } from '../../src/http/presenters.js';
import { videoCacheKey } from '../../src/services/videos/video-catalog.js';
import { bearer, register } from '../support/accounts.js';
import { forceState, publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
let owner: Awaited<ReturnType<typeof register>>;
beforeAll(async () => {
  test = await startTestPlatform();
  owner = await register(test.app);
});
afterAll(() => test.close());
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const countLoads = () => vi.spyOn(VideoRepository.prototype, 'findWithChannel');
const read = (id: string, token = owner.token) =>
  test.app.inject({ url: `/api/v1/videos/${id}`, headers: bearer(token) });
const readSignedOut = (id: string) => test.app.inject({ url: `/api/v1/videos/${id}` });
const edit = (id: string, payload: Record<string, string>) =>
  test.app.inject({ method: 'PATCH', url: `/api/v1/videos/${id}`, headers: bearer(owner.token), payload });

describe('reading a video', () => {
  it('asks the database once, then answers from the cache', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    const loads = countLoads();
    for (let i = 0; i < 5; i += 1) expect((await read(id)).statusCode).toBe(200);
    expect(loads).toHaveBeenCalledTimes(1);
  });

  it('makes one query for a burst of 200 concurrent misses on one video', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    const loads = countLoads();
    const responses = await Promise.all(Array.from({ length: 200 }, () => read(id)));
    expect(responses.every((response) => response.statusCode === 200)).toBe(true);
    expect(loads).toHaveBeenCalledTimes(1);
  });

  it('remembers briefly that an id does not exist', async () => {
    const loads = countLoads();
    const responses = await Promise.all(Array.from({ length: 50 }, () => read('AAAAAAAAAAA')));
    expect(responses.every((response) => response.statusCode === 404)).toBe(true);
    expect((await read('AAAAAAAAAAA')).statusCode).toBe(404);
    expect(loads).toHaveBeenCalledTimes(1);
  });
});

describe('every write shows at once', () => {
  let id: string;
  beforeAll(async () => {
    id = await publishStandInVideo(test.platform, owner, 'public');
  });
  const cachedThen = async (write: () => Promise<unknown>) => {
    await read(id);
    await write();
    return (await read(id)).json();
  };

  it('an edit of title, description and visibility', async () => {
    const edit = { title: 'Sourdough, day 3', description: 'It rose!', visibility: 'unlisted' };
    const video = await cachedThen(() =>
      test.app.inject({
        method: 'PATCH',
        url: `/api/v1/videos/${id}`,
        headers: bearer(owner.token),
        payload: edit,
      }),
    );
    expect(video).toMatchObject(edit);
  });

  it('a new channel name', async () => {
    const video = await cachedThen(() =>
      test.app.inject({
        method: 'PATCH',
        url: '/api/v1/me/channel',
        headers: bearer(owner.token),
        payload: { displayName: 'Bread Lab' },
      }),
    );
    expect(video.channel.displayName).toBe('Bread Lab');
  });

  it('a new channel avatar', async () => {
    const image = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c83' } })
      .png()
      .toBuffer();
    const video = await cachedThen(() =>
      test.app.inject({
        method: 'PUT',
        url: '/api/v1/me/channel/avatar',
        headers: { ...bearer(owner.token), 'content-type': 'image/png' },
        payload: image,
      }),
    );
    expect(video.channel.avatarUrl).toMatch(/\/avatars\/.+\.webp$/);
  });

  it('a caption added, then removed', async () => {
    const url = `/api/v1/videos/${id}/captions/fr`;
    const added = await cachedThen(() =>
      test.app.inject({
        method: 'PUT',
        url,
        headers: { ...bearer(owner.token), 'content-type': 'text/vtt' },
        payload: 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nBonjour\n',
      }),
    );
    expect(added.captions.map((caption: { label: string }) => caption.label)).toEqual(['Français']);
    const removed = await cachedThen(() =>
      test.app.inject({ method: 'DELETE', url, headers: bearer(owner.token) }),
    );
    expect(removed.captions).toEqual([]);
  });

  it('each step of processing, and its failure', async () => {
    const { videoStates } = test.platform.repositories;
    const other = await publishStandInVideo(test.platform, owner, 'public');
    // Taken back to processing as a retried job would be, then through its steps.
    await forceState(test.platform, other, 'queued');
    await read(other);
    await videoStates.startProcessing(other);
    expect((await read(other)).json()).toMatchObject({ state: 'processing', progress: 0 });
    await videoStates.reportProgress(other, 42);
    expect((await read(other)).json().progress).toBe(42);
    await videoStates.markFailed(other, 'The file has no video stream');
    expect((await read(other)).json()).toMatchObject({
      state: 'failed',
      error: 'The file has no video stream',
    });
  });

  it('becoming ready', async () => {
    const { videoStates } = test.platform.repositories;
    const other = await publishStandInVideo(test.platform, owner, 'public');
    await forceState(test.platform, other, 'processing');
    await test.platform.cache.delete(videoCacheKey(other));
    expect((await read(other)).json().playable).toBe(false);
    await videoStates.markReady(other, { durationSeconds: 9, width: 640, height: 360, renditions: [] });
    expect((await read(other)).json()).toMatchObject({ state: 'ready', playable: true, durationSeconds: 9 });
  });

  it('deletion', async () => {
    await read(id);
    const deleted = await test.app.inject({
      method: 'DELETE',
      url: `/api/v1/videos/${id}`,
      headers: bearer(owner.token),
    });
    expect(deleted.statusCode).toBe(204);
    expect((await read(id)).statusCode).toBe(404);
  });
});

describe('a video page for someone not signed in', () => {
  it('is what the owner sees without the owner’s and viewer’s fields, presented once', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    await readSignedOut(id);
    const presented = vi.spyOn(Presenter.prototype, 'videoPage');
    const first = await readSignedOut(id);
    const second = await readSignedOut(id);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(second.body).toBe(first.body);
    expect(presented).not.toHaveBeenCalled();

    const { progress, error, myReaction, resumeAtSeconds, ...shared } = (await read(id)).json();
    expect(Object.entries(first.json())).toEqual(Object.entries(shared));
  });

  it('shows an edit at once, and nothing once the video is private', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    expect((await readSignedOut(id)).json().title).not.toBe('Day 4');
    expect((await edit(id, { title: 'Day 4' })).statusCode).toBe(200);
    expect((await readSignedOut(id)).json().title).toBe('Day 4');
    expect((await edit(id, { visibility: 'private' })).statusCode).toBe(200);
    expect((await readSignedOut(id)).statusCode).toBe(404);
  });

  it('carries the playback token of the current window', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    const before = (await readSignedOut(id)).json().hlsUrl as string;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 2 * 3600 * 1000);
    const later = (await readSignedOut(id)).json().hlsUrl as string;
    expect(later).not.toBe(before);
    expect(later).toBe((await read(id)).json().hlsUrl);
  });
});
