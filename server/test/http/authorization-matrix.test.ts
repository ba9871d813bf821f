// Every mutating endpoint of the API, and every read of the administration, taken from the OpenAPI
// document the app serves, tried as nobody, as another signed-in person, as the owner of what it acts on,
// as a moderator and as an administrator. A new such route without an entry here fails the first test.
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, newUser, promote, randomAddress, register } from '../support/accounts.js';
import { startLiveVideo } from '../support/live-videos.js';
import { fileReport, openItems } from '../support/moderation.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { makeStreamKey } from '../support/stream-keys.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { type Plan, putPart, startUpload } from '../support/uploads.js';

let test: TestPlatform;
let avatar: Buffer;
/** The instance's first account, so its administrator: every person of a fixture is a member. */
let founder: Person;
beforeAll(async () => {
  // A chat stream the owner may follow ends within a second here, so its read answers.
  test = await startTestPlatform({ CHAT_STREAM_MAX_SECONDS: '1' });
  founder = await register(test.app);
  avatar = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#3a7' } })
    .png()
    .toBuffer();
});
afterAll(() => test.close());

type Role = 'anonymous' | 'other' | 'owner' | 'moderator' | 'administrator';
const ROLES: readonly Role[] = ['anonymous', 'other', 'owner', 'moderator', 'administrator'];
type Person = Awaited<ReturnType<typeof register>>;

/** What one request acts on, all of it the owner's, made fresh for each try. */
interface Fixture {
  owner: Person;
  other: Person;
  videoId: string;
  upload: Plan;
}

