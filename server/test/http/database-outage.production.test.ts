// PostgreSQL going away under load, through a relay the test cuts (a restart or crash: connections
// refused), stalls (a partition or frozen host: nothing answers) or fails over (the partition ends with
// the server elsewhere, the connections open during it silent for good). While it is away every request that
// needs it fails fast with 503 and a Retry-After, never a hang or a 500; once it is back the pool serves
// again within seconds; the views counted meanwhile are neither lost nor counted twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { register } from '../support/accounts.js';
import {
  databaseReads,
  expectReadsRecoveredWithin,
  expectReadsUnavailable,
} from '../support/database-outage.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startRelay, type TcpRelay } from '../support/tcp-relay.js';
import { testDatabaseUrl } from '../support/test-adapters.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { newViewer, reportViewing } from '../support/viewers.js';

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

const reads = () => databaseReads(ownerHandle);
const expectUnavailable = () => expectReadsUnavailable(test.app, reads());
const expectRecoveredWithin = (ms: number) => expectReadsRecoveredWithin(test.app, reads(), ms);

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

  it('failed over (connections open during the partition silent for good): serves again, and keeps serving', async () => {
    // Every pooled connection in use, so that each one is open when the partition starts.
    await Promise.all(Array.from({ length: 10 }, () => expectRecoveredWithin(5_000)));
    relay.stall();
    await expectUnavailable();
    relay.failOver();
    await expectRecoveredWithin(5_000);
    // No connection left silent is handed out again: every read of the next rounds is served.
    for (let round = 0; round < 10; round += 1) {
      const answers = await Promise.all(reads().map((url) => test.app.inject({ url })));
      expect(answers.map((answer) => answer.statusCode)).toEqual(reads().map(() => 200));
    }
  });

  it('counts every view sent while it was away exactly once, at the first flush after', async () => {
    const [id] = videoIds as [string];
    const views = test.platform.services.views;
    const before = (await test.app.inject({ url: `/api/v1/videos/${id}` })).json().viewCount as number;
    relay.cut();
    for (let viewer = 0; viewer < 5; viewer += 1) {
      const sent = await reportViewing(test, id, newViewer(`10.9.0.${viewer + 1}`), 30);
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
