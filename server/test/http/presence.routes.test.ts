// Who is watching a live video now: players report presence every 15 s, and the video's page counts each
// viewer (account, or a signed-out viewer's watch ticket) heard from in the last 30 s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import { endLiveVideo, startLiveVideo } from '../support/live-videos.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
let owner: Awaited<ReturnType<typeof register>>;

beforeAll(async () => {
  test = await startTestPlatform();
  owner = await register(test.app);
});
afterAll(() => test.close());

/** A signed-out browser's ticket: `cookie` keeps it the same viewer across tickets. */
async function ticketFor(videoId: string, cookie?: string) {
  const response = await test.app.inject({
    method: 'POST',
    url: `/api/v1/videos/${videoId}/watch-tickets`,
    cookies: cookie ? { vidstream_viewer: cookie } : {},
  });
  expect(response.statusCode, response.body).toBe(200);
  const issued = response.cookies.find((each) => each.name === 'vidstream_viewer')?.value;
  return { ticket: response.json().ticket as string, cookie: issued ?? cookie };
}

const present = (videoId: string, payload: object, token?: string) =>
  test.app.inject({
    method: 'POST',
    url: `/api/v1/videos/${videoId}/presence`,
    headers: token ? bearer(token) : {},
    payload,
  });

async function viewersOf(videoId: string, token?: string) {
  const response = await test.app.inject({
    url: `/api/v1/videos/${videoId}`,
    headers: token ? bearer(token) : {},
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().live?.viewers;
}

describe('POST /api/v1/videos/{id}/presence', () => {
  it('counts each viewer once, signed in or not, while heard from in the last 30 s', async () => {
    const id = await startLiveVideo(test, owner);
    const member = await register(test.app);
    const firstTab = await ticketFor(id);
    const secondTab = await ticketFor(id, firstTab.cookie);
    const stranger = await ticketFor(id);
    for (const report of [
      present(id, {}, member.token),
      present(id, {}, member.token),
      present(id, { ticket: firstTab.ticket }),
      present(id, { ticket: secondTab.ticket }),
      present(id, { ticket: stranger.ticket }),
    ]) {
      const response = await report;
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({ present: true });
    }
    expect(await viewersOf(id)).toBe(3);
    expect(await viewersOf(id, member.token)).toBe(3);

    // 20 s on, only the member reports again; 31 s after the first reports, only the member is here.
    test.clock.advance(20);
    expect((await present(id, {}, member.token)).json()).toEqual({ present: true });
    test.clock.advance(11);
    expect(await viewersOf(id)).toBe(1);
    test.clock.advance(30);
    expect(await viewersOf(id)).toBe(0);
    test.clock.reset();
  });

  it('counts nobody for a video that is not live, and shows no count for it', async () => {
    const ended = await startLiveVideo(test, owner);
    await endLiveVideo(test.platform, ended);
    const uploaded = await publishStandInVideo(test.platform, owner, 'public');
    for (const id of [ended, uploaded]) {
      expect((await present(id, {}, owner.token)).json()).toEqual({ present: false });
    }
    expect(await viewersOf(ended)).toBeNull();
    expect(await viewersOf(uploaded)).toBeUndefined();
  });

  it('counts no signed-out viewer without a ticket for this very video', async () => {
    const id = await startLiveVideo(test, owner);
    const other = await startLiveVideo(test, await register(test.app));
    const elsewhere = await ticketFor(other);
    expect((await present(id, {})).json()).toEqual({ present: false });
    expect((await present(id, { ticket: elsewhere.ticket })).json()).toEqual({ present: false });
    expect((await present(id, { ticket: 'made.up.ticket' })).json()).toEqual({ present: false });
    expect(await viewersOf(id)).toBe(0);
  });

  it('hides a private live video from everyone but its owner', async () => {
    const id = await startLiveVideo(test, owner, 'private');
    expect((await present(id, {}, (await register(test.app)).token)).statusCode).toBe(404);
    expect((await present(id, {})).statusCode).toBe(404);
    expect((await present(id, {}, owner.token)).json()).toEqual({ present: true });
    // Making it private answered with its page, which read the count (0) just now: a process reads it
    // again once it is 5 s old.
    expect(await viewersOf(id, owner.token)).toBe(0);
    test.clock.advance(6);
    expect(await viewersOf(id, owner.token)).toBe(1);
    test.clock.reset();
  });
});
