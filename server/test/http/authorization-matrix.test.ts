// Every mutating endpoint of the API, taken from the OpenAPI document the app serves, tried as nobody,
// as another signed-in person and as the owner of what it acts on. A new mutating route without an
// entry here fails the first test.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, newUser, register } from '../support/accounts.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { type Plan, putPart, startUpload } from '../support/uploads.js';

let test: TestPlatform;
let avatar: Buffer;
beforeAll(async () => {
  test = await startTestPlatform();
  avatar = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#3a7' } })
    .png()
    .toBuffer();
});
afterAll(() => test.close());

type Role = 'anonymous' | 'other' | 'owner';
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

/** Acts on something of the owner's. */
const OWNER_ONLY = (status: number) => ({ anonymous: 401, other: 403, owner: status });
/** Acts on the signed-in person's own things (their session, channel, reaction): anyone signed in. */
const SELF_SERVICE = (status: number) => ({ anonymous: 401, other: status, owner: status });
/** Open by design: signing up and in, and parts sent to a signed URL. */
const OPEN = (status: number) => ({ anonymous: status, other: status, owner: status });

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
    expected: { anonymous: 401, other: 200, owner: 409 },
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
  'PATCH /api/v1/comments/{id}': {
    attempt: async (fixture) => ({ url: await ownersComment(fixture), payload: { body: 'Edited' } }),
    expected: OWNER_ONLY(200),
  },
  'DELETE /api/v1/comments/{id}': {
    attempt: async (fixture) => ({ url: await ownersComment(fixture) }),
    expected: OWNER_ONLY(204),
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
  'GET /api/v1/videos/{id}': { anonymous: 404, other: 404, owner: 200 },
  'GET /api/v1/videos/{id}/comments': { anonymous: 404, other: 404, owner: 200 },
  'GET /api/v1/videos/{id}/embed': { anonymous: 403, other: 403, owner: 403 },
  // The progress stream is the owner's: nobody must sign in first, and to another person it does not exist.
  'GET /api/v1/videos/{id}/events': { anonymous: 401, other: 404, owner: 200 },
  'GET /api/v1/videos/{id}/up-next': { anonymous: 404, other: 404, owner: 200 },
};

/** The URL of a comment the owner wrote on their own video. */
async function ownersComment({ owner, videoId }: Fixture): Promise<string> {
  const response = await test.app.inject({
    method: 'POST',
    url: `/api/v1/videos/${videoId}/comments`,
    headers: bearer(owner.token),
    payload: { body: 'Mine' },
  });
  return `/api/v1/comments/${response.json().id}`;
}

let mutatingRoutes: string[];
let videoReads: string[];
beforeAll(async () => {
  const document = (await test.app.inject({ url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
  );
  mutatingRoutes = routes.filter((route) => /^(POST|PUT|PATCH|DELETE) /.test(route));
  videoReads = routes.filter((route) => route.startsWith('GET /api/v1/videos/{id}'));
});

async function makeFixture(): Promise<Fixture> {
  const [owner, other] = await Promise.all([register(test.app), register(test.app)]);
  const videoId = await publishStandInVideo(test.platform, owner, 'public');
  const upload = await startUpload(test.app, owner.token, 1_000);
  return { owner, other, videoId, upload };
}

describe('authorization matrix', () => {
  it('has an entry for every mutating endpoint in the OpenAPI document', () => {
    expect(mutatingRoutes.length).toBeGreaterThan(10);
    expect(mutatingRoutes.filter((route) => !(route in MATRIX))).toEqual([]);
  });

  it.each(Object.keys(MATRIX))(
    '%s answers nobody, another person and the owner as it should',
    async (route) => {
      if (!mutatingRoutes.includes(route)) return; // only served by the other adapter set
      const [method, path] = route.split(' ') as [string, string];
      const entry = MATRIX[route] as Entry;
      const seen: Record<string, number> = {};
      for (const role of ['anonymous', 'other', 'owner'] as const) {
        const fixture = await makeFixture();
        const attempt = await entry.attempt(fixture);
        const token = role === 'anonymous' ? undefined : fixture[role].token;
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
    '%s answers nobody, another person and the owner as it should',
    async (route) => {
      const path = route.replace('GET ', '');
      const { owner, other } = await makeFixture();
      const videoId = await publishStandInVideo(test.platform, owner, 'private');
      const seen: Record<string, number> = {};
      for (const role of ['anonymous', 'other', 'owner'] as const) {
        const token = { anonymous: undefined, other: other.token, owner: owner.token }[role];
        const response = await test.app.inject({
          url: path.replace('{id}', videoId),
          headers: token ? bearer(token) : {},
        });
        seen[role] = response.statusCode;
      }
      expect(seen).toEqual(PRIVATE_VIDEO_READS[route]);
    },
  );
});
