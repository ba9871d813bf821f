// Views: counted once per viewer per video per hour, only after enough was watched, buffered and written
// in batches that count once even when replayed, and never lost on a clean shutdown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ViewRepository } from '../../src/adapters/db/view.repository.js';
import { bearer, register } from '../support/accounts.js';
import { publishStandInVideo, setDuration } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { newViewer, reportViewing, type Viewer } from '../support/viewers.js';

let test: TestPlatform;
let owner: Awaited<ReturnType<typeof register>>;
beforeAll(async () => {
  // Flushed only when a test says so (or at shutdown).
  test = await startTestPlatform({ VIEW_FLUSH_INTERVAL_SECONDS: '3600' });
  owner = await register(test.app);
});
afterAll(() => test.close());

async function report(videoId: string, viewer: Viewer, watchedSeconds: number, token?: string) {
  const response = await reportViewing(test, videoId, viewer, watchedSeconds, token ? bearer(token) : {});
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { counted: boolean }).counted;
}

async function storedViews(videoId: string) {
  const db = test.platform.database.db;
  const video = await db
    .selectFrom('videos')
    .select('view_count')
    .where('id', '=', videoId)
    .executeTakeFirstOrThrow();
  const days = await db
    .selectFrom('video_daily_views')
    .select(['views'])
    .where('video_id', '=', videoId)
    .execute();
  return { total: Number(video.view_count), daily: days.map((row) => Number(row.views)) };
}

describe('views', () => {
  it('counts a view after 10 s watched of a long video, once per viewer per hour', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    await setDuration(test.platform, id, 120);
    const viewer = newViewer();
    expect(await report(id, viewer, 9.9)).toBe(false);
    expect(await report(id, viewer, 10)).toBe(true);
    expect(await report(id, viewer, 60)).toBe(false);
    expect(await report(id, newViewer(), 30)).toBe(true);
    await test.platform.services.views.flush();
    expect(await storedViews(id)).toEqual({ total: 2, daily: [2] });
    expect((await test.app.inject({ url: `/api/v1/videos/${id}` })).json().viewCount).toBe(2);
  });

  it('needs the whole of a video shorter than 10 s', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public'); // 4 s long
    expect(await report(id, newViewer(), 3)).toBe(false);
    expect(await report(id, newViewer(), 3.8)).toBe(true);
  });

  it('counts a signed-in person once whatever browser they report from', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    const viewer = await register(test.app);
    expect(await report(id, newViewer(), 5, viewer.token)).toBe(true);
    expect(await report(id, newViewer(), 5, viewer.token)).toBe(false);
  });

  it('refuses bad reports and videos the viewer cannot see', async () => {
    const hidden = await publishStandInVideo(test.platform, owner, 'private');
    const send = (payload: object, videoId = hidden) =>
      test.app.inject({ method: 'POST', url: `/api/v1/videos/${videoId}/views`, payload });
    expect((await send({ watchedSeconds: 30 })).statusCode).toBe(404);
    const open = (videoId: string) =>
      test.app.inject({ method: 'POST', url: `/api/v1/videos/${videoId}/watch-tickets` });
    expect((await open(hidden)).statusCode).toBe(404);
    expect((await open('short')).statusCode).toBe(400);
    const visible = await publishStandInVideo(test.platform, owner, 'public');
    for (const payload of [
      { sessionId: 'short', watchedSeconds: 30 },
      { watchedSeconds: -1 },
      {},
      { sessionId: '../../etc', watchedSeconds: 30 },
      { ticket: 'not a ticket', watchedSeconds: 30 },
      { ticket: 'x'.repeat(101), watchedSeconds: 30 },
    ]) {
      expect((await send(payload, visible)).statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('applies a batch once even when a crashed flusher left it to be applied again', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    const day = new Date().toISOString().slice(0, 10);
    const batch = new Map([[`${id} ${day}`, 5]]);
    const batchId = crypto.randomUUID();
    const views = new ViewRepository(test.platform.database.db, async () => {});
    await views.applyBatch(batchId, batch);
    await views.applyBatch(batchId, batch);
    expect(await storedViews(id)).toEqual({ total: 5, daily: [5] });
  });

  it('writes every buffered view on a clean shutdown', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    await setDuration(test.platform, id, 60);
    for (let index = 0; index < 7; index++) expect(await report(id, newViewer(), 12)).toBe(true);
    await test.restart();
    expect(await storedViews(id)).toEqual({ total: 7, daily: [7] });
  });
});
