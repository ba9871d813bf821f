// Suspending an account: its sessions end at once and it cannot sign in again; its channel and videos leave
// every page, list and media URL for everyone but moderators; lifting it gives everything back as it was.
// Who may suspend whom, the audit log and the reports on the account's channel.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, promote, randomAddress, register } from '../../support/accounts.js';
import { auditLog, fileReport, openItems } from '../../support/moderation.js';
import { publishStandInVideo } from '../../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../../support/test-platform.js';

type Person = Awaited<ReturnType<typeof register>>;

let test: TestPlatform;
let administrator: Person;
let moderator: Person;
let viewer: Person;

beforeAll(async () => {
  test = await startTestPlatform();
  administrator = await register(test.app);
  moderator = await register(test.app);
  await promote(test.platform, moderator, 'moderator');
  viewer = await register(test.app);
});
afterAll(() => test.close());

function suspend(actor: Person, target: { id: string }, payload: object = { reason: 'Spam account' }) {
  return test.app.inject({
    method: 'PUT',
    url: `/api/v1/admin/accounts/${target.id}/suspension`,
    headers: bearer(actor.token),
    payload,
  });
}

function lift(actor: Person, target: { id: string }, query = '') {
  return test.app.inject({
    method: 'DELETE',
    url: `/api/v1/admin/accounts/${target.id}/suspension${query}`,
    headers: bearer(actor.token),
  });
}

function get(url: string, token?: string) {
  return test.app.inject({ url, headers: token ? bearer(token) : {} });
}

function logIn(person: Person) {
  return test.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: person.email, password: person.password },
    remoteAddress: randomAddress(),
  });
}

async function ids(url: string, token?: string): Promise<string[]> {
  const response = await get(url, token);
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return (response.json() as { items: { id: string }[] }).items.map((item) => item.id);
}

/** A public video with a title of its own, so a search finds it and nothing else. */
async function publishTitled(owner: Person, word: string): Promise<string> {
  const id = await publishStandInVideo(test.platform, owner, 'public');
  const edit = await test.app.inject({
    method: 'PATCH',
    url: `/api/v1/videos/${id}`,
    headers: bearer(owner.token),
    payload: { title: `${word} tutorial` },
  });
  expect(edit.statusCode, edit.body).toBe(200);
  return id;
}

/** Where anyone may come across the video, each answering whether it is there. */
async function whereSeen(
  { videoId, playlistId }: { videoId: string; playlistId: string },
  owner: Person,
  word: string,
): Promise<Record<string, boolean>> {
  const holds = async (url: string) =>
    ((await get(url, viewer.token)).json().items as { video?: { id: string } | null }[]).some(
      (item) => item.video?.id === videoId,
    );
  return {
    newest: (await ids('/api/v1/feed/newest?limit=100')).includes(videoId),
    home: (await ids('/api/v1/feed/home?limit=100')).includes(videoId),
    subscriptions: (await ids('/api/v1/feed/subscriptions?limit=100', viewer.token)).includes(videoId),
    channelVideos: (await get(`/api/v1/channels/${owner.handle}/videos`)).json().items?.length === 1,
    search: (await ids(`/api/v1/search?q=${word}`)).includes(videoId),
    channelPage: (await get(`/api/v1/channels/${owner.handle}`, viewer.token)).statusCode === 200,
    watchPage: (await get(`/api/v1/videos/${videoId}`, viewer.token)).statusCode === 200,
    notifications: await holds('/api/v1/me/notifications'),
    followed: (
      (await get('/api/v1/me/subscriptions', viewer.token)).json().items as { channel: { handle: string } }[]
    )
      .map((item) => item.channel.handle)
      .includes(owner.handle),
    playlist: await holds(`/api/v1/playlists/${playlistId}/items`),
  };
}

const EVERYWHERE = {
  newest: true,
  home: true,
  subscriptions: true,
  channelVideos: true,
  search: true,
  channelPage: true,
  watchPage: true,
  notifications: true,
  followed: true,
  playlist: true,
};
const NOWHERE = Object.fromEntries(Object.keys(EVERYWHERE).map((key) => [key, false]));

/** The media path of the video's master playlist, as handed to `token`'s holder. */
async function masterPath(videoId: string, token: string): Promise<string> {
  const response = await get(`/api/v1/videos/${videoId}`, token);
  expect(response.statusCode, response.body).toBe(200);
  return new URL(response.json().hlsUrl).pathname;
}

