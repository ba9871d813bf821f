// Subscriptions: idempotent, never to yourself, exact counts under racing requests, and a keyset-paged list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
beforeAll(async () => {
  test = await startTestPlatform();
});
afterAll(() => test.close());

type Person = Awaited<ReturnType<typeof register>>;
const follow = (handle: string, token: string, on = true) =>
  test.app.inject({
    method: on ? 'PUT' : 'DELETE',
    url: `/api/v1/channels/${handle}/subscription`,
    headers: bearer(token),
  });
const channel = (handle: string, token?: string) =>
  test.app.inject({ url: `/api/v1/channels/${handle}`, headers: token ? bearer(token) : {} });

describe('subscriptions', () => {
  it('subscribes and unsubscribes, each harmless twice, with the count and my state following', async () => {
    const [creator, fan] = await Promise.all([register(test.app), register(test.app)]);
    expect((await follow(creator.handle, fan.token)).json()).toEqual({
      subscribed: true,
      subscriberCount: 1,
    });
    expect((await follow(creator.handle, fan.token)).json()).toEqual({
      subscribed: true,
      subscriberCount: 1,
    });
    expect((await channel(creator.handle, fan.token)).json()).toMatchObject({
      subscriberCount: 1,
      subscribed: true,
    });
    expect((await channel(creator.handle)).json()).not.toHaveProperty('subscribed');
    expect((await follow(creator.handle, fan.token, false)).json()).toEqual({
      subscribed: false,
      subscriberCount: 0,
    });
    expect((await follow(creator.handle, fan.token, false)).json()).toEqual({
      subscribed: false,
      subscriberCount: 0,
    });
    expect((await channel(creator.handle, fan.token)).json()).toMatchObject({
      subscriberCount: 0,
      subscribed: false,
    });
  });

  it('refuses a subscription to your own channel, and to a channel that does not exist', async () => {
    const creator = await register(test.app);
    const own = await follow(creator.handle, creator.token);
    expect(own.statusCode).toBe(409);
    expect(own.json().error.code).toBe('own_channel');
    expect((await follow('nobody_here_at_all', creator.token)).statusCode).toBe(404);
  });

  it('keeps the count exact under racing subscribes and unsubscribes', async () => {
    const creator = await register(test.app);
    const fans = await Promise.all(Array.from({ length: 6 }, () => register(test.app)));
    await Promise.all(
      fans.flatMap((fan, f) =>
        Array.from({ length: 5 }, (_, i) => follow(creator.handle, fan.token, (f + i) % 2 === 0)),
      ),
    );
    const rows = await test.platform.database.db
      .selectFrom('subscriptions')
      .innerJoin('channels', 'channels.id', 'subscriptions.channel_id')
      .select('subscriptions.subscriber_id')
      .where('channels.handle', '=', creator.handle)
      .execute();
    expect((await channel(creator.handle)).json().subscriberCount).toBe(rows.length);
  });

  it('lists the channels I follow, newest first, page by page without gaps or repeats', async () => {
    const fan = await register(test.app);
    const creators: Person[] = [];
    for (let i = 0; i < 7; i += 1) {
      const creator = await register(test.app);
      creators.push(creator);
      await follow(creator.handle, fan.token);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=3&cursor=${cursor}` : '?limit=3';
      const page = await test.app.inject({
        url: `/api/v1/me/subscriptions${query}`,
        headers: bearer(fan.token),
      });
      expect(page.statusCode, page.body).toBe(200);
      const body = page.json() as {
        items: { channel: { handle: string; subscribed: boolean } }[];
        nextCursor: string | null;
      };
      expect(body.items.length).toBeLessThanOrEqual(3);
      for (const item of body.items) {
        expect(item.channel.subscribed).toBe(true);
        seen.push(item.channel.handle);
      }
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(creators.map((creator) => creator.handle).reverse());
    const tampered = await test.app.inject({
      url: '/api/v1/me/subscriptions?cursor=bm9wZQ',
      headers: bearer(fan.token),
    });
    expect(tampered.statusCode).toBe(400);
    expect(tampered.json().error.field).toBe('cursor');
  });
});
