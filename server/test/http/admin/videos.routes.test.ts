// A moderator hides a video: it is gone at once for everyone but its owner and moderators (its page, the
// feeds, its channel's list, search, up next, playlists, its embed), the media URLs handed out before stop working at the next
// request, and its open reports close. Showing it again gives it back.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, promote, register } from '../../support/accounts.js';
import { auditLog, fileReport, openItems } from '../../support/moderation.js';
import { publishStandInVideo } from '../../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../../support/test-platform.js';

type Person = Awaited<ReturnType<typeof register>>;

let test: TestPlatform;
let administrator: Person;
let moderator: Person;
let owner: Person;
let viewer: Person;

beforeAll(async () => {
  test = await startTestPlatform();
  administrator = await register(test.app);
  moderator = await register(test.app);
  owner = await register(test.app);
  viewer = await register(test.app);
  await promote(test.platform, moderator, 'moderator');
});
afterAll(() => test.close());

const as = (person?: Person) => (person ? bearer(person.token) : {});

function moderate(videoId: string, payload: object, person: Person = moderator) {
  return test.app.inject({
    method: 'PUT',
    url: `/api/v1/admin/videos/${videoId}/moderation`,
    headers: as(person),
    payload,
  });
}

interface Published {
  id: string;
  /** The one word of its title search finds it by. */
  word: string;
  /** A later video of the same channel, whose up next lists it. */
  sibling: string;
  /** A viewer's public playlist that holds it. */
  playlist: string;
}

/** A public video with a title of its own, so search finds it and nothing else. */
async function publicVideo(): Promise<Published> {
  const id = await publishStandInVideo(test.platform, owner, 'public');
  const word = `zebracorn${randomBytes(4).toString('hex').replace(/\d/g, 'q')}`;
  await test.platform.repositories.videos.edit(id, { title: `The ${word} clip` });
  const sibling = await publishStandInVideo(test.platform, owner, 'public');
  const made = await test.app.inject({
    method: 'POST',
    url: '/api/v1/playlists',
    headers: as(viewer),
    payload: { title: 'Saved', visibility: 'public' },
  });
  const playlist = made.json().id as string;
  const added = await test.app.inject({
    method: 'POST',
    url: `/api/v1/playlists/${playlist}/items`,
    headers: as(viewer),
    payload: { videoId: id },
  });
  expect(added.statusCode, added.body).toBe(201);
  return { id, word, sibling, playlist };
}

/** The ids each place where others find videos lists, read as `person`. */
async function listedIn(
  { word, sibling, playlist }: Published,
  person?: Person,
): Promise<Record<string, string[]>> {
  const places = {
    home: '/api/v1/feed/home?limit=100',
    newest: '/api/v1/feed/newest?limit=100',
    channel: `/api/v1/channels/${owner.handle}/videos?limit=100`,
    search: `/api/v1/search?q=${word}`,
    upNext: `/api/v1/videos/${sibling}/up-next?limit=100`,
    playlist: `/api/v1/playlists/${playlist}/items?limit=100`,
  };
  const listed: Record<string, string[]> = {};
  for (const [place, url] of Object.entries(places)) {
    const response = await test.app.inject({ url, headers: as(person) });
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    // A playlist's items hold their video (null where the reader may not watch it).
    const items = response.json().items as ({ id: string } | { video: { id: string } | null })[];
    listed[place] = items.flatMap((item) =>
      'video' in item ? (item.video ? [item.video.id] : []) : [item.id],
    );
  }
  return listed;
}

const everywhere = (id: string) => ({
  home: [id],
  newest: [id],
  channel: [id],
  search: [id],
  upNext: [id],
  playlist: [id],
});
const nowhere = { home: [], newest: [], channel: [], search: [], upNext: [], playlist: [] };
const only = (id: string, listed: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(listed).map(([place, ids]) => [place, ids.filter((x) => x === id)]));

const page = (id: string, person?: Person) =>
  test.app.inject({ url: `/api/v1/videos/${id}`, headers: as(person) });

/** The media paths the page hands `person`, as a player would fetch them. */
async function mediaPaths(id: string, person?: Person): Promise<string[]> {
  const response = await page(id, person);
  expect(response.statusCode, response.body).toBe(200);
  const { hlsUrl } = response.json();
  return ['master.m3u8', '360p/playlist.m3u8', '360p/segment-00000.m4s'].map(
    (file) => new URL(file, hlsUrl).pathname,
  );
}

const statuses = async (paths: string[]) =>
  Promise.all(paths.map(async (path) => (await test.app.inject({ url: path })).statusCode));

