// Notifications: a followed channel's new public video or its going live, a reply to my comment; unread
// counts, marking read, and nothing about a video I may no longer see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import { endLiveVideo, startLiveVideo } from '../support/live-videos.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
beforeAll(async () => {
  test = await startTestPlatform();
});
afterAll(() => test.close());

type Person = Awaited<ReturnType<typeof register>>;
interface Inbox {
  items: {
    id: string;
    kind: string;
    read: boolean;
    video: { id: string };
    channel: { handle: string };
    commentBody: string | null;
  }[];
  nextCursor: string | null;
  unreadCount: number;
}

async function inbox(person: Person, query = ''): Promise<Inbox> {
  const response = await test.app.inject({
    url: `/api/v1/me/notifications${query}`,
    headers: bearer(person.token),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function subscribe(fan: Person, channel: Person) {
  const response = await test.app.inject({
    method: 'PUT',
    url: `/api/v1/channels/${channel.handle}/subscription`,
    headers: bearer(fan.token),
  });
  expect(response.statusCode).toBe(200);
}

async function comment(person: Person, videoId: string, body: string, parentId?: string): Promise<string> {
  const response = await test.app.inject({
    method: 'POST',
    url: `/api/v1/videos/${videoId}/comments`,
    headers: bearer(person.token),
    payload: parentId ? { body, parentId } : { body },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

describe('notifications', () => {
  it("tells each subscriber of a channel's new public video once", async () => {
    const [creator, fan, bystander] = await Promise.all([
      register(test.app),
      register(test.app),
      register(test.app),
    ]);
    await subscribe(fan, creator);
    const video = await publishStandInVideo(test.platform, creator, 'public');
    const hidden = await publishStandInVideo(test.platform, creator, 'private');
    const { notifications } = test.platform.services;
    expect(await notifications.announceVideo(video)).toBe(1);
    expect(await notifications.announceVideo(video)).toBe(0); // a retried job
    expect(await notifications.announceVideo(hidden)).toBe(0);
    const mine = await inbox(fan);
    expect(mine.unreadCount).toBe(1);
    expect(mine.items).toMatchObject([
      { kind: 'new_video', read: false, video: { id: video }, channel: { handle: creator.handle } },
    ]);
    expect((await inbox(bystander)).items).toEqual([]);
    expect((await inbox(creator)).items).toEqual([]);
  });

  it('tells each subscriber once when a channel goes live, while the stream can be watched', async () => {
    const [streamer, fan, bystander] = await Promise.all([
      register(test.app),
      register(test.app),
      register(test.app),
    ]);
    await subscribe(fan, streamer);
    const live = await startLiveVideo(test, streamer);
    // Its stream comes back after a drop: its first segments are out again, nobody is told twice.
    await test.platform.repositories.liveVideos.markPlayable(live);
    const mine = await inbox(fan);
    expect(mine.unreadCount).toBe(1);
    expect(mine.items).toMatchObject([
      { kind: 'went_live', read: false, video: { id: live }, channel: { handle: streamer.handle } },
    ]);
    expect((await inbox(bystander)).items).toEqual([]);
    expect((await inbox(streamer)).items).toEqual([]);
    // Once the stream is over, and until its recording is ready, there is nothing live to open.
    await endLiveVideo(test.platform, live);
    expect((await inbox(fan)).unreadCount).toBe(0);
  });

  it('shows nobody news of a live video its channel made private', async () => {
    const [streamer, fan] = await Promise.all([register(test.app), register(test.app)]);
    await subscribe(fan, streamer);
    const live = await startLiveVideo(test, streamer, 'private');
    await test.platform.repositories.liveVideos.markPlayable(live);
    expect((await inbox(fan)).items).toEqual([]);
  });

  it('tells the author of the comment replied to, never the replier about their own reply', async () => {
    const [owner, alice, bob, carol] = await Promise.all([
      register(test.app),
      register(test.app),
      register(test.app),
      register(test.app),
    ]);
    const video = await publishStandInVideo(test.platform, owner, 'public');
    const thread = await comment(alice, video, 'What camera is this?');
    const answer = await comment(bob, video, 'Looks like a phone', thread);
    await comment(alice, video, 'Thanks!', thread); // answering her own comment tells nobody
    await comment(carol, video, '<b>agreed</b>', answer); // a reply to bob's reply tells bob
    const aliceInbox = await inbox(alice);
    expect(aliceInbox.items.map((item) => [item.kind, item.channel.handle, item.commentBody])).toEqual([
      ['comment_reply', bob.handle, 'Looks like a phone'],
    ]);
    expect((await inbox(bob)).items.map((item) => [item.channel.handle, item.commentBody])).toEqual([
      [carol.handle, '<b>agreed</b>'],
    ]);
    expect((await inbox(carol)).items).toEqual([]);
  });

  it('counts unread, marks some or all read, and pages', async () => {
    const [creator, fan] = await Promise.all([register(test.app), register(test.app)]);
    await subscribe(fan, creator);
    const videos: string[] = [];
    for (let index = 0; index < 3; index++) {
      const id = await publishStandInVideo(test.platform, creator, 'public');
      await test.platform.services.notifications.announceVideo(id);
      videos.push(id);
    }
    const first = await inbox(fan, '?limit=2');
    const second = await inbox(fan, `?limit=2&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((item) => item.video.id)).toEqual([...videos].reverse());
    expect(second.nextCursor).toBeNull();

    const markRead = (payload: object) =>
      test.app.inject({
        method: 'POST',
        url: '/api/v1/me/notifications/read',
        headers: bearer(fan.token),
        payload,
      });
    const one = first.items[0]?.id ?? '';
    expect((await markRead({ ids: [one] })).json()).toEqual({ unreadCount: 2 });
    expect((await inbox(fan)).items.map((item) => item.read)).toEqual([true, false, false]);
    const badge = await test.app.inject({
      url: '/api/v1/me/notifications/unread-count',
      headers: bearer(fan.token),
    });
    expect(badge.json()).toEqual({ unreadCount: 2 });
    expect((await markRead({})).json()).toEqual({ unreadCount: 0 });
    // Someone else's ids change nothing of theirs.
    const stranger = await register(test.app);
    expect(
      (
        await test.app.inject({
          method: 'POST',
          url: '/api/v1/me/notifications/read',
          headers: bearer(stranger.token),
          payload: { ids: [one] },
        })
      ).json(),
    ).toEqual({ unreadCount: 0 });
  });

  it('hides news of a video made private since', async () => {
    const [creator, fan] = await Promise.all([register(test.app), register(test.app)]);
    await subscribe(fan, creator);
    const video = await publishStandInVideo(test.platform, creator, 'public');
    await test.platform.services.notifications.announceVideo(video);
    await test.app.inject({
      method: 'PATCH',
      url: `/api/v1/videos/${video}`,
      headers: bearer(creator.token),
      payload: { visibility: 'private' },
    });
    expect(await inbox(fan)).toMatchObject({ items: [], unreadCount: 0 });
    expect((await test.app.inject({ url: '/api/v1/me/notifications' })).statusCode).toBe(401);
  });
});
