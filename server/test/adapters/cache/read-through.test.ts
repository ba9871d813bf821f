// Cache-aside with single-flight, and the race every delete-on-write cache has: a fill that read the row
// before a write must not store it after the write's invalidation.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { MemoryCache } from '../../../src/adapters/cache/memory-cache.js';
import { ReadThrough } from '../../../src/adapters/cache/read-through.js';
import { CACHE_ADAPTERS } from '../../support/cache-adapters.js';

const options = { ttlSeconds: 60, absentTtlSeconds: 10, leaseMs: 500, pollMs: 5, decodedEntries: 10 };

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

const closers: (() => Promise<void>)[] = [];
afterAll(() => Promise.all(closers.map((close) => close())));

/** A load that reads the row at once and answers only when released: a slow query racing a write. */
function heldLoad(readRow: () => unknown) {
  let started!: () => void;
  let release!: () => void;
  const running = new Promise<void>((resolve) => {
    started = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const load = async () => {
    const row = readRow();
    started();
    await released;
    return row;
  };
  return { load, running, release };
}

const asIs = (json: unknown) => json;

describe.each(CACHE_ADAPTERS)('ReadThrough over %s, racing a write', (_name, open) => {
  async function setUp() {
    const opened = await open();
    closers.push(opened.close);
    return { ...opened, readThrough: new ReadThrough(opened.cache, options) };
  }

  it('does not store what a load read before a write invalidated by another process', async () => {
    const { cache, other, readThrough } = await setUp();
    let row = { title: 'old' };
    const slow = heldLoad(() => row);
    const racing = readThrough.get('video:1', slow.load, asIs);
    await slow.running;
    row = { title: 'new' }; // the write commits, then its process invalidates the entry
    await other.delete('video:1');
    slow.release();
    expect(await racing).toEqual({ title: 'old' }); // a read alongside a write may see either
    expect(await cache.get('video:1')).toBeUndefined();
    expect(await readThrough.get('video:1', async () => row, asIs)).toEqual({ title: 'new' });
    expect(await cache.get('video:1')).toBe(JSON.stringify({ title: 'new' }));
  });

  it('hands a caller that arrives after an invalidation in this process a load of its own', async () => {
    const { cache, readThrough } = await setUp();
    let row = { title: 'old' };
    const slow = heldLoad(() => row);
    const racing = readThrough.get('video:2', slow.load, asIs);
    await slow.running;
    row = { title: 'new' };
    await readThrough.delete('video:2');
    const after = readThrough.get('video:2', async () => row, asIs);
    slow.release();
    expect(await after).toEqual({ title: 'new' });
    expect(await racing).toEqual({ title: 'old' });
    expect(await cache.get('video:2')).toBe(JSON.stringify({ title: 'new' }));
  });
});
