// Lists show public, ready videos only, newest first, page by page without gaps or repeats.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import { forceState, publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { newViewer, reportViewing } from '../support/viewers.js';

let test: TestPlatform;
beforeAll(async () => {
  test = await startTestPlatform();
});
afterAll(() => test.close());

/** Every item of a list, following its cursors with pages of `limit`. */
async function readAll(url: string, token?: string, limit = 2): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const response = await test.app.inject({ url: `${url}?${query}`, headers: token ? bearer(token) : {} });
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as {
      items: { id: string; hlsUrl: string | null }[];
      nextCursor: string | null;
    };
    expect(page.items.length).toBeLessThanOrEqual(limit);
    for (const item of page.items) {
      expect(item.hlsUrl).toContain('/t/');
      ids.push(item.id);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe('video lists', () => {
  let creator: Awaited<ReturnType<typeof register>>;
  let listed: string[];
  let hidden: string[];

  beforeAll(async () => {
    creator = await register(test.app);
    listed = [];
    hidden = [];
    for (const visibility of ['public', 'unlisted', 'public', 'private', 'public'] as const) {
      const id = await publishStandInVideo(test.platform, creator, visibility);
      (visibility === 'public' ? listed : hidden).push(id);
    }
    // Public but not finished: never listed either.
    const unfinished = await publishStandInVideo(test.platform, creator, 'public');
    await forceState(test.platform, unfinished, 'processing');
    hidden.push(unfinished);
  });

  it("shows a channel's public, ready videos, newest first, never an unlisted, private or unfinished one", async () => {
    expect(await readAll(`/api/v1/channels/${creator.handle}/videos`)).toEqual([...listed].reverse());
  });

  it('shows the same in the newest feed, whoever asks', async () => {
    const newest = await readAll('/api/v1/feed/newest', undefined, 50);
    for (const id of hidden) expect(newest).not.toContain(id);
    const mine = newest.filter((id) => listed.includes(id));
    expect(mine).toEqual([...listed].reverse());
    const asOwner = await readAll('/api/v1/feed/newest', creator.token, 50);
    for (const id of hidden) expect(asOwner).not.toContain(id);
  });

  it('shows the videos of the channels I follow, and only theirs', async () => {
    const fan = await register(test.app);
    const stranger = await register(test.app);
    const elsewhere = await publishStandInVideo(test.platform, stranger, 'public');
    expect(await readAll('/api/v1/feed/subscriptions', fan.token)).toEqual([]);
    await test.app.inject({
      method: 'PUT',
      url: `/api/v1/channels/${creator.handle}/subscription`,
      headers: bearer(fan.token),
    });
    const feed = await readAll('/api/v1/feed/subscriptions', fan.token);
    expect(feed).toEqual([...listed].reverse());
    expect(feed).not.toContain(elsewhere);
    expect((await test.app.inject({ url: '/api/v1/feed/subscriptions' })).statusCode).toBe(401);
  });

  it('answers 404 for an unknown channel and 400 for a forged cursor', async () => {
    expect((await test.app.inject({ url: '/api/v1/channels/no_such_channel_here/videos' })).statusCode).toBe(
      404,
    );
    const forged = await test.app.inject({ url: '/api/v1/feed/newest?cursor=WzEsMl0' });
    expect(forged.statusCode).toBe(400);
  });
});

describe('trending and home', () => {
  let popular: string;
  let steady: string;
  let lately: string;
  let unwatched: string;
  let unlisted: string;

  /** Counts `views` views of a 4-second video, each by a viewer of its own. */
  async function watch(videoId: string, views: number) {
    for (let index = 0; index < views; index++) {
      const response = await reportViewing(test, videoId, newViewer(), 4);
      expect(response.json()).toEqual({ counted: true });
    }
  }

  async function viewsDaysAgo(videoId: string, daysAgo: number, views: number) {
    const day = new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    await test.platform.database.db
      .insertInto('video_daily_views')
      .values({ video_id: videoId, day, views })
      .execute();
  }

  beforeAll(async () => {
    const creator = await register(test.app);
    const publish = (visibility: 'public' | 'unlisted') =>
      publishStandInVideo(test.platform, creator, visibility);
    [popular, steady, lately, unwatched, unlisted] = [
      await publish('public'),
      await publish('public'),
      await publish('public'),
      await publish('public'),
      await publish('unlisted'),
    ];
    await watch(popular, 5);
    await watch(lately, 2);
    await watch(unlisted, 9);
    // Older views weigh a quarter; views older than a week not at all.
    await viewsDaysAgo(steady, 4, 12);
    await viewsDaysAgo(lately, 10, 1_000);
    await test.platform.services.views.flush();
    await test.platform.services.views.refreshTrending();
  });

  it('ranks public videos by recent views, older days weighing less', async () => {
    expect(await readAll('/api/v1/feed/trending', undefined, 2)).toEqual([popular, steady, lately]);
  });

  it('mixes trending and newest on home, every listed video exactly once', async () => {
    const newest = await readAll('/api/v1/feed/newest', undefined, 100);
    const home = await readAll('/api/v1/feed/home', undefined, 3);
    expect(home.slice(0, 2)).toEqual([popular, newest.find((id) => ![popular, steady, lately].includes(id))]);
    expect(new Set(home).size).toBe(home.length);
    expect([...home].sort()).toEqual([...newest].sort());
    expect(home).toContain(unwatched);
    expect(home).not.toContain(unlisted);
  });
});