describe('a suspended account', () => {
  it('loses its sessions at once and cannot sign in again until the suspension is lifted', async () => {
    const member = await register(test.app);
    expect((await get('/api/v1/me', member.token)).json().user.state).toBe('active');
    expect((await suspend(moderator, member)).statusCode).toBe(204);

    const before = await get('/api/v1/me', member.token);
    expect(before.statusCode).toBe(401);
    const upload = await test.app.inject({
      method: 'POST',
      url: '/api/v1/uploads',
      headers: bearer(member.token),
      payload: { fileName: 'clip.mp4', size: 1_000, contentType: 'video/mp4' },
    });
    expect(upload.statusCode).toBe(401);
    const refused = await logIn(member);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('account_suspended');

    expect((await lift(moderator, member)).statusCode).toBe(204);
    const signedIn = await logIn(member);
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(signedIn.json().user.state).toBe('active');
    expect((await get('/api/v1/me', signedIn.json().token)).statusCode).toBe(200);
  });

  it('is gone from every list, page and media URL for everyone but moderators, and comes back on lifting', async () => {
    const owner = await register(test.app);
    const word = `zeppelin${randomUUID().slice(0, 6).replace(/\d/g, 'q')}`;
    const videoId = await publishTitled(owner, word);
    const follow = await test.app.inject({
      method: 'PUT',
      url: `/api/v1/channels/${owner.handle}/subscription`,
      headers: bearer(viewer.token),
    });
    expect(follow.statusCode).toBe(200);
    await test.platform.services.notifications.announceVideo(videoId);
    const playlist = await test.app.inject({
      method: 'POST',
      url: '/api/v1/playlists',
      headers: bearer(viewer.token),
      payload: { title: 'Later', visibility: 'public' },
    });
    const playlistId = playlist.json().id as string;
    const saved = await test.app.inject({
      method: 'POST',
      url: `/api/v1/playlists/${playlistId}/items`,
      headers: bearer(viewer.token),
      payload: { videoId },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const seen = { videoId, playlistId };
    expect(await whereSeen(seen, owner, word)).toEqual(EVERYWHERE);
    const kept = await masterPath(videoId, viewer.token);
    expect((await get(kept)).statusCode).toBe(200);

    expect((await suspend(moderator, owner)).statusCode).toBe(204);
    expect(await whereSeen(seen, owner, word)).toEqual(NOWHERE);
    const revoked = await get(kept);
    expect(revoked.statusCode).toBe(403);
    expect(revoked.json().error.code).toBe('playback_token_revoked');
    expect((await get(`/api/v1/videos/${videoId}/embed`)).statusCode).toBe(404);
    // Moderators still reach the channel and the video, to judge them.
    expect((await get(`/api/v1/channels/${owner.handle}`, moderator.token)).statusCode).toBe(200);
    const moderatorsCopy = await masterPath(videoId, moderator.token);
    expect((await get(moderatorsCopy)).statusCode).toBe(200);

    expect((await lift(administrator, owner, '?reason=Appeal%20granted')).statusCode).toBe(204);
    expect(await whereSeen(seen, owner, word)).toEqual(EVERYWHERE);
    expect((await get(await masterPath(videoId, viewer.token))).statusCode).toBe(200);
  });

  it('gets back exactly what it had: a video hidden or made private on its own stays so', async () => {
    const owner = await register(test.app);
    const [hidden, secret, shown] = await Promise.all([
      publishStandInVideo(test.platform, owner, 'public'),
      publishStandInVideo(test.platform, owner, 'private'),
      publishStandInVideo(test.platform, owner, 'public'),
    ]);
    const hide = await test.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/videos/${hidden}/moderation`,
      headers: bearer(moderator.token),
      payload: { state: 'hidden', reason: 'Spam' },
    });
    expect(hide.statusCode).toBe(204);
    expect((await suspend(administrator, owner)).statusCode).toBe(204);
    expect((await lift(administrator, owner)).statusCode).toBe(204);

    const newest = await ids('/api/v1/feed/newest?limit=100');
    expect(newest).toContain(shown);
    expect(newest).not.toContain(hidden);
    expect(newest).not.toContain(secret);
    expect((await get(`/api/v1/videos/${hidden}`, viewer.token)).statusCode).toBe(404);
    expect((await get(`/api/v1/videos/${secret}`, viewer.token)).statusCode).toBe(404);
    const signedIn = (await logIn(owner)).json();
    const mine = await ids('/api/v1/me/videos?limit=100', signedIn.token);
    expect(mine.sort()).toEqual([hidden, secret, shown].sort());
  });
});

describe('a write already past the session check', () => {
  it('refuses an upload or a comment of an account suspended meanwhile with 403 account_suspended', async () => {
    const member = await register(test.app);
    const channel = (await get(`/api/v1/channels/${member.handle}`)).json();
    const videoId = await publishStandInVideo(test.platform, viewer, 'public');
    expect((await suspend(moderator, member)).statusCode).toBe(204);

    const { uploads, comments } = test.platform.services;
    const upload = uploads.start(
      { id: member.id, channelId: channel.id },
      { fileName: 'clip.mp4', size: 1_000, contentType: 'video/mp4' },
    );
    await expect(upload).rejects.toMatchObject({ status: 403, code: 'account_suspended' });
    const comment = comments.post(videoId, member.id, 'Still here');
    await expect(comment).rejects.toMatchObject({ status: 403, code: 'account_suspended' });
    const page = await get(`/api/v1/videos/${videoId}/comments`);
    expect(page.json().items).toEqual([]);
  });
});

describe('who may suspend whom', () => {
  it('refuses members, staff targets for moderators, and oneself; an administrator may suspend staff', async () => {
    const member = await register(test.app);
    const target = await register(test.app);
    const otherModerator = await register(test.app);
    await promote(test.platform, otherModerator, 'moderator');

    const cases: [Person, { id: string }, number, string][] = [
      [member, target, 403, 'not_moderator'],
      [moderator, otherModerator, 403, 'target_is_staff'],
      [moderator, administrator, 403, 'target_is_staff'],
      [moderator, moderator, 403, 'own_account'],
      [administrator, administrator, 403, 'own_account'],
    ];
    for (const [actor, whom, status, code] of cases) {
      const response = await suspend(actor, whom);
      expect(response.statusCode, `${code}: ${response.body}`).toBe(status);
      expect(response.json().error.code).toBe(code);
    }
    expect((await get('/api/v1/me', otherModerator.token)).statusCode).toBe(200);
    expect((await get('/api/v1/me', moderator.token)).statusCode).toBe(200);

    expect((await suspend(administrator, otherModerator)).statusCode).toBe(204);
    expect((await get('/api/v1/me', otherModerator.token)).statusCode).toBe(401);
    const moderatorLifts = await lift(moderator, otherModerator);
    expect(moderatorLifts.statusCode).toBe(403);
    expect(moderatorLifts.json().error.code).toBe('target_is_staff');
    expect((await lift(administrator, otherModerator)).statusCode).toBe(204);
  });

  it('answers 409 to suspending twice and to lifting what is not there', async () => {
    const member = await register(test.app);
    const notSuspended = await lift(moderator, member);
    expect(notSuspended.statusCode).toBe(409);
    expect(notSuspended.json().error.code).toBe('not_suspended');
    expect((await suspend(moderator, member)).statusCode).toBe(204);
    const again = await suspend(moderator, member);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_suspended');
  });

  it('refuses bad input with a JSON 400 and an unknown account with 404, writing nothing', async () => {
    const member = await register(test.app);
    const logged = (await auditLog(test.app, administrator.token)).length;
    for (const payload of [{}, { reason: '' }, { reason: '   ' }, { reason: { text: 'Spam' } }]) {
      const response = await suspend(moderator, member, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('invalid_input');
    }
    expect((await suspend(moderator, { id: 'not-a-uuid' })).statusCode).toBe(400);
    expect((await lift(moderator, member, '?reason=')).statusCode).toBe(400);
    const unknown = await suspend(moderator, { id: randomUUID() });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('account_not_found');
    expect((await lift(moderator, { id: randomUUID() })).statusCode).toBe(404);
    expect((await get('/api/v1/me', member.token)).statusCode).toBe(200);
    expect(await auditLog(test.app, administrator.token)).toHaveLength(logged);
  });
});

describe('the record of a suspension', () => {
  it('closes the open reports on the channel and logs suspending and lifting with who, whom and why', async () => {
    const owner = await register(test.app);
    const channelId = (await get(`/api/v1/channels/${owner.handle}`)).json().id;
    const filed = await fileReport(test.app, viewer.token, {
      kind: 'channel',
      id: channelId,
      reason: 'spam',
    });
    expect(filed.statusCode, filed.body).toBe(204);
    expect((await openItems(test.app, moderator.token)).map((item) => item.itemId)).toContain(channelId);

    expect((await suspend(moderator, owner, { reason: 'Spam account' })).statusCode).toBe(204);
    expect((await openItems(test.app, moderator.token)).map((item) => item.itemId)).not.toContain(channelId);
    expect((await lift(administrator, owner, '?reason=Appeal')).statusCode).toBe(204);

    const [lifted, suspended] = await auditLog(test.app, administrator.token);
    expect(suspended).toMatchObject({
      actor: { id: moderator.id, handle: moderator.handle },
      action: 'account_suspended',
      target: { kind: 'account', id: owner.id },
      reason: 'Spam account',
      details: { handle: owner.handle },
    });
    expect(lifted).toMatchObject({
      actor: { id: administrator.id },
      action: 'suspension_lifted',
      target: { kind: 'account', id: owner.id },
      reason: 'Appeal',
    });
  });
});
