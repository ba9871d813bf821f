// PostgreSQL going away under load, through a relay the test cuts (a restart or crash: connections
// refused) or stalls (a partition or frozen host: nothing answers). While it is away every request that
// needs it fails fast with 503 and a Retry-After, never a hang or a 500; once it is back the pool serves
// again within seconds; the views counted meanwhile are neither lost nor counted twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { register } from '../support/accounts.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startRelay, type TcpRelay } from '../support/tcp-relay.js';
import { testDatabaseUrl } from '../support/test-adapters.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let relay: TcpRelay;
let test: TestPlatform;
let videoIds: string[];
let ownerHandle: string;
beforeEach(async () => {
  relay = await startRelay(new URL(testDatabaseUrl), 5432);
  test = await startTestPlatform(
    { DATABASE_QUERY_TIMEOUT_SECONDS: '2', DATABASE_CONNECT_TIMEOUT_SECONDS: '2' },
    { databasePort: relay.port },
  );
  const owner = await register(test.app);
  ownerHandle = owner.handle;
  videoIds = await Promise.all(
    Array.from({ length: 3 }, () => publishStandInVideo(test.platform, owner, 'public')),
  );
});
afterEach(async () => {
  await relay.restore();
  await test.close();
});

/** Reads that need the database: lists and uncached pages. */
const databaseReads = () => [
  '/api/v1/feed/newest?limit=5',
  '/api/v1/search?q=video',
  '/api/v1/feed/trending',
  `/api/v1/channels/${ownerHandle}/videos`,
];

/** The answer, or a failure if none came within `ms`: a hung request is the bug looked for here. */
async function answerWithin(ms: number, url: string) {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${url} had no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([test.app.inject({ url }), hung]);
  } finally {
    clearTimeout(timer);
  }
}

async function expectUnavailable() {
  const answers = await Promise.all(databaseReads().map((url) => answerWithin(8_000, url)));
  for (const [index, answer] of answers.entries()) {
    expect(answer.statusCode, `${databaseReads()[index]}: ${answer.body}`).toBe(503);
    expect(answer.json().error.code).toBe('database_unavailable');
    expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
  }
}

/** Polls until every read answers 200: the pool has recovered. */
async function expectRecoveredWithin(ms: number) {
  const deadline = Date.now() + ms;
  for (;;) {
    const answers = await Promise.all(databaseReads().map((url) => test.app.inject({ url })));
    if (answers.every((answer) => answer.statusCode === 200)) return;
    if (Date.now() > deadline) {
      throw new Error(`not recovered: ${answers.map((answer) => answer.statusCode).join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('PostgreSQL away', () => {
  it.each([
    ['restarted (connections refused)', () => relay.cut()],
    ['unreachable (nothing answers)', () => relay.stall()],
  ])('%s: reads fail fast with 503, and serve again once it is back', async (_name, fault) => {
    await expectRecoveredWithin(5_000);
    fault();
    await expectUnavailable();
    await relay.restore();
    await expectRecoveredWithin(5_000);
  });

  it('counts every view sent while it was away exactly once, at the first flush after', async () => {
    const [id] = videoIds as [string];
    const views = test.platform.services.views;
    const before = (await test.app.inject({ url: `/api/v1/videos/${id}` })).json().viewCount as number;
    relay.cut();
    for (let viewer = 0; viewer < 5; viewer += 1) {
      const sent = await test.app.inject({
        method: 'POST',
        url: `/api/v1/videos/${id}/views`,
        payload: { sessionId: `outage-viewer-${viewer}`, watchedSeconds: 30 },
        remoteAddress: `10.9.0.${viewer + 1}`,
      });
      expect(sent.statusCode, sent.body).toBe(200);
      expect(sent.json().counted).toBe(true);
    }
    await expect(views.flush()).rejects.toThrow();
    await relay.restore();
    await expectRecoveredWithin(5_000);
    await views.flush();
    await views.flush();
    const after = await test.platform.repositories.videos.findById(id);
    expect((after?.counts.views ?? Number.NaN) - before).toBe(5);
  });
});
