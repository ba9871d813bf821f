// My own videos (the studio's list): every state and visibility, newest upload first, only mine, page by
// page without gaps or repeats.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideoJson } from '../../src/http/video.schemas.js';
import { bearer, register } from '../support/accounts.js';
import { forceState, publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { startUpload } from '../support/uploads.js';
import { newViewer, reportViewing } from '../support/viewers.js';

let test: TestPlatform;
beforeAll(async () => {
  test = await startTestPlatform();
});
afterAll(() => test.close());

type Owner = Awaited<ReturnType<typeof register>>;

/** Every video of /me/videos, following its cursors with pages of `limit`. */
async function readMine(token: string, limit: number): Promise<VideoJson[]> {
  const videos: VideoJson[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const response = await test.app.inject({ url: `/api/v1/me/videos?${query}`, headers: bearer(token) });
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as { items: VideoJson[]; nextCursor: string | null };
    expect(page.items.length).toBeLessThanOrEqual(limit);
    videos.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return videos;
}

describe('GET /api/v1/me/videos', () => {
  let owner: Owner;
  /** Mine, in upload order. */
  const mine: string[] = [];
  let uploading: string;
  let processing: string;
  let failed: string;
  let privateOne: string;
  let deleted: string;
  let someoneElses: string;

  beforeAll(async () => {
    owner = await register(test.app);
    const publish = (visibility: 'public' | 'unlisted' | 'private') =>
      publishStandInVideo(test.platform, owner, visibility);
    mine.push(await publish('public'), await publish('unlisted'));
    privateOne = await publish('private');
    mine.push(privateOne);
    processing = await publish('public');
    await forceState(test.platform, processing, 'processing');
    await test.platform.repositories.videoStates.reportProgress(processing, 42.5);
    mine.push(processing);
    failed = await publish('public');
    await forceState(test.platform, failed, 'processing');
    await test.platform.repositories.videoStates.markFailed(failed, 'This file has no video stream');
    mine.push(failed);
    uploading = (await startUpload(test.app, owner.token, 1_000)).videoId;
    mine.push(uploading);
    deleted = await publish('public');
    await test.app.inject({
      method: 'DELETE',
      url: `/api/v1/videos/${deleted}`,
      headers: bearer(owner.token),
    });
    someoneElses = await publishStandInVideo(test.platform, await register(test.app), 'private');
  });

  it('lists all my videos, whatever their state or visibility, newest upload first, page by page', async () => {
    const listed = await readMine(owner.token, 2);
    expect(listed.map((video) => video.id)).toEqual([...mine].reverse());
    expect(listed.map((video) => video.id)).not.toContain(deleted);
    expect(listed.map((video) => video.id)).not.toContain(someoneElses);
    expect(new Set(listed.map((video) => video.visibility))).toEqual(
      new Set(['public', 'unlisted', 'private']),
    );
  });

  it('shows each video’s state, processing progress, failure and views', async () => {
    const byId = new Map((await readMine(owner.token, 100)).map((video) => [video.id, video]));
    expect(byId.get(processing)).toMatchObject({ state: 'processing', progress: 42.5, viewCount: 0 });
    expect(byId.get(failed)).toMatchObject({ state: 'failed', error: 'This file has no video stream' });
    expect(byId.get(uploading)).toMatchObject({ state: 'awaiting_upload', hlsUrl: null });
    // Mine to watch, so the private one comes with its tokened playlist.
    expect(byId.get(privateOne)).toMatchObject({ state: 'ready', visibility: 'private', progress: 100 });
    expect(byId.get(privateOne)?.hlsUrl).toContain('/t/');
    expect(byId.get(mine[0] as string)?.viewCount).toBe(0);
  });

  it('counts views into the list', async () => {
    const [first] = mine as [string];
    const counted = await reportViewing(test, first, newViewer(), 4);
    expect(counted.json()).toEqual({ counted: true });
    await test.platform.services.views.flush();
    const listed = await readMine(owner.token, 100);
    expect(listed.find((video) => video.id === first)?.viewCount).toBe(1);
  });

  it('pages exactly through uploads begun within the same millisecond', async () => {
    const twin = await register(test.app);
    const ids = [];
    for (let index = 0; index < 5; index++)
      ids.push(await publishStandInVideo(test.platform, twin, 'public'));
    const db = test.platform.database.db;
    // Upload times are stored to the millisecond, as a cursor holds them: a cursor cut from a finer time
    // would skip the rows between.
    const finer = await sql<{ count: string }>`
      SELECT count(*) FROM videos
      WHERE owner_id = ${twin.id} AND created_at <> date_trunc('milliseconds', created_at)`.execute(db);
    expect(Number(finer.rows[0]?.count)).toBe(0);
    await sql`UPDATE videos SET created_at = '2026-01-01T00:00:00.123Z' WHERE owner_id = ${twin.id}`.execute(
      db,
    );
    const listed = (await readMine(twin.token, 1)).map((video) => video.id);
    expect(listed).toEqual([...ids].sort().reverse());
  });

  it('answers 401 when signed out and 400 for a forged cursor or a page too large', async () => {
    expect((await test.app.inject({ url: '/api/v1/me/videos' })).statusCode).toBe(401);
    const headers = bearer(owner.token);
    const forged = await test.app.inject({ url: '/api/v1/me/videos?cursor=WzEsMl0', headers });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('invalid_input');
    expect((await test.app.inject({ url: '/api/v1/me/videos?limit=101', headers })).statusCode).toBe(400);
  });
});
