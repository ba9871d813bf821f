// The fold-co-watching job counts, for every two videos, the people who watched both: each person once,
// whatever they watch again, and only what was written since the last fold.
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_DEFINITIONS } from '../../src/adapters/queue/job-definitions.js';
import { register } from '../support/accounts.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, startTestWorker, type TestPlatform } from '../support/test-platform.js';
import { watchAll } from '../support/watching.js';

let test: TestPlatform;
beforeAll(async () => {
  test = await startTestPlatform({ CO_WATCH_FOLD_MINUTES: '2' });
});
afterAll(() => test.close());

/** The co-watch counts among these videos, as `first>second` → viewers. */
async function counts(videoIds: string[]): Promise<Record<string, number>> {
  const rows = await test.platform.database.db
    .selectFrom('co_watch_counts')
    .selectAll()
    .where('video_id', 'in', videoIds)
    .execute();
  return Object.fromEntries(rows.map((row) => [`${row.video_id}>${row.other_video_id}`, row.viewers]));
}

async function unfolded(): Promise<number> {
  const row = await test.platform.database.db
    .selectFrom('watch_history')
    .select((eb) => eb.fn.countAll<string>().as('rows'))
    .where('co_watch_folded', '=', false)
    .executeTakeFirstOrThrow();
  return Number(row.rows);
}

describe('fold-co-watching job', () => {
  it('is started by the queue every five minutes, or as often as configured', async () => {
    expect(JOB_DEFINITIONS['fold-co-watching'].schedule).toBe('*/5 * * * *');
    const scheduled = await sql<{ cron: string }>`
      SELECT cron FROM pgboss.schedule WHERE name = 'fold-co-watching'`.execute(test.platform.database.db);
    expect(scheduled.rows).toEqual([{ cron: '*/2 * * * *' }]);
  });

  it('folds new watch history into the counts through the queue, each person once', async () => {
    const creator = await register(test.app);
    const [a, b, c] = [
      await publishStandInVideo(test.platform, creator, 'public'),
      await publishStandInVideo(test.platform, creator, 'public'),
      await publishStandInVideo(test.platform, creator, 'public'),
    ] as [string, string, string];
    const [first, second] = await Promise.all([register(test.app), register(test.app)]);
    await watchAll(test.app, first.token, [a, b, c]);
    await watchAll(test.app, second.token, [b, a]);

    await startTestWorker(test.platform);
    const foldThroughQueue = async () => {
      await test.platform.queue.send('fold-co-watching', {});
      for (let waited = 0; waited < 15_000 && (await unfolded()) > 0; waited += 250) await sleep(250);
      expect(await unfolded()).toBe(0);
    };
    await foldThroughQueue();
    expect(await counts([a, b, c])).toEqual({
      [`${a}>${b}`]: 2,
      [`${b}>${a}`]: 2,
      [`${a}>${c}`]: 1,
      [`${c}>${a}`]: 1,
      [`${b}>${c}`]: 1,
      [`${c}>${b}`]: 1,
    });

    // Watching again changes nothing; the second person's new video is paired with what they watched.
    await watchAll(test.app, first.token, [a, b]);
    await watchAll(test.app, second.token, [c]);
    await foldThroughQueue();
    expect(await counts([a, b, c])).toEqual({
      [`${a}>${b}`]: 2,
      [`${b}>${a}`]: 2,
      [`${a}>${c}`]: 2,
      [`${c}>${a}`]: 2,
      [`${b}>${c}`]: 2,
      [`${c}>${b}`]: 2,
    });
  });

  it('counts a pair once when two folds run at the same time', async () => {
    const creator = await register(test.app);
    const videos = [
      await publishStandInVideo(test.platform, creator, 'public'),
      await publishStandInVideo(test.platform, creator, 'public'),
    ] as [string, string];
    const viewers = await Promise.all([1, 2, 3, 4, 5].map(() => register(test.app)));
    for (const viewer of viewers) await watchAll(test.app, viewer.token, videos);
    const { upNext } = test.platform.services;
    await Promise.all([upNext.foldCoWatching(), upNext.foldCoWatching()]);
    expect(await counts(videos)).toEqual({
      [`${videos[0]}>${videos[1]}`]: 5,
      [`${videos[1]}>${videos[0]}`]: 5,
    });
  });
});
