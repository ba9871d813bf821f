// Views buffered in the counters Redis (`noeviction`: never in the cache's, where a waiting batch could be
// evicted), shared by every API process. Draining renames the pending hash to a batch of its own
// (atomically, so no increment falls between), applies it, then deletes it. A process that dies mid-way
// leaves its batch listed; the next drain anywhere applies it, and the batch id makes a second
// application a no-op.
import type { Redis } from 'ioredis';
import { type ApplyBatch, type ViewBuffer, viewField } from './view-buffer.js';

const PENDING = 'views:pending';
const BATCHES = 'views:batches';
const batchKey = (id: string) => `views:batch:${id}`;

/** Renames the pending hash to a new batch and lists the batch, or does nothing when nothing is pending. */
const SEAL_BATCH = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('SADD', KEYS[3], ARGV[1])
return 1`;

export class RedisViewBuffer implements ViewBuffer {
  constructor(private readonly redis: Redis) {}

  async add(videoId: string, day: string): Promise<void> {
    await this.redis.hincrby(PENDING, viewField(videoId, day), 1);
  }

  async drain(apply: ApplyBatch): Promise<void> {
    const sealed = crypto.randomUUID();
    await this.redis.eval(SEAL_BATCH, 3, PENDING, batchKey(sealed), BATCHES, sealed);
    for (const id of await this.redis.smembers(BATCHES)) {
      const fields = await this.redis.hgetall(batchKey(id));
      const counts = new Map(Object.entries(fields).map(([field, count]) => [field, Number(count)]));
      if (counts.size > 0) await apply(id, counts);
      await this.redis.multi().del(batchKey(id)).srem(BATCHES, id).exec();
    }
  }
}