interface Attempt {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

interface Entry {
  attempt: (fixture: Fixture) => Promise<Attempt> | Attempt;
  expected: Record<Role, number>;
}

/** Acts on something of the owner's: moderators and administrators act through the admin routes. */
const OWNER_ONLY = (status: number) => ({
  anonymous: 401,
  other: 403,
  owner: status,
  moderator: 403,
  administrator: 403,
});
/** Acts on the signed-in person's own things (their session, channel, reaction): anyone signed in. */
const SELF_SERVICE = (status: number) => ({
  anonymous: 401,
  other: status,
  owner: status,
  moderator: status,
  administrator: status,
});
/** Open by design: signing up and in, and parts sent to a signed URL. */
const OPEN = (status: number) => ({
  anonymous: status,
  other: status,
  owner: status,
  moderator: status,
  administrator: status,
});
/** Moderation: moderators and administrators, whoever owns what it acts on. */
const MODERATORS = (status: number) => ({
  anonymous: 401,
  other: 403,
  owner: 403,
  moderator: status,
  administrator: status,
});
/** A read of something of the owner's that nobody else may know exists. */
const OWNER_ONLY_READ = (status: number) => ({
  anonymous: 404,
  other: 404,
  owner: status,
  moderator: 404,
  administrator: 404,
});
/** Administration: administrators only. */
const ADMINISTRATORS = (status: number) => ({
  anonymous: 401,
  other: 403,
  owner: 403,
  moderator: 403,
  administrator: status,
});

const MATRIX: Record<string, Entry> = {
  'POST /api/v1/auth/register': { attempt: () => ({ url: '', payload: newUser() }), expected: OPEN(201) },
  'POST /api/v1/auth/login': {
    attempt: ({ owner }) => ({ url: '', payload: { email: owner.email, password: owner.password } }),
    expected: OPEN(200),
  },
  'POST /api/v1/auth/logout': { attempt: () => ({ url: '' }), expected: SELF_SERVICE(204) },
  'POST /api/v1/auth/logout-all': { attempt: () => ({ url: '' }), expected: SELF_SERVICE(200) },
  'PATCH /api/v1/channels/{handle}': {
    attempt: ({ owner }) => ({
      url: `/api/v1/channels/${owner.handle}`,
      payload: { displayName: 'Renamed' },
    }),
    expected: OWNER_ONLY(200),
  },
  'PUT /api/v1/channels/{handle}/subscription': {
    attempt: ({ owner }) => ({ url: `/api/v1/channels/${owner.handle}/subscription` }),
    // Anyone signed in may follow a channel, except its owner.
    expected: { anonymous: 401, other: 200, owner: 409, moderator: 200, administrator: 200 },
  },
  'DELETE /api/v1/channels/{handle}/subscription': {
    attempt: ({ owner }) => ({ url: `/api/v1/channels/${owner.handle}/subscription` }),
    expected: SELF_SERVICE(200),
  },
  'PATCH /api/v1/me/channel': {
    attempt: () => ({ url: '', payload: { description: 'About me' } }),
    expected: SELF_SERVICE(200),
  },
  'PUT /api/v1/me/channel/avatar': {
    attempt: () => ({ url: '', payload: avatar, headers: { 'content-type': 'image/png' } }),
    expected: SELF_SERVICE(200),
  },
  'POST /api/v1/uploads': {
    attempt: () => ({ url: '', payload: { fileName: 'clip.mp4', size: 1_000, contentType: 'video/mp4' } }),
    expected: SELF_SERVICE(201),
  },
  'DELETE /api/v1/uploads/{id}': {
    attempt: ({ upload }) => ({ url: `/api/v1/uploads/${upload.uploadId}` }),
    expected: OWNER_ONLY(204),
  },
  'POST /api/v1/uploads/{id}/complete': {
    attempt: async ({ upload }) => {
      const { etag } = await putPart(test.app, upload.parts[0]?.url ?? '', Buffer.alloc(1_000, 7));
      return {
        url: `/api/v1/uploads/${upload.uploadId}/complete`,
        payload: { title: 'Mine', parts: [{ partNumber: 1, etag }] },
      };
    },
    expected: OWNER_ONLY(200),
  },
  'PATCH /api/v1/videos/{id}': {
    attempt: ({ videoId }) => ({ url: `/api/v1/videos/${videoId}`, payload: { title: 'Renamed' } }),
    expected: OWNER_ONLY(200),
  },
  'DELETE /api/v1/videos/{id}': {
    attempt: ({ videoId }) => ({ url: `/api/v1/videos/${videoId}` }),
    expected: OWNER_ONLY(204),
  },
  'PUT /api/v1/videos/{id}/captions/{language}': {
    attempt: ({ videoId }) => ({
      url: `/api/v1/videos/${videoId}/captions/en`,
      payload: CAPTION_FILE,
      headers: { 'content-type': 'text/vtt' },
    }),
    expected: OWNER_ONLY(204),
  },
  'DELETE /api/v1/videos/{id}/captions/{language}': {
    attempt: async (fixture) => ({ url: await ownersCaption(fixture) }),
    expected: OWNER_ONLY(204),
  },
  'PUT /api/v1/videos/{id}/reaction': {
    attempt: ({ videoId }) => ({ url: `/api/v1/videos/${videoId}/reaction`, payload: { value: 'like' } }),
    expected: SELF_SERVICE(200),
  },
  'DELETE /api/v1/videos/{id}/reaction': {
    attempt: ({ videoId }) => ({ url: `/api/v1/videos/${videoId}/reaction` }),
    expected: SELF_SERVICE(200),
  },
  'POST /api/v1/videos/{id}/comments': {
    attempt: ({ videoId }) => ({ url: `/api/v1/videos/${videoId}/comments`, payload: { body: 'Nice' } }),
    expected: SELF_SERVICE(201),
  },
  'POST /api/v1/videos/{id}/chat': {
    attempt: async ({ owner }) => ({
      url: `/api/v1/videos/${await startLiveVideo(test, owner)}/chat`,
      payload: { text: 'Hello' },
    }),
    expected: SELF_SERVICE(201),
  },
  'DELETE /api/v1/videos/{id}/chat/{messageId}': {
    attempt: async (fixture) => ({ url: await ownersChatMessage(fixture) }),
    expected: OWNER_ONLY(204),
  },
  'PATCH /api/v1/comments/{id}': {
    attempt: async (fixture) => ({ url: await ownersComment(fixture), payload: { body: 'Edited' } }),
    expected: OWNER_ONLY(200),
  },
  'DELETE /api/v1/comments/{id}': {
    attempt: async (fixture) => ({ url: await ownersComment(fixture) }),
    expected: OWNER_ONLY(204),
  },
  // Only the video's owner approves; to anyone else a held comment does not exist.
  'POST /api/v1/comments/{id}/approval': {
    attempt: async (fixture) => ({ url: `${await heldComment(fixture)}/approval` }),
    expected: { ...OWNER_ONLY_READ(200), anonymous: 401 },
  },
  'PUT /api/v1/me/blocked-accounts/{accountId}': {
    attempt: () => ({ url: `/api/v1/me/blocked-accounts/${founder.id}` }),
    expected: SELF_SERVICE(204),
  },
  'DELETE /api/v1/me/blocked-accounts/{accountId}': {
    attempt: () => ({ url: `/api/v1/me/blocked-accounts/${founder.id}` }),
    expected: SELF_SERVICE(204),
  },
  // Anyone may open and report watching a video they can see: anonymous viewers are told apart by a signed
  // cookie, and a view counts only on a ticket older than the time reported.
  'POST /api/v1/videos/{id}/watch-tickets': {
    attempt: ({ videoId }) => ({ url: `/api/v1/videos/${videoId}/watch-tickets` }),
    expected: OPEN(200),
  },
  'POST /api/v1/videos/{id}/views': {
    attempt: ({ videoId }) => ({
      url: `/api/v1/videos/${videoId}/views`,
      payload: { sessionId: 'matrix-session', watchedSeconds: 1 },
    }),
    expected: OPEN(200),
  },
  'POST /api/v1/videos/{id}/presence': {
    attempt: ({ videoId }) => ({ url: `/api/v1/videos/${videoId}/presence`, payload: {} }),
    expected: OPEN(200),
  },
  'PUT /api/v1/videos/{id}/progress': {
    attempt: ({ videoId }) => ({
      url: `/api/v1/videos/${videoId}/progress`,
      payload: { positionSeconds: 3 },
    }),
    expected: SELF_SERVICE(204),
  },
  'DELETE /api/v1/me/history': { attempt: () => ({ url: '' }), expected: SELF_SERVICE(204) },
  'PUT /api/v1/me/history/pause': { attempt: () => ({ url: '' }), expected: SELF_SERVICE(200) },
  'DELETE /api/v1/me/history/pause': { attempt: () => ({ url: '' }), expected: SELF_SERVICE(200) },
  'POST /api/v1/me/notifications/read': {
    attempt: () => ({ url: '', payload: {} }),
    expected: SELF_SERVICE(200),
  },
  'POST /api/v1/reports': {
    attempt: ({ videoId }) => ({ url: '', payload: { kind: 'video', id: videoId, reason: 'spam' } }),
    expected: SELF_SERVICE(204),
  },
  'GET /api/v1/admin/reports': { attempt: () => ({ url: '' }), expected: MODERATORS(200) },
  'POST /api/v1/admin/reports/{id}/dismiss': {
    attempt: async (fixture) => ({
      url: `/api/v1/admin/reports/${await openReportOn(fixture)}/dismiss`,
      payload: { reason: 'Not spam' },
    }),
    expected: MODERATORS(204),
  },
  'PUT /api/v1/admin/videos/{id}/moderation': {
    attempt: ({ videoId }) => ({
      url: `/api/v1/admin/videos/${videoId}/moderation`,
      payload: { state: 'hidden', reason: 'Spam' },
    }),
    expected: MODERATORS(204),
  },
  'DELETE /api/v1/admin/comments/{id}': {
    attempt: async (fixture) => ({
      url: (await ownersComment(fixture)).replace('/api/v1/', '/api/v1/admin/'),
    }),
    expected: MODERATORS(204),
  },
  'PUT /api/v1/admin/accounts/{id}/role': {
    attempt: ({ owner }) => ({
      url: `/api/v1/admin/accounts/${owner.id}/role`,
      payload: { role: 'moderator' },
    }),
    expected: ADMINISTRATORS(204),
  },
  'GET /api/v1/admin/audit-log': { attempt: () => ({ url: '' }), expected: ADMINISTRATORS(200) },
  'GET /api/v1/admin/settings': { attempt: () => ({ url: '' }), expected: ADMINISTRATORS(200) },
  'PATCH /api/v1/admin/settings': {
    attempt: () => ({ url: '', payload: { description: 'Videos of the matrix' } }),
    expected: ADMINISTRATORS(200),
  },
  'GET /api/v1/admin/accounts/pending': { attempt: () => ({ url: '' }), expected: ADMINISTRATORS(200) },
  'POST /api/v1/admin/accounts/{id}/approval': {
    attempt: async () => ({
      url: `/api/v1/admin/accounts/${await accountAwaitingApproval()}/approval`,
      payload: {},
    }),
    expected: ADMINISTRATORS(204),
  },
  'DELETE /api/v1/admin/accounts/{id}/approval': {
    attempt: async () => ({
      url: `/api/v1/admin/accounts/${await accountAwaitingApproval()}/approval`,
      payload: {},
    }),
    expected: ADMINISTRATORS(204),
  },
  'GET /api/v1/admin/jobs': { attempt: () => ({ url: '' }), expected: ADMINISTRATORS(200) },
  'GET /api/v1/admin/jobs/failed': { attempt: () => ({ url: '' }), expected: ADMINISTRATORS(200) },
  'POST /api/v1/admin/jobs/{id}/retry': {
    attempt: async ({ videoId }) => ({
      url: `/api/v1/admin/jobs/${await failedJob(videoId)}/retry`,
      payload: {},
    }),
    expected: ADMINISTRATORS(204),
  },
  'POST /api/v1/me/stream-keys': {
    attempt: () => ({ url: '', payload: { name: 'Studio' } }),
    expected: SELF_SERVICE(201),
  },
  // Another person is told the owner's key does not exist, staff too: keys are revoked by their owner.
  'DELETE /api/v1/me/stream-keys/{id}': {
    attempt: async ({ owner }) => ({
      url: `/api/v1/me/stream-keys/${(await makeStreamKey(test.app, owner)).id}`,
    }),
    expected: { anonymous: 401, other: 404, owner: 204, moderator: 404, administrator: 404 },
  },
  'POST /api/v1/playlists': {
    attempt: () => ({ url: '', payload: { title: 'Favourites', visibility: 'public' } }),
    expected: SELF_SERVICE(201),
  },
  'PATCH /api/v1/playlists/{id}': {
    attempt: async (fixture) => ({ url: await ownersPlaylist(fixture), payload: { title: 'Renamed' } }),
    expected: OWNER_ONLY(200),
  },
  'DELETE /api/v1/playlists/{id}': {
    attempt: async (fixture) => ({ url: await ownersPlaylist(fixture) }),
    expected: OWNER_ONLY(204),
  },
  'POST /api/v1/playlists/{id}/items': {
    attempt: async (fixture) => ({
      url: `${await ownersPlaylist(fixture)}/items`,
      payload: { videoId: fixture.videoId },
    }),
    expected: OWNER_ONLY(201),
  },
  'DELETE /api/v1/playlists/{id}/items/{itemId}': {
    attempt: async (fixture) => ({ url: (await ownersPlaylistItems(fixture))[0] ?? '' }),
    expected: OWNER_ONLY(204),
  },
  'PUT /api/v1/playlists/{id}/items/{itemId}/position': {
    attempt: async (fixture) => {
      const [first, second] = await ownersPlaylistItems(fixture);
      return { url: `${second}/position`, payload: { before: first?.split('/').at(-1) } };
    },
    expected: OWNER_ONLY(204),
  },
  'GET /api/v1/admin/accounts': { attempt: () => ({ url: '' }), expected: ADMINISTRATORS(200) },
  // The owner may not suspend themselves (403 own_account), as no member may suspend anyone.
  'PUT /api/v1/admin/accounts/{id}/suspension': {
    attempt: ({ owner }) => ({
      url: `/api/v1/admin/accounts/${owner.id}/suspension`,
      payload: { reason: 'Spam account' },
    }),
    expected: MODERATORS(204),
  },
  'DELETE /api/v1/admin/accounts/{id}/suspension': {
    attempt: async () => ({ url: `/api/v1/admin/accounts/${await suspendedMember()}/suspension` }),
    expected: MODERATORS(204),
  },
  // Local storage only. The signed part URL is the credential, as a presigned S3 URL is.
  'PUT /api/v1/upload-parts/{uploadId}/{partNumber}': {
    attempt: ({ upload }) => ({
      url: upload.parts[0]?.url ?? '',
      payload: Buffer.alloc(1_000, 7),
      headers: { 'content-type': 'application/octet-stream' },
    }),
    expected: OPEN(200),
  },
};

/**
 * What hangs off one video, read on a private one: only its owner may see it (a private video's id is
 * unknown to everyone else, so 404), the embed refuses it to everyone. A new read of a video fails
 * the coverage test until it has an entry here.
 */
const PRIVATE_VIDEO_READS: Record<string, Record<Role, number>> = {
  // Moderators and administrators see no more of a private video than anyone else.
  'GET /api/v1/videos/{id}': OWNER_ONLY_READ(200),
  'GET /api/v1/videos/{id}/comments': OWNER_ONLY_READ(200),
  'GET /api/v1/videos/{id}/chat': OWNER_ONLY_READ(200),
  'GET /api/v1/videos/{id}/chat/events': OWNER_ONLY_READ(200),
  'GET /api/v1/videos/{id}/embed': {
    anonymous: 403,
    other: 403,
    owner: 403,
    moderator: 403,
    administrator: 403,
  },
  // The progress stream is the owner's: nobody must sign in first, and to another person it does not exist.
  'GET /api/v1/videos/{id}/events': { ...OWNER_ONLY_READ(200), anonymous: 401 },
  'GET /api/v1/videos/{id}/up-next': OWNER_ONLY_READ(200),
};

const CAPTION_FILE = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello\n';

/** The URL of a caption the owner uploaded to their own video. */
async function ownersCaption({ owner, videoId }: Fixture): Promise<string> {
  const url = `/api/v1/videos/${videoId}/captions/en`;
  const response = await test.app.inject({
    method: 'PUT',
    url,
    headers: { ...bearer(owner.token), 'content-type': 'text/vtt' },
    payload: CAPTION_FILE,
  });
  expect(response.statusCode, response.body).toBe(204);
  return url;
}

/** The URL of a comment the owner wrote on their own video (from an address of its own: not under test). */
async function ownersComment({ owner, videoId }: Fixture): Promise<string> {
  const response = await test.app.inject({
    method: 'POST',
    url: `/api/v1/videos/${videoId}/comments`,
    headers: bearer(owner.token),
    payload: { body: 'Mine' },
    remoteAddress: randomAddress(),
  });
  return `/api/v1/comments/${response.json().id}`;
}

/** The URL of a chat message the owner wrote on their own live video. */
async function ownersChatMessage({ owner }: Fixture): Promise<string> {
  const videoId = await startLiveVideo(test, owner);
  const response = await test.app.inject({
    method: 'POST',
    url: `/api/v1/videos/${videoId}/chat`,
    headers: bearer(owner.token),
    payload: { text: 'Mine' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return `/api/v1/videos/${videoId}/chat/${response.json().id}`;
}

/** The URL of a comment held on the owner's video, written by someone not under test. */
async function heldComment({ owner, videoId }: Fixture): Promise<string> {
  const policy = await test.app.inject({
    method: 'PATCH',
    url: `/api/v1/videos/${videoId}`,
    headers: bearer(owner.token),
    payload: { commentPolicy: 'held' },
  });
  expect(policy.statusCode, policy.body).toBe(200);
  const response = await test.app.inject({
    method: 'POST',
    url: `/api/v1/videos/${videoId}/comments`,
    headers: bearer(founder.token),
    payload: { body: 'Held' },
    remoteAddress: randomAddress(),
  });
  expect(response.json().awaitingApproval).toBe(true);
  return `/api/v1/comments/${response.json().id}`;
}

/** The URL of a playlist of the owner's, public (so another person may read it, and is refused a change). */
async function ownersPlaylist({ owner }: Fixture, visibility = 'public'): Promise<string> {
  const response = await test.app.inject({
    method: 'POST',
    url: '/api/v1/playlists',
    headers: bearer(owner.token),
    payload: { title: 'Owner’s list', visibility },
  });
  expect(response.statusCode, response.body).toBe(201);
  return `/api/v1/playlists/${response.json().id}`;
}

/** The URLs of the two items of a public playlist of the owner's: the fixture's video, then another. */
async function ownersPlaylistItems(fixture: Fixture): Promise<string[]> {
  const playlist = await ownersPlaylist(fixture);
  const videos = [fixture.videoId, await publishStandInVideo(test.platform, fixture.owner, 'public')];
  const items: string[] = [];
  for (const videoId of videos) {
    const response = await test.app.inject({
      method: 'POST',
      url: `${playlist}/items`,
      headers: bearer(fixture.owner.token),
      payload: { videoId },
    });
    expect(response.statusCode, response.body).toBe(201);
    items.push(`${playlist}/items/${response.json().id}`);
  }
  return items;
}

/** The id of the moderation queue's item for a report on the owner's video. */
async function openReportOn({ owner, videoId }: Fixture): Promise<string> {
  const filed = await fileReport(test.app, owner.token, { kind: 'video', id: videoId, reason: 'spam' });
  expect(filed.statusCode, filed.body).toBe(204);
  const item = (await openItems(test.app, founder.token)).find(({ itemId }) => itemId === videoId);
  if (!item) throw new Error(`no open report on ${videoId}`);
  return item.id;
}

/** A new account, left waiting for approval as sign-ups that need it leave one. */
async function accountAwaitingApproval(): Promise<string> {
  const person = await register(test.app);
  await test.platform.database.db
    .updateTable('users')
    .set({ awaiting_approval: true })
    .where('id', '=', person.id)
    .execute();
  return person.id;
}

/** A notification job about the owner's video, ended as pg-boss ends one after its last attempt. */
async function failedJob(videoId: string): Promise<string> {
  const id = await test.platform.queue.send('notify-subscribers', { videoId });
  await sql`UPDATE pgboss.job SET state = 'failed', completed_on = now() WHERE id = ${id}`.execute(
    test.platform.database.db,
  );
  return id;
}

/** A member the founder suspended, whose suspension is to be lifted. */
async function suspendedMember(): Promise<string> {
  const member = await register(test.app);
  const suspended = await test.app.inject({
    method: 'PUT',
    url: `/api/v1/admin/accounts/${member.id}/suspension`,
    headers: bearer(founder.token),
    payload: { reason: 'Spam account' },
  });
  expect(suspended.statusCode, suspended.body).toBe(204);
  return member.id;
}

/** Whether a route needs an entry: every write, and every read of the administration. */
const GUARDED = (method: string, path: string) =>
  ['post', 'put', 'patch', 'delete'].includes(method) ||
  (method === 'get' && path.startsWith('/api/v1/admin/'));

let guardedRoutes: string[];
let videoReads: string[];
beforeAll(async () => {
  const document = (await test.app.inject({ url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => [method, path, `${method.toUpperCase()} ${path}`] as const),
  );
  guardedRoutes = routes.filter(([method, path]) => GUARDED(method, path)).map(([, , route]) => route);
  videoReads = routes
    .map(([, , route]) => route)
    .filter((route) => route.startsWith('GET /api/v1/videos/{id}'));
});

/** Moderators and administrators are the fixture's other person, given that role. */
async function makeFixture(role: Role): Promise<Fixture> {
  const [owner, other] = await Promise.all([register(test.app), register(test.app)]);
  if (role === 'moderator' || role === 'administrator') await promote(test.platform, other, role);
  const videoId = await publishStandInVideo(test.platform, owner, 'public');
  const upload = await startUpload(test.app, owner.token, 1_000);
  return { owner, other, videoId, upload };
}

describe('authorization matrix', () => {
  it('has an entry for every mutating endpoint and administration read in the OpenAPI document', () => {
    expect(guardedRoutes.length).toBeGreaterThan(10);
    expect(guardedRoutes.filter((route) => !(route in MATRIX))).toEqual([]);
  });

  it.each(Object.keys(MATRIX))(
    '%s answers nobody, another person, the owner, a moderator and an administrator as it should',
    async (route) => {
      if (!guardedRoutes.includes(route)) return; // only served by the other adapter set
      const [method, path] = route.split(' ') as [string, string];
      const entry = MATRIX[route] as Entry;
      const seen: Record<string, number> = {};
      for (const role of ROLES) {
        const fixture = await makeFixture(role);
        const attempt = await entry.attempt(fixture);
        const person = role === 'owner' ? fixture.owner : fixture.other;
        const token = role === 'anonymous' ? undefined : person.token;
        const response = await test.app.inject({
          method: method as 'POST',
          url: attempt.url || path,
          headers: { ...(token ? bearer(token) : {}), ...attempt.headers },
          ...(attempt.payload === undefined ? {} : { payload: attempt.payload as string }),
        });
        seen[role] = response.statusCode;
      }
      expect(seen).toEqual(entry.expected);
    },
  );
});

describe('reads of a private video', () => {
  it('has an entry for every read of one video in the OpenAPI document', () => {
    expect(videoReads).toContain('GET /api/v1/videos/{id}/up-next');
    expect(videoReads.filter((route) => !(route in PRIVATE_VIDEO_READS))).toEqual([]);
  });

  it.each(Object.keys(PRIVATE_VIDEO_READS))(
    '%s answers nobody, another person, the owner, a moderator and an administrator as it should',
    async (route) => {
      const path = route.replace('GET ', '');
      const seen: Record<string, number> = {};
      for (const role of ROLES) {
        const { owner, other } = await makeFixture(role);
        const videoId = await publishStandInVideo(test.platform, owner, 'private');
        const person = role === 'owner' ? owner : other;
        const response = await test.app.inject({
          url: path.replace('{id}', videoId),
          headers: role === 'anonymous' ? {} : bearer(person.token),
        });
        seen[role] = response.statusCode;
      }
      expect(seen).toEqual(PRIVATE_VIDEO_READS[route]);
    },
  );
});

describe('reads of a private playlist', () => {
  it.each(['', '/items'])(
    "GET /api/v1/playlists/{id}%s is the owner's alone: not found for anyone else, staff too",
    async (tail) => {
      const seen: Record<string, number> = {};
      for (const role of ROLES) {
        const fixture = await makeFixture(role);
        const url = `${await ownersPlaylist(fixture, 'private')}${tail}`;
        const person = role === 'owner' ? fixture.owner : fixture.other;
        const response = await test.app.inject({
          url,
          headers: role === 'anonymous' ? {} : bearer(person.token),
        });
        seen[role] = response.statusCode;
      }
      expect(seen).toEqual(OWNER_ONLY_READ(200));
    },
  );
});