describe('PUT /api/v1/admin/videos/{id}/moderation', () => {
  it('hides a video from everyone but its owner and moderators, at once', async () => {
    const video = await publicVideo();
    const { id } = video;
    const watchUrl = encodeURIComponent(new URL(`/watch/${id}`, test.platform.config.publicUrl).href);
    const shared = () =>
      Promise.all(
        [`/api/v1/videos/${id}/embed`, `/api/oembed?url=${watchUrl}`].map(
          async (url) => (await test.app.inject({ url })).statusCode,
        ),
      );
    expect(only(id, await listedIn(video))).toEqual(everywhere(id));
    expect(await shared()).toEqual([200, 200]);

    expect((await moderate(id, { state: 'hidden', reason: 'Spam' })).statusCode).toBe(204);

    for (const person of [undefined, viewer]) {
      const response = await page(id, person);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('video_not_found');
      expect(only(id, await listedIn(video, person))).toEqual(nowhere);
    }
    expect(only(id, await listedIn(video, moderator))).toEqual(nowhere);
    for (const person of [owner, moderator, administrator]) {
      const response = await page(id, person);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ id, hidden: true, visibility: 'public' });
    }
    const studio = await test.app.inject({ url: '/api/v1/me/videos?limit=100', headers: as(owner) });
    expect(studio.json().items.find((video: { id: string }) => video.id === id)).toMatchObject({
      hidden: true,
    });
    expect(await shared()).toEqual([404, 404]);
  });

  it("withdraws the media URLs handed out before; a moderator's new ones play", async () => {
    const { id } = await publicVideo();
    const viewers = await mediaPaths(id, viewer);
    const anonymous = await mediaPaths(id);
    expect(await statuses([...viewers, ...anonymous])).toEqual([200, 200, 200, 200, 200, 200]);

    expect((await moderate(id, { state: 'hidden', reason: 'Violent' })).statusCode).toBe(204);

    for (const path of [...viewers, ...anonymous]) {
      const response = await test.app.inject({ url: path });
      expect(response.statusCode, path).toBe(403);
      expect(response.json().error.code).toBe('playback_token_revoked');
    }
    const moderators = await mediaPaths(id, moderator);
    expect(moderators).not.toEqual(viewers);
    expect(await statuses(moderators)).toEqual([200, 200, 200]);
  });

  it('shows it again: back in every list, with new media URLs for all', async () => {
    const video = await publicVideo();
    const { id } = video;
    expect((await moderate(id, { state: 'hidden', reason: 'Mistaken report' })).statusCode).toBe(204);
    expect((await moderate(id, { state: 'visible', reason: 'Reviewed: fine' })).statusCode).toBe(204);
    expect(only(id, await listedIn(video, viewer))).toEqual(everywhere(id));
    expect((await page(id)).json()).toMatchObject({ hidden: false });
    expect(await statuses(await mediaPaths(id))).toEqual([200, 200, 200]);
  });

  it("closes the video's open reports, and logs who hid it, when and why", async () => {
    const { id } = await publicVideo();
    expect((await fileReport(test.app, viewer.token, { kind: 'video', id, reason: 'spam' })).statusCode).toBe(
      204,
    );
    expect((await openItems(test.app, moderator.token)).map((item) => item.itemId)).toContain(id);
    const before = Date.now();
    expect((await moderate(id, { state: 'hidden', reason: 'Scam links' })).statusCode).toBe(204);
    expect((await openItems(test.app, moderator.token)).map((item) => item.itemId)).not.toContain(id);
    const [entry] = (await auditLog(test.app, administrator.token)).filter((e) => e.target.id === id);
    expect(entry).toMatchObject({
      actor: { id: moderator.id, handle: moderator.handle },
      action: 'video_hidden',
      target: { kind: 'video', id },
      reason: 'Scam links',
      details: { title: expect.stringContaining('zebracorn') },
    });
    expect(Date.parse(entry?.createdAt ?? '')).toBeGreaterThanOrEqual(before - 1);
  });

  it('refuses bad input with a JSON 400 and changes nothing', async () => {
    const { id } = await publicVideo();
    const attempts = [
      { state: 'hidden' },
      { state: 'hidden', reason: '' },
      { state: 'hidden', reason: '   ' },
      { state: 'gone', reason: 'Spam' },
      { state: 'hidden', reason: 'x'.repeat(1_001) },
    ];
    for (const attempt of attempts) {
      const response = await moderate(id, attempt);
      expect(response.statusCode, JSON.stringify(attempt)).toBe(400);
      expect(response.json().error.code).toBe('invalid_input');
    }
    expect((await page(id, viewer)).statusCode).toBe(200);
    expect((await auditLog(test.app, administrator.token)).filter((e) => e.target.id === id)).toEqual([]);
  });

  it('answers 404 for a video that does not exist', async () => {
    const response = await moderate('nosuchvideo', { state: 'hidden', reason: 'Spam' });
    expect(response.statusCode).toBe(404);
  });
});
