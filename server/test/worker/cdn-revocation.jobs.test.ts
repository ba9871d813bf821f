// With CDN_KEY_VALUE_STORE_ARN, a revocation reaches the CDN: the video's new minimum playback version is
// queued in the revoking transaction and written to the key value store (a local stand-in for AWS) by a
// worker, retried while the store is away, and taken out again once every older token has expired.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minVersionKey } from '../../src/adapters/cdn/cdn-revocation-store.js';
import type { JobName } from '../../src/adapters/queue/job-definitions.js';
import { bearer, register } from '../support/accounts.js';
import { eventually } from '../support/eventually.js';
import {
  type KeyValueStoreStandIn,
  STORE_ARN,
  startKeyValueStoreStandIn,
} from '../support/key-value-store-stand-in.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, startTestWorker, type TestPlatform } from '../support/test-platform.js';

let standIn: KeyValueStoreStandIn;
let test: TestPlatform;
let owner: Awaited<ReturnType<typeof register>>;

beforeAll(async () => {
  standIn = await startKeyValueStoreStandIn();
  test = await startTestPlatform(
    { CDN_KEY_VALUE_STORE_ARN: STORE_ARN },
    { cdnKeyValueStoreClient: standIn.client() },
  );
  owner = await register(test.app);
  await startTestWorker(test.platform);
});
afterAll(async () => {
  await test.close();
  await standIn.close();
});

interface QueuedJob {
  name: JobName;
  minVersion: number;
  retries: number;
  /** Seconds from now until a worker may take it. */
  startsIn: number;
}

async function revocationJobs(platform: TestPlatform, videoId: string): Promise<QueuedJob[]> {
  const { rows } = await sql<QueuedJob>`
    select name, (data->>'minVersion')::int as "minVersion", retry_count as retries,
           extract(epoch from start_after - now())::int as "startsIn"
    from pgboss.job
    where name in ('revoke-cdn-playback', 'forget-cdn-revocation') and data->>'videoId' = ${videoId}
    order by created_on`.execute(platform.platform.database.db);
  return rows;
}

function change(platform: TestPlatform, videoId: string, method: 'PATCH' | 'DELETE', payload?: object) {
  return platform.app.inject({
    method,
    url: `/api/v1/videos/${videoId}`,
    headers: bearer(owner.token),
    payload,
  });
}

const stored = (videoId: string) => standIn.entries.get(minVersionKey(videoId));

describe('revocations at the CDN', () => {
  it("write the video's new minimum when it is made private, and again when it is deleted", async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    expect((await change(test, id, 'PATCH', { visibility: 'private' })).statusCode).toBe(200);
    await eventually(async () => stored(id) === '1', 20, 'the minimum 1 in the store');
    expect((await change(test, id, 'DELETE')).statusCode).toBe(204);
    await eventually(async () => stored(id) === '2', 20, 'the minimum 2 in the store');
    // Each entry goes once no token below it can still be good: after the longest token life.
    const tokenLife = test.platform.playbackTokens.longestLifeSeconds;
    await eventually(
      async () =>
        (await revocationJobs(test, id)).filter((job) => job.name === 'forget-cdn-revocation').length === 2,
      20,
      'both entries queued to be forgotten',
    );
    const forgets = (await revocationJobs(test, id)).filter((job) => job.name === 'forget-cdn-revocation');
    expect(forgets.map((job) => job.minVersion)).toEqual([1, 2]);
    for (const job of forgets) expect(job.startsIn).toBeGreaterThanOrEqual(tokenLife);
  });

  it('queue nothing for edits that withdraw nothing', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    for (const edit of [{ visibility: 'unlisted' }, { title: 'Renamed' }, { visibility: 'public' }]) {
      expect((await change(test, id, 'PATCH', edit)).statusCode).toBe(200);
    }
    expect(await revocationJobs(test, id)).toEqual([]);
  });

  it('keep trying, backing off, while the store is away', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    standIn.failNext(1);
    expect((await change(test, id, 'PATCH', { visibility: 'private' })).statusCode).toBe(200);
    await eventually(async () => stored(id) === '1', 60, 'the minimum in the store after a retry');
    const [revoke] = await revocationJobs(test, id);
    expect(revoke).toMatchObject({ name: 'revoke-cdn-playback', retries: 1 });
  }, 90_000);
});

describe('without CDN_KEY_VALUE_STORE_ARN', () => {
  it('queues no revocation for the CDN', async () => {
    const plain = await startTestPlatform();
    try {
      const someone = await register(plain.app);
      const id = await publishStandInVideo(plain.platform, someone, 'public');
      const edit = await plain.app.inject({
        method: 'PATCH',
        url: `/api/v1/videos/${id}`,
        headers: bearer(someone.token),
        payload: { visibility: 'private' },
      });
      expect(edit.statusCode).toBe(200);
      expect(await revocationJobs(plain, id)).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});
