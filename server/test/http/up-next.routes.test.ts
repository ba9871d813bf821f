// Up next ranks what a video's viewers also watched, then its channel's videos, then similar titles; it
// never lists a hidden or unfinished video, nor the video itself, and pages without gaps or repeats.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import { forceState, publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { editVideo } from '../support/video-edits.js';
import { watchAll } from '../support/watching.js';

let test: TestPlatform;
beforeAll(async () => {
  test = await startTestPlatform();
});
afterAll(() => test.close());

type Person = Awaited<ReturnType<typeof register>>;

async function publish(owner: Person, title: string): Promise<string> {
  const id = await publishStandInVideo(test.platform, owner, 'public');
  await edit(owner, id, { title });
  return id;
}

const edit = (owner: Person, id: string, changes: Record<string, string>) =>
  editVideo(test.app, owner, id, changes);

async function upNextPage(videoId: string, query: string, token?: string) {
  return test.app.inject({
    url: `/api/v1/videos/${videoId}/up-next?${query}`,
    headers: token ? bearer(token) : {},
  });
}

/** Every item of a video's up next, following its cursors with pages of `limit`. */
async function readAll(videoId: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const response = await upNextPage(videoId, `limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as { items: { id: string; hlsUrl: string | null }[]; nextCursor: string };
    expect(page.items.length).toBeLessThanOrEqual(limit);
    for (const item of page.items) expect(item.hlsUrl).toContain('/t/');
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe('up next', () => {
  let baker: Person;
  let watched: string;
  let expected: string[];
  let hidden: Record<'private' | 'unlisted' | 'unfinished', string>;

  beforeAll(async () => {
    const people = await Promise.all([1, 2, 3].map(() => register(test.app)));
    const [owner, musician, traveller] = people as [Person, Person, Person];
    baker = owner;
    watched = await publish(baker, 'Sourdough bread basics');
    const olderOfChannel = await publish(baker, 'Morning run by the river');
    const newerOfChannel = await publish(baker, 'Knife care');
    const mostCoWatched = await publish(musician, 'Guitar lesson one');
    const lessCoWatched = await publish(musician, 'Piano chords');
    const similar = await publish(traveller, 'Feeding a sourdough starter');
    const unrelated = await publish(traveller, 'Chess openings');
    hidden = {
      private: await publish(baker, 'Sourdough secrets'),
      unlisted: await publish(baker, 'Sourdough scoring'),
      unfinished: await publish(baker, 'Sourdough shaping'),
    };
    const hiddenIds = Object.values(hidden);

    // Three people watched the bread video and the guitar lesson, one the piano chords too; all three
    // watched the hidden ones while they were public. Someone else watched the guitar lesson and chess.
    const viewers = await Promise.all([1, 2, 3, 4].map(() => register(test.app)));
    const [first, second, third, fourth] = viewers as [Person, Person, Person, Person];
    await watchAll(test.app, first.token, [watched, mostCoWatched, lessCoWatched, ...hiddenIds]);
    await watchAll(test.app, second.token, [watched, mostCoWatched, ...hiddenIds]);
    await watchAll(test.app, third.token, [mostCoWatched, watched, ...hiddenIds]);
    await watchAll(test.app, fourth.token, [mostCoWatched, unrelated]);
    await edit(baker, hidden.private, { visibility: 'private' });
    await edit(baker, hidden.unlisted, { visibility: 'unlisted' });
    await forceState(test.platform, hidden.unfinished, 'processing');
    await test.platform.services.upNext.foldCoWatching();

    expected = [mostCoWatched, lessCoWatched, newerOfChannel, olderOfChannel, similar];
  });

  it('ranks co-watched videos first, then the same channel newest first, then similar titles', async () => {
    expect(await readAll(watched, 50)).toEqual(expected);
  });

  it('pages through the same list without gaps or repeats', async () => {
    for (const limit of [1, 2, 3]) expect(await readAll(watched, limit)).toEqual(expected);
  });

  it('never lists a private, unlisted or unfinished video, nor the video itself', async () => {
    const listed = await readAll(watched, 50);
    for (const id of [watched, ...Object.values(hidden)]) expect(listed).not.toContain(id);
  });

  it('drops a video made private after the list was computed', async () => {
    const list = await readAll(watched, 50);
    const leaving = list[1] as string;
    await test.platform.database.db
      .updateTable('videos')
      .set({ visibility: 'private' })
      .where('id', '=', leaving)
      .execute();
    expect(await readAll(watched, 2)).toEqual(list.filter((id) => id !== leaving));
    await test.platform.database.db
      .updateTable('videos')
      .set({ visibility: 'public' })
      .where('id', '=', leaving)
      .execute();
  });

  it('answers 404 for an unknown or private video, as the video itself, but its owner gets the list', async () => {
    const unknown = await upNextPage('AAAAAAAAAAA', 'limit=5');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('video_not_found');
    expect((await upNextPage(hidden.private, 'limit=5')).statusCode).toBe(404);
    const asOwner = await upNextPage(hidden.private, 'limit=50', baker.token);
    expect(asOwner.statusCode).toBe(200);
    expect(asOwner.json().items.map((item: { id: string }) => item.id)).not.toContain(hidden.private);
  });

  it('refuses a cursor it did not give, as JSON', async () => {
    const channelCursor = (
      await test.app.inject({ url: `/api/v1/channels/${baker.handle}/videos?limit=1` })
    ).json().nextCursor as string;
    for (const cursor of ['not-a-cursor', channelCursor]) {
      const response = await upNextPage(watched, `cursor=${encodeURIComponent(cursor)}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBeTypeOf('string');
    }
  });
});
