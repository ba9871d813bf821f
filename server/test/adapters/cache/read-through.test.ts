import { describe, expect, it, vi } from 'vitest';
import { MemoryCache } from '../../../src/adapters/cache/memory-cache.js';
import { ReadThrough } from '../../../src/adapters/cache/read-through.js';

const options = { ttlSeconds: 60, absentTtlSeconds: 10, lockMs: 500, pollMs: 5, decodedEntries: 10 };

describe('ReadThrough', () => {
  it('decodes a hot value once while its cached text is unchanged, and again once it changes', async () => {
    const cache = new MemoryCache(100);
    const readThrough = new ReadThrough(cache, options);
    const decode = vi.fn((json: unknown) => ({ ...(json as object), decoded: true }));
    const load = async () => ({ title: 'first' });
    const first = await readThrough.get('video:1', load, decode);
    expect(await readThrough.get('video:1', load, decode)).toBe(first);
    expect(decode).toHaveBeenCalledTimes(1);
    await cache.set('video:1', JSON.stringify({ title: 'second' }), 60);
    expect(await readThrough.get('video:1', load, decode)).toEqual({ title: 'second', decoded: true });
    expect(decode).toHaveBeenCalledTimes(2);
  });

  it('loads once for concurrent misses and remembers an absent value', async () => {
    const readThrough = new ReadThrough(new MemoryCache(100), options);
    const load = vi.fn(async () => undefined);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => readThrough.get('video:2', load, (json) => json)),
    );
    expect(results).toEqual(Array(20).fill(undefined));
    await readThrough.get('video:2', load, (json) => json);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('releases its lock when the load fails, so the next reader can load', async () => {
    const readThrough = new ReadThrough(new MemoryCache(100), options);
    await expect(
      readThrough.get(
        'video:3',
        async () => Promise.reject(new Error('database down')),
        (json) => json,
      ),
    ).rejects.toThrow('database down');
    expect(
      await readThrough.get(
        'video:3',
        async () => ({ ok: true }),
        (json) => json,
      ),
    ).toEqual({ ok: true });
  });
});
