// Search: ranked full text over title, channel and description, prefixes while typing, misspellings for
// short queries, filters and sorts, pages; never an unlisted, private or unfinished video.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RANKED_CANDIDATES } from '../../src/adapters/db/search.repository.js';
import { bearer, newUser, register } from '../support/accounts.js';
import { forceState, publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
beforeAll(async () => {
  test = await startTestPlatform();
});
afterAll(() => test.close());

type Person = Awaited<ReturnType<typeof register>>;

async function video(
  owner: Person,
  title: string,
  description: string,
  visibility: 'public' | 'unlisted' | 'private' = 'public',
) {
  const id = await publishStandInVideo(test.platform, owner, visibility);
  const edit = await test.app.inject({
    method: 'PATCH',
    url: `/api/v1/videos/${id}`,
    headers: bearer(owner.token),
    payload: { title, description },
  });
  expect(edit.statusCode, edit.body).toBe(200);
  return id;
}

async function search(query: string): Promise<string[]> {
  const response = await test.app.inject({ url: `/api/v1/search?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { items: { id: string }[] }).items.map((item) => item.id);
}

/** Every result of a search, page after page. */
async function searchAll(query: string, limit: number): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | null = null;
  do {
    const response = await test.app.inject({
      url: `/api/v1/search?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as { items: { id: string }[]; nextCursor: string | null };
    found.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

describe('search', () => {
  let baker: Person;
  let storyteller: Person;
  let inTitle: string;
  let inDescription: string;
  let byChannel: string;
  let hidden: string[];

  beforeAll(async () => {
    baker = await register(test.app, newUser({ displayName: 'Kitchen Lab' }));
    storyteller = await register(test.app, newUser({ displayName: 'Sourdough Stories' }));
    inDescription = await video(baker, 'Quick pasta', 'Then feed the sourdough starter overnight');
    byChannel = await video(storyteller, 'A weekend by the sea', 'Waves and wind');
    inTitle = await video(baker, 'Sourdough bread basics', 'Flour, water, salt');
    hidden = [
      await video(baker, 'Sourdough secrets', 'unlisted', 'unlisted'),
      await video(baker, 'Sourdough diary', 'private', 'private'),
      await video(baker, 'Sourdough in progress', 'unfinished'),
    ];
    await forceState(test.platform, hidden[2] ?? '', 'processing');
    const db = test.platform.database.db;
    const set = (
      id: string,
      values: { published_at?: Date; duration_seconds?: number; view_count?: number },
    ) => db.updateTable('videos').set(values).where('id', '=', id).execute();
    await set(inTitle, { published_at: new Date('2020-01-01T00:00:00Z'), view_count: 5 });
    await set(byChannel, { duration_seconds: 600, view_count: 50 });
    await set(inDescription, { view_count: 500 });
  });

  it('ranks a title match over a channel match over a description match', async () => {
    expect(await search('q=sourdough')).toEqual([inTitle, byChannel, inDescription]);
    expect(await search('q=SOURDOUGH%20bread')).toEqual([inTitle]);
  });

  it('matches the last word as a prefix while it is typed', async () => {
    expect(await search('q=sourd')).toEqual([inTitle, byChannel, inDescription]);
    expect(await search('q=bread%20ba')).toEqual([inTitle]);
  });

  it('finds a title despite a misspelt word in a short query', async () => {
    expect(await search('q=sourdogh')).toContain(inTitle);
    expect(await search('q=pastaa')).toContain(inDescription);
  });

  it('ranks a word as typed over its correction', async () => {
    const pasto = await video(baker, 'Pasto valley walk', 'Hills');
    // Older than the corrected match, so only relevance can put it first.
    await test.platform.database.db
      .updateTable('videos')
      .set({ published_at: new Date('2019-01-01T00:00:00Z') })
      .where('id', '=', pasto)
      .execute();
    try {
      expect(await search('q=pasto')).toEqual([pasto, inDescription]);
    } finally {
      await test.app.inject({
        method: 'DELETE',
        url: `/api/v1/videos/${pasto}`,
        headers: bearer(baker.token),
      });
    }
  });

  it('never shows an unlisted, private or unfinished video', async () => {
    for (const query of ['q=sourdough', 'q=secrets', 'q=diary', 'q=progress', 'q=sourdough&sort=date']) {
      const found = await search(query);
      for (const id of hidden) expect(found, query).not.toContain(id);
    }
  });

  it('filters by upload date and duration', async () => {
    expect(await search('q=sourdough&uploadedAfter=2025-01-01T00:00:00Z')).toEqual([
      byChannel,
      inDescription,
    ]);
    expect(await search('q=sourdough&minDuration=300')).toEqual([byChannel]);
    expect(await search('q=sourdough&maxDuration=300')).toEqual([inTitle, inDescription]);
    expect((await test.app.inject({ url: '/api/v1/search?q=x&uploadedAfter=yesterday' })).statusCode).toBe(
      400,
    );
  });

  it('sorts by date and by views, and pages through every result once', async () => {
    expect(await search('q=sourdough&sort=views')).toEqual([inDescription, byChannel, inTitle]);
    // Published in the order inDescription, byChannel; inTitle is dated 2020.
    expect(await search('q=sourdough&sort=date')).toEqual([byChannel, inDescription, inTitle]);
    for (const sort of ['relevance', 'date', 'views']) {
      const whole = await search(`q=sourdough&sort=${sort}`);
      expect(await searchAll(`q=sourdough&sort=${sort}`, 1), sort).toEqual(whole);
    }
  });

  it('follows renamed channels and edited titles', async () => {
    const rename = await test.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/channel',
      headers: bearer(storyteller.token),
      payload: { displayName: 'Seaside Tales' },
    });
    expect(rename.statusCode, rename.body).toBe(200);
    expect(await search('q=seaside')).toEqual([byChannel]);
    expect(await search('q=sourdough')).not.toContain(byChannel);
  });

  it('treats query syntax as plain words', async () => {
    expect(await search(`q=${encodeURIComponent("'&|!:*()<-> \\ %_")}`)).toEqual([]);
    expect(await search(`q=${encodeURIComponent('bread & !salt')}`)).toEqual([inTitle]);
    expect((await test.app.inject({ url: '/api/v1/search?q=' })).statusCode).toBe(400);
  });
});

describe('search among more matches than relevance ranks', () => {
  const MATCHES = RANKED_CANDIDATES + 60;
  /** Ids, most viewed first. */
  let byViews: string[];
  /** Ids, newest first. */
  let byDate: string[];

  beforeAll(async () => {
    const owner = await register(test.app, newUser());
    const channel = await test.platform.repositories.channels.findByHandle(owner.handle);
    // Views fall in every popularity tier: 50 over 100 000, 100 over 10 000, 60 over 1 000, the rest
    // fewer; the order of upload is another.
    const views = Array.from({ length: MATCHES }, (_, i) =>
      i < 50 ? 100_000 + i : i < 150 ? 10_000 + i : i < 210 ? 1_000 + i : i,
    );
    const minutesAgo = views.map((_, i) => (i * 37) % MATCHES);
    await sql`
      INSERT INTO videos (id, owner_id, channel_id, state, visibility, title, description, source_file_name,
                          source_size, source_content_type, part_size, duration_seconds, published_at, view_count)
      SELECT 'harbor' || i, ${owner.id}, ${channel?.id}, 'ready', 'public', 'Harbor tour ' || i, '', 'clip.mp4',
             1000, 'video/mp4', 8388608, 60, now() - (${minutesAgo}::int[])[i] * interval '1 minute',
             (${views}::bigint[])[i]
      FROM generate_series(1, ${MATCHES}) AS i`.execute(test.platform.database.db);
    const ids = views.map((_, i) => `harbor${i + 1}`);
    byViews = ids.toSorted((a, b) => (views[ids.indexOf(b)] ?? 0) - (views[ids.indexOf(a)] ?? 0));
    byDate = ids.toSorted((a, b) => (minutesAgo[ids.indexOf(a)] ?? 0) - (minutesAgo[ids.indexOf(b)] ?? 0));
  });

  it('ranks the most viewed matches by relevance', async () => {
    const found = await searchAll('q=harbor', 50);
    expect(found).toHaveLength(RANKED_CANDIDATES);
    expect(found.toSorted()).toEqual(byViews.slice(0, RANKED_CANDIDATES).toSorted());
  });

  it('sorts every match by views and by date', async () => {
    expect(await searchAll('q=harbor&sort=views', 50)).toEqual(byViews);
    expect(await searchAll('q=harbor&sort=date', 50)).toEqual(byDate);
  });
});
