// Playlists: made, read, changed and deleted by their owner; public, unlisted or private; items added once,
// removed and moved one row at a time, paged in order; a video others may no longer watch keeps its place
// for the owner only; Watch later for every account; a channel's public playlists.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PLAYLIST_ITEMS } from '../../src/domain/playlist.js';
import { bearer, register } from '../support/accounts.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

type Person = Awaited<ReturnType<typeof register>>;

interface PlaylistJson {
  id: string;
  kind: string;
  title: string;
  description: string;
  visibility: string;
  itemCount: number;
  thumbnailUrl: string | null;
  videoItemId?: string | null;
}

interface ItemJson {
  id: string;
  video: { id: string } | null;
}

let test: TestPlatform;
let owner: Person;
let other: Person;

beforeAll(async () => {
  test = await startTestPlatform();
  owner = await register(test.app);
  other = await register(test.app);
});
afterAll(() => test.close());

function call(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  person?: Person,
  payload?: object,
) {
  return test.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: person ? bearer(person.token) : {},
    ...(payload ? { payload } : {}),
  });
}

async function createPlaylist(payload: object = {}, person = owner): Promise<PlaylistJson> {
  const response = await call('POST', '/playlists', person, {
    title: 'Road trip',
    visibility: 'public',
    ...payload,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function add(playlistId: string, videoId: string, person = owner): Promise<ItemJson> {
  const response = await call('POST', `/playlists/${playlistId}/items`, person, { videoId });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** Every item, page by page, as `person` sees them. */
async function items(playlistId: string, person?: Person, limit = 100): Promise<ItemJson[]> {
  const all: ItemJson[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${cursor}` : '';
    const response = await call('GET', `/playlists/${playlistId}/items?limit=${limit}${query}`, person);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as { items: ItemJson[]; nextCursor: string | null };
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

const videoIds = async (playlistId: string, person?: Person) =>
  (await items(playlistId, person)).map((item) => item.video?.id ?? null);

async function move(playlistId: string, itemId: string, placement: object) {
  const response = await call('PUT', `/playlists/${playlistId}/items/${itemId}/position`, owner, placement);
  expect(response.statusCode, response.body).toBe(204);
}

async function publishVideos(count: number, person = owner): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++)
    ids.push(await publishStandInVideo(test.platform, person, 'public'));
  return ids;
}

async function myPlaylists(person: Person, query = ''): Promise<PlaylistJson[]> {
  const response = await call('GET', `/me/playlists?limit=100${query}`, person);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}

describe('a playlist', () => {
  it('is made, read, changed and deleted by its owner', async () => {
    const made = await createPlaylist({ description: 'Songs for the drive' });
    expect(made).toMatchObject({
      kind: 'playlist',
      title: 'Road trip',
      description: 'Songs for the drive',
      visibility: 'public',
      itemCount: 0,
    });
    expect((await call('GET', `/playlists/${made.id}`)).json()).toMatchObject({
      id: made.id,
      title: 'Road trip',
    });

    const renamed = await call('PATCH', `/playlists/${made.id}`, owner, { title: 'Long drive' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ title: 'Long drive', description: 'Songs for the drive' });

    expect((await call('PATCH', `/playlists/${made.id}`, other, { title: 'Mine now' })).statusCode).toBe(403);
    expect((await call('DELETE', `/playlists/${made.id}`, other)).statusCode).toBe(403);
    expect((await call('DELETE', `/playlists/${made.id}`, owner)).statusCode).toBe(204);
    expect((await call('GET', `/playlists/${made.id}`, owner)).statusCode).toBe(404);
  });

  it('is not found by anyone but its owner while private; unlisted ones open for anyone with the link', async () => {
    const privateList = await createPlaylist({ visibility: 'private' });
    const [videoId] = (await publishVideos(1)) as [string];
    await add(privateList.id, videoId);
    for (const person of [undefined, other]) {
      expect((await call('GET', `/playlists/${privateList.id}`, person)).statusCode).toBe(404);
      expect((await call('GET', `/playlists/${privateList.id}/items`, person)).statusCode).toBe(404);
    }
    expect((await call('PATCH', `/playlists/${privateList.id}`, other, { title: 'x' })).statusCode).toBe(404);
    expect(await videoIds(privateList.id, owner)).toEqual([videoId]);

    const unlisted = await createPlaylist({ visibility: 'unlisted' });
    await add(unlisted.id, videoId);
    expect((await call('GET', `/playlists/${unlisted.id}`)).statusCode).toBe(200);
    expect(await videoIds(unlisted.id)).toEqual([videoId]);
  });

  it('holds each video once, in the order added, and counts them', async () => {
    const playlist = await createPlaylist();
    const videos = await publishVideos(3);
    for (const videoId of videos) await add(playlist.id, videoId);
    expect(await videoIds(playlist.id)).toEqual(videos);
    expect(await videoIds(playlist.id, undefined)).toEqual(videos);

    const again = await call('POST', `/playlists/${playlist.id}/items`, owner, { videoId: videos[0] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_in_playlist');
    expect((await call('GET', `/playlists/${playlist.id}`)).json().itemCount).toBe(3);

    const [first] = await items(playlist.id);
    const removed = await call('DELETE', `/playlists/${playlist.id}/items/${first?.id}`, owner);
    expect(removed.statusCode).toBe(204);
    expect(await videoIds(playlist.id)).toEqual(videos.slice(1));
    expect((await call('GET', `/playlists/${playlist.id}`)).json().itemCount).toBe(2);
    expect((await call('DELETE', `/playlists/${playlist.id}/items/${first?.id}`, owner)).statusCode).toBe(
      404,
    );
  });

  it('adds only videos its owner may watch, and only its owner adds', async () => {
    const playlist = await createPlaylist();
    const othersPrivate = await publishStandInVideo(test.platform, other, 'private');
    const othersUnlisted = await publishStandInVideo(test.platform, other, 'unlisted');
    const refused = await call('POST', `/playlists/${playlist.id}/items`, owner, { videoId: othersPrivate });
    expect(refused.statusCode).toBe(404);
    expect(
      (await call('POST', `/playlists/${playlist.id}/items`, owner, { videoId: 'AAAAAAAAAAA' })).statusCode,
    ).toBe(404);
    await add(playlist.id, othersUnlisted);
    const [mine] = (await publishVideos(1, other)) as [string];
    expect((await call('POST', `/playlists/${playlist.id}/items`, other, { videoId: mine })).statusCode).toBe(
      403,
    );
    expect(await videoIds(playlist.id)).toEqual([othersUnlisted]);
  });

  it('moves an item just before or after another, and pages in that order', async () => {
    const playlist = await createPlaylist();
    const [a, b, c, d] = (await publishVideos(4)) as [string, string, string, string];
    const [itemA, , itemC, itemD] = [
      await add(playlist.id, a),
      await add(playlist.id, b),
      await add(playlist.id, c),
      await add(playlist.id, d),
    ];
    await move(playlist.id, itemD.id, { before: itemA.id });
    expect(await videoIds(playlist.id)).toEqual([d, a, b, c]);
    await move(playlist.id, itemA.id, { after: itemC.id });
    expect(await videoIds(playlist.id)).toEqual([d, b, c, a]);
    await move(playlist.id, itemC.id, { before: itemD.id });
    expect(await videoIds(playlist.id)).toEqual([c, d, b, a]);
    const paged = (await items(playlist.id, undefined, 1)).map((item) => item.video?.id);
    expect(paged).toEqual([c, d, b, a]);
  });

  it('keeps its order when one gap is split more often than numbers can tell apart', async () => {
    const playlist = await createPlaylist();
    const videos = await publishVideos(3);
    const added = [];
    for (const videoId of videos) added.push(await add(playlist.id, videoId));
    const [first, second, third] = added as [ItemJson, ItemJson, ItemJson];
    // Each move halves the gap after the first item: after about fifty the list must be numbered afresh.
    for (let round = 0; round < 70; round++) {
      const moving = round % 2 === 0 ? third : second;
      await move(playlist.id, moving.id, { after: first.id });
    }
    // The last move (round 69) put `second` straight after `first`.
    expect(await videoIds(playlist.id)).toEqual([videos[0], videos[1], videos[2]]);
  });

  it('shows its owner an item whose video went private as unavailable, and leaves it out for others', async () => {
    const playlist = await createPlaylist();
    const [kept] = (await publishVideos(1)) as [string];
    const [going] = (await publishVideos(1, other)) as [string];
    await add(playlist.id, going);
    await add(playlist.id, kept);
    const hidden = await call('PATCH', `/videos/${going}`, other, { visibility: 'private' });
    expect(hidden.statusCode, hidden.body).toBe(200);

    expect(await videoIds(playlist.id, owner)).toEqual([null, kept]);
    expect(await videoIds(playlist.id)).toEqual([kept]);
    expect(await videoIds(playlist.id, other)).toEqual([going, kept]);
    const listed = (await call('GET', `/channels/${owner.handle}/playlists?limit=100`)).json()
      .items as PlaylistJson[];
    const shown = listed.find((entry) => entry.id === playlist.id);
    expect(shown?.thumbnailUrl).toContain(`/videos/${kept}/`);
  });

  it('takes no more than its limit of videos', async () => {
    const playlist = await createPlaylist();
    await sql`UPDATE playlists SET item_count = ${MAX_PLAYLIST_ITEMS} WHERE id = ${playlist.id}`.execute(
      test.platform.database.db,
    );
    const [videoId] = (await publishVideos(1)) as [string];
    const full = await call('POST', `/playlists/${playlist.id}/items`, owner, { videoId });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('playlist_full');
    expect(await videoIds(playlist.id)).toEqual([]);
  });

  it('refuses bad input with a JSON 400 and stores nothing', async () => {
    const before = (await myPlaylists(owner)).length;
    for (const payload of [
      { title: '', visibility: 'public' },
      { title: '   ', visibility: 'public' },
      { title: 'x'.repeat(151), visibility: 'public' },
      { title: 'Fine', visibility: 'friends' },
      { visibility: 'public' },
    ]) {
      const response = await call('POST', '/playlists', owner, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBeTruthy();
    }
    expect((await myPlaylists(owner)).length).toBe(before);

    const playlist = await createPlaylist();
    const [videoId] = (await publishVideos(1)) as [string];
    const item = await add(playlist.id, videoId);
    const placements = [{}, { before: item.id, after: item.id }, { before: 'nope' }, { before: item.id }];
    for (const placement of placements) {
      const response = await call(
        'PUT',
        `/playlists/${playlist.id}/items/${item.id}/position`,
        owner,
        placement,
      );
      expect(response.statusCode, JSON.stringify(placement)).toBe(400);
    }
    const elsewhere = { before: randomUUID() };
    const unknownAnchor = await call(
      'PUT',
      `/playlists/${playlist.id}/items/${item.id}/position`,
      owner,
      elsewhere,
    );
    expect(unknownAnchor.statusCode).toBe(404);
    expect((await call('PATCH', `/playlists/${playlist.id}`, owner, {})).statusCode).toBe(400);
    expect((await call('GET', '/playlists/not-a-uuid')).statusCode).toBe(400);
    expect(
      (await call('POST', `/playlists/${playlist.id}/items`, owner, { videoId: 'short' })).statusCode,
    ).toBe(400);
    expect(await videoIds(playlist.id)).toEqual([videoId]);
  });
});

describe('Watch later', () => {
  it('is every account’s own private list, first among its playlists, and stays as it is', async () => {
    const newcomer = await register(test.app);
    const [watchLater, ...rest] = await myPlaylists(newcomer);
    expect(rest).toEqual([]);
    expect(watchLater).toMatchObject({ kind: 'watch_later', title: 'Watch later', visibility: 'private' });
    const id = watchLater?.id as string;
    expect((await call('GET', `/playlists/${id}`, other)).statusCode).toBe(404);

    const rename = await call('PATCH', `/playlists/${id}`, newcomer, { visibility: 'public' });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().error.code).toBe('watch_later_fixed');
    expect((await call('DELETE', `/playlists/${id}`, newcomer)).statusCode).toBe(409);

    const [videoId] = (await publishVideos(1)) as [string];
    const saved = await add(id, videoId, newcomer);
    await createPlaylist({ title: 'Later made' }, newcomer);
    const listed = await myPlaylists(newcomer, `&videoId=${videoId}`);
    expect(listed.map((playlist) => [playlist.kind, playlist.videoItemId])).toEqual([
      ['watch_later', saved.id],
      ['playlist', null],
    ]);
    expect((await myPlaylists(newcomer))[0]).not.toHaveProperty('videoItemId');
  });
});

describe("a channel's playlists", () => {
  it('lists its public playlists only, the most recently changed first', async () => {
    const creator = await register(test.app);
    const older = await createPlaylist({ title: 'Older' }, creator);
    await createPlaylist({ title: 'Unlisted', visibility: 'unlisted' }, creator);
    await createPlaylist({ title: 'Private', visibility: 'private' }, creator);
    const newer = await createPlaylist({ title: 'Newer' }, creator);
    const [videoId] = (await publishVideos(1, creator)) as [string];
    await add(older.id, videoId, creator);

    const response = await call('GET', `/channels/${creator.handle}/playlists?limit=1`);
    expect(response.statusCode, response.body).toBe(200);
    const firstPage = response.json() as { items: PlaylistJson[]; nextCursor: string };
    const second = await call(
      'GET',
      `/channels/${creator.handle}/playlists?limit=1&cursor=${firstPage.nextCursor}`,
    );
    const listed = [...firstPage.items, ...second.json().items] as PlaylistJson[];
    expect(listed.map((playlist) => playlist.title)).toEqual(['Older', 'Newer']);
    expect(second.json().nextCursor).toBeNull();
    expect(listed[0]?.thumbnailUrl).toContain(`/videos/${videoId}/`);
    expect(listed[1]?.thumbnailUrl).toBeNull();
    expect(newer.thumbnailUrl).toBeNull();
    expect((await call('GET', '/channels/nobody_here_at_all/playlists')).statusCode).toBe(404);
  });
});
