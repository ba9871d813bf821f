// Log-in throttles and rate limits are security counters: a flood of page data that makes the cache
// evict must not reset them, and they keep applying while Redis is unreachable. Both where counters
// live in production: a Redis of their own (noeviction) and, by default, PostgreSQL.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvictingCounterStore, RedisCounters } from '../../src/adapters/counters/redis-counters.js';
import { newUser, randomAddress, register } from '../support/accounts.js';
import { type OwnRedis, startRedisServer } from '../support/redis-server.js';
import { startRelay, type TcpRelay } from '../support/tcp-relay.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const FREE_FAILURES = 2;
const LOGINS_PER_MINUTE = 5;

/** Servers of this file's own: the shared test Redis must not be shrunk or cut. */
let cacheRedis: OwnRedis;
let countersRedis: OwnRedis;
let cacheRelay: TcpRelay;
let countersRelay: TcpRelay;
beforeAll(async () => {
  [cacheRedis, countersRedis] = await Promise.all([
    startRedisServer('allkeys-lru'),
    startRedisServer('noeviction'),
  ]);
  [cacheRelay, countersRelay] = await Promise.all([
    startRelay(new URL(cacheRedis.url), 6379),
    startRelay(new URL(countersRedis.url), 6379),
  ]);
});
afterAll(async () => {
  cacheRelay.cut();
  countersRelay.cut();
  await Promise.all([cacheRedis.stop(), countersRedis.stop()]);
});

function login(test: TestPlatform, email: string, password: string, remoteAddress: string) {
  return test.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress,
  });
}

/** Fails from `address` until the throttle answers: the statuses seen (the last one 429). */
async function failUntilSlowed(test: TestPlatform, email: string, address: string) {
  const statuses: number[] = [];
  for (let attempt = 0; attempt <= FREE_FAILURES + 1; attempt += 1) {
    statuses.push((await login(test, email, 'wrong password', address)).statusCode);
  }
  return statuses;
}
const slowed = [...Array(FREE_FAILURES + 1).fill(401), 429];

describe.each([
  ['a counters Redis', true],
  ['PostgreSQL', false],
])('security counters in %s', (_where, ownRedis) => {
  let test: TestPlatform;
  beforeAll(async () => {
    test = await startTestPlatform({
      REDIS_URL: `redis://127.0.0.1:${cacheRelay.port}`,
      REDIS_MAXMEMORY: '4mb',
      ...(ownRedis ? { REDIS_COUNTERS_URL: `redis://127.0.0.1:${countersRelay.port}` } : {}),
      LOGIN_FAILURES_PER_ACCOUNT: String(FREE_FAILURES),
      LOGIN_RATE_LIMIT_PER_MINUTE: String(LOGINS_PER_MINUTE),
    });
  });
  afterAll(() => test.close());

  it('survive a flood of page data that makes the cache evict', async () => {
    const victim = await register(test.app);
    const attacker = randomAddress();
    expect(await failUntilSlowed(test, victim.email, attacker)).toEqual(slowed);

    const evictedBefore = await evictedKeys();
    const page = 'x'.repeat(100_000);
    for (let index = 0; index < 120; index += 1) {
      await test.platform.cache.set(`video:flood-${index}`, page, 3600);
    }
    expect(await evictedKeys()).toBeGreaterThan(evictedBefore);

    // The throttle still holds, and so does the per-address count (the fifth request of the minute, then
    // the sixth, over the limit, on an account never tried).
    expect((await login(test, victim.email, victim.password, attacker)).statusCode).toBe(429);
    expect((await login(test, newUser().email, 'whatever1', attacker)).statusCode).toBe(429);
    expect((await login(test, victim.email, victim.password, randomAddress())).statusCode).toBe(200);
  });

  it('keep applying while Redis is unreachable', async () => {
    const victim = await register(test.app);
    cacheRelay.cut();
    countersRelay.cut();
    try {
      const attacker = randomAddress();
      expect(await failUntilSlowed(test, victim.email, attacker)).toEqual(slowed);
      expect((await login(test, victim.email, victim.password, attacker)).statusCode).toBe(429);
      expect((await login(test, newUser().email, 'whatever1', attacker)).statusCode).toBe(429);
      expect((await login(test, victim.email, victim.password, randomAddress())).statusCode).toBe(200);
    } finally {
      await Promise.all([cacheRelay.restore(), countersRelay.restore()]);
    }
  });
});

it('refuses a counters Redis that would evict keys', async () => {
  await expect(
    RedisCounters.connect({ url: cacheRedis.url, logger: pino({ level: 'silent' }) }),
  ).rejects.toThrow(EvictingCounterStore);
});

async function evictedKeys(): Promise<number> {
  const stats = await cacheRedis.client.info('stats');
  return Number(/evicted_keys:(\d+)/.exec(stats)?.[1] ?? 0);
}
