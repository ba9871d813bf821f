// Live chat across API processes: each process follows a chat by asking the database for the changes
// after the last revision it saw, so what is written through one reaches followers of any other.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import { followEvents, type OpenedStream } from '../support/event-stream.js';
import { startLiveVideo } from '../support/live-videos.js';
import { twoInstances } from '../support/test-platform.js';

const instances = twoInstances();
const urls: string[] = [];

beforeAll(async () => {
  for (const { app } of [instances.first, instances.second]) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    urls.push(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
  }
});

const post = async (app: FastifyInstance, videoId: string, token: string, text: string) => {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/videos/${videoId}/chat`,
    headers: bearer(token),
    payload: { text },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; revision: string; body: string };
};

async function heard(stream: OpenedStream, count: number) {
  const events = [];
  for (let i = 0; i < count; i += 1) events.push(await stream.next());
  return events;
}

describe('two API processes', () => {
  it('pass a message written through one to a follower of the other', async () => {
    const { first, second } = instances;
    const owner = await register(first.app);
    const videoId = await startLiveVideo(first, owner);
    const follower = await followEvents(`${urls[1]}/api/v1/videos/${videoId}/chat/events`);
    try {
      const written = await post(first.app, videoId, owner.token, 'from the first process');
      expect(await follower.next()).toEqual({ event: 'message', id: written.revision, data: written });
      const reply = await post(second.app, videoId, owner.token, 'and from the second');
      expect((await follower.next()).id).toBe(reply.revision);
    } finally {
      follower.close();
    }
  });

  it('give every follower every message once, in one order, while both take writes at once', async () => {
    const { first, second } = instances;
    const owner = await register(first.app);
    const videoId = await startLiveVideo(first, owner);
    const writers = await Promise.all(Array.from({ length: 6 }, () => register(first.app)));
    const followers = await Promise.all(
      urls.map((url) => followEvents(`${url}/api/v1/videos/${videoId}/chat/events`)),
    );
    try {
      const written = await Promise.all(
        writers.flatMap((writer, w) =>
          Array.from({ length: 5 }, (_, m) =>
            post((w + m) % 2 ? first.app : second.app, videoId, writer.token, `${w}.${m}`),
          ),
        ),
      );
      const inOrder = written
        .map((message) => message.revision)
        .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
      for (const follower of followers) {
        const events = await heard(follower, written.length);
        expect(events.map((event) => event.id)).toEqual(inOrder);
      }
      const history = (await second.app.inject({ url: `/api/v1/videos/${videoId}/chat?limit=50` })).json();
      expect(history.items.map((message: { revision: string }) => message.revision).reverse()).toEqual(
        inOrder,
      );
    } finally {
      for (const follower of followers) follower.close();
    }
  });
});
