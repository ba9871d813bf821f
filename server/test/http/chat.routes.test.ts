import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import { followEvents } from '../support/event-stream.js';
import { endLiveVideo, startLiveVideo } from '../support/live-videos.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
let baseUrl: string;

beforeAll(async () => {
  test = await startTestPlatform({ CHAT_RATE_LIMIT_MESSAGES: '5' });
  await test.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(test.app.server.address() as AddressInfo).port}`;
});
afterAll(() => test.close());

/** A live video, public as the ingest makes it, or made private by its owner. */
async function videoOf(visibility: 'public' | 'private' = 'public') {
  const owner = await register(test.app);
  const id = await startLiveVideo(test, owner);
  if (visibility === 'private') {
    const edited = await test.app.inject({
      method: 'PATCH',
      url: `/api/v1/videos/${id}`,
      headers: bearer(owner.token),
      payload: { visibility },
    });
    expect(edited.statusCode, edited.body).toBe(200);
  }
  return { owner, id };
}

const post = (videoId: string, token: string | undefined, payload: unknown) =>
  test.app.inject({
    method: 'POST',
    url: `/api/v1/videos/${videoId}/chat`,
    headers: token ? bearer(token) : {},
    payload: payload as object,
  });

const history = async (videoId: string, query = '') =>
  (await test.app.inject({ url: `/api/v1/videos/${videoId}/chat${query}` })).json();

describe('POST /api/v1/videos/{id}/chat', () => {
  it('keeps a message, trimmed, with its author, and lists the chat newest first, a page at a time', async () => {
    const { id } = await videoOf();
    const viewer = await register(test.app);
    for (const text of ['  first  ', 'second', 'third']) {
      expect((await post(id, viewer.token, { text })).statusCode).toBe(201);
    }
    const firstPage = await history(id, '?limit=2');
    expect(firstPage.items.map((message: { body: string }) => message.body)).toEqual(['third', 'second']);
    expect(firstPage.items[0].author).toEqual({
      id: viewer.id,
      handle: viewer.handle,
      displayName: viewer.displayName,
    });
    const secondPage = await history(id, `?limit=2&cursor=${firstPage.nextCursor}`);
    expect(secondPage).toMatchObject({ items: [{ body: 'first' }], nextCursor: null });
  });

  it('refuses what is not a message, and anyone signed out, storing nothing', async () => {
    const { id } = await videoOf();
    const viewer = await register(test.app);
    for (const payload of [{ text: '' }, { text: '   ' }, { text: 'x'.repeat(201) }, {}]) {
      const refused = await post(id, viewer.token, payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.json().error.code).toBeDefined();
    }
    expect((await post(id, undefined, { text: 'hello' })).statusCode).toBe(401);
    expect((await history(id)).items).toEqual([]);
  });

  it('lets one account write only so many messages in a window (chat_rate_limit)', async () => {
    const { id } = await videoOf();
    const viewer = await register(test.app);
    const statuses = [];
    for (let i = 0; i < 6; i += 1)
      statuses.push((await post(id, viewer.token, { text: `m${i}` })).statusCode);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const refused = await post(id, viewer.token, { text: 'again' });
    expect(refused.json().error.code).toBe('chat_rate_limit');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await history(id)).items).toHaveLength(5);
    // Another account is not held back by the first one's count.
    expect((await post(id, (await register(test.app)).token, { text: 'mine' })).statusCode).toBe(201);
  });

  it('has no chat for a video the viewer may not watch', async () => {
    const { owner, id } = await videoOf('private');
    const viewer = await register(test.app);
    expect((await post(id, viewer.token, { text: 'hello' })).statusCode).toBe(404);
    expect((await test.app.inject({ url: `/api/v1/videos/${id}/chat` })).statusCode).toBe(404);
    expect((await post(id, owner.token, { text: 'only me' })).statusCode).toBe(201);
  });

  it('is open while the video is live, and read only before and after', async () => {
    const viewer = await register(test.app);
    const uploaded = await publishStandInVideo(test.platform, await register(test.app), 'public');
    const closed = await post(uploaded, viewer.token, { text: 'hello?' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('chat_closed');

    const { id } = await videoOf();
    expect((await post(id, viewer.token, { text: 'while live' })).statusCode).toBe(201);
    await endLiveVideo(test.platform, id);
    expect((await post(id, viewer.token, { text: 'too late' })).json().error.code).toBe('chat_closed');
    expect((await history(id)).items.map((message: { body: string }) => message.body)).toEqual([
      'while live',
    ]);
  });
});

describe('DELETE /api/v1/videos/{id}/chat/{messageId}', () => {
  it("lets the author and the video's owner delete a message, and nobody else", async () => {
    const { owner, id } = await videoOf();
    const author = await register(test.app);
    const stranger = await register(test.app);
    const first = (await post(id, author.token, { text: 'one' })).json();
    const second = (await post(id, author.token, { text: 'two' })).json();
    const remove = (messageId: string, token: string, videoId = id) =>
      test.app.inject({
        method: 'DELETE',
        url: `/api/v1/videos/${videoId}/chat/${messageId}`,
        headers: bearer(token),
      });

    expect((await remove(first.id, stranger.token)).statusCode).toBe(403);
    expect((await remove(first.id, author.token, (await videoOf()).id)).statusCode).toBe(404);
    expect((await remove(first.id, author.token)).statusCode).toBe(204);
    expect((await remove(second.id, owner.token)).statusCode).toBe(204);
    expect((await remove(second.id, owner.token)).statusCode).toBe(404);
    expect((await history(id)).items).toEqual([]);
  });
});

describe('GET /api/v1/videos/{id}/chat/events', () => {
  it('tells a follower of each message and deletion as it happens, with its revision as the event id', async () => {
    const { id } = await videoOf();
    const viewer = await register(test.app);
    const events = await followEvents(`${baseUrl}/api/v1/videos/${id}/chat/events`);
    try {
      expect(events.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      const posted = (await post(id, viewer.token, { text: 'hello, live' })).json();
      const heard = await events.next();
      expect(heard).toEqual({ event: 'message', id: posted.revision, data: posted });

      await test.app.inject({
        method: 'DELETE',
        url: `/api/v1/videos/${id}/chat/${posted.id}`,
        headers: bearer(viewer.token),
      });
      const deleted = await events.next();
      expect(deleted.event).toBe('deleted');
      expect(deleted.data).toEqual({ id: posted.id });
      expect(BigInt(deleted.id ?? 0)).toBeGreaterThan(BigInt(posted.revision));
    } finally {
      events.close();
    }
  });

  it('gives a follower that comes back with Last-Event-ID what it missed, and nothing twice', async () => {
    const { id } = await videoOf();
    const viewer = await register(test.app);
    const url = `${baseUrl}/api/v1/videos/${id}/chat/events`;
    const first = await followEvents(url);
    const seen = (await post(id, viewer.token, { text: 'seen' })).json();
    expect((await first.next()).id).toBe(seen.revision);
    first.close();

    const missed = (await post(id, viewer.token, { text: 'missed' })).json();
    const again = await followEvents(url, { 'last-event-id': seen.revision });
    try {
      expect(await again.next()).toMatchObject({
        event: 'message',
        id: missed.revision,
        data: { body: 'missed' },
      });
      const after = (await post(id, viewer.token, { text: 'after' })).json();
      expect(await again.next()).toMatchObject({ id: after.revision, data: { body: 'after' } });
    } finally {
      again.close();
    }
  });

  it('refuses a revision that is not one, and a video the viewer may not watch', async () => {
    const { id } = await videoOf();
    const bad = await fetch(`${baseUrl}/api/v1/videos/${id}/chat/events?after=latest`);
    expect(bad.status).toBe(400);
    const hidden = await videoOf('private');
    expect((await fetch(`${baseUrl}/api/v1/videos/${hidden.id}/chat/events`)).status).toBe(404);
  });
});
