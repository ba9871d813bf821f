// The near cache in front of Redis: hot keys read from memory, yet every change made through any
// connection reaches it, and it steps aside while it cannot hear about changes.
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { isTracking, openNearCache, until } from '../../support/cache-adapters.js';
import { startRelay, type TcpRelay } from '../../support/tcp-relay.js';
import { testRedisUrl } from '../../support/test-adapters.js';

const closers: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

async function open(url = testRedisUrl) {
  const { redis, near, keyPrefix, close } = await openNearCache(url);
  closers.push(close);
  const other = new Redis(testRedisUrl, { keyPrefix });
  closers.push(() => other.disconnect());
  return { redis, near, other };
}

describe('NearCache', () => {
  it('answers repeated reads of a kept key without asking Redis', async () => {
    const { redis, near } = await open();
    await near.set('video:1', 'first', 60);
    await sleep(100); // Redis's echo of this write empties the near copy when it arrives.
    expect(await near.get('video:1')).toBe('first');
    const asked = vi.spyOn(redis, 'get');
    for (let i = 0; i < 5; i += 1) expect(await near.get('video:1')).toBe('first');
    expect(asked).not.toHaveBeenCalled();
  });

  it('hears of a change, a deletion and an expiry made through another connection', async () => {
    const { near, other } = await open();
    await other.set('video:2', 'old');
    expect(await near.get('video:2')).toBe('old');
    await other.set('video:2', 'new');
    await until(async () => (await near.get('video:2')) === 'new');
    await other.del('video:2');
    await until(async () => (await near.get('video:2')) === undefined);
    // Long enough to be read before it expires on a loaded machine; then it must be heard to expire.
    await other.set('video:2', 'brief', 'PX', 2_000);
    expect(await near.get('video:2')).toBe('brief');
    await until(async () => (await near.get('video:2')) === undefined, 5_000);
  });

  it('reads keys outside its prefix from Redis every time', async () => {
    const { redis, near } = await open();
    await near.set('session:1', 'x', 60);
    const asked = vi.spyOn(redis, 'get');
    await near.get('session:1');
    await near.get('session:1');
    expect(asked).toHaveBeenCalledTimes(2);
  });

  it('drops what it kept while Redis is unreachable, and keeps again once it is back', async () => {
    const relay: TcpRelay = await startRelay(new URL(testRedisUrl), 6379);
    closers.push(() => relay.cut());
    const { redis, near, other } = await open(`redis://127.0.0.1:${relay.port}`);
    await other.set('video:3', 'before');
    expect(await near.get('video:3')).toBe('before');
    relay.cut();
    await until(() => !isTracking(near));
    // Changed while this process could not hear of it: the old value must not be served.
    await other.set('video:3', 'during');
    expect(await near.get('video:3')).toBeUndefined();
    await relay.restore();
    await until(() => isTracking(near), 10_000);
    expect(await near.get('video:3')).toBe('during');
    const asked = vi.spyOn(redis, 'get');
    expect(await near.get('video:3')).toBe('during');
    expect(asked).not.toHaveBeenCalled();
  }, 20_000);
});
