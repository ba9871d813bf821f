// A reporter is told how their report ended, whatever became of what they reported: one notification per
// report, naming the thing as they saw it, for a hidden video, a removed comment and a dismissed channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, promote, register } from '../../support/accounts.js';
import { fileReport, openItems } from '../../support/moderation.js';
import { publishStandInVideo } from '../../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../../support/test-platform.js';

type Person = Awaited<ReturnType<typeof register>>;

interface ReportOutcome {
  kind: 'report_outcome';
  read: boolean;
  report: { kind: string; outcome: string; subject: string | null };
}

let test: TestPlatform;
let moderator: Person;
let owner: Person;
let reporters: Person[];

beforeAll(async () => {
  test = await startTestPlatform();
  await register(test.app); // the administrator
  moderator = await register(test.app);
  owner = await register(test.app);
  reporters = [await register(test.app), await register(test.app)];
  await promote(test.platform, moderator, 'moderator');
});
afterAll(() => test.close());

async function inbox(person: Person) {
  const response = await test.app.inject({ url: '/api/v1/me/notifications', headers: bearer(person.token) });
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json() as { items: { kind: string }[]; unreadCount: number };
  const outcomes = body.items.filter((item): item is ReportOutcome => item.kind === 'report_outcome');
  return { outcomes, unreadCount: body.unreadCount };
}

async function report(reporter: Person, kind: string, id: string): Promise<void> {
  const response = await fileReport(test.app, reporter.token, { kind, id, reason: 'spam' });
  expect(response.statusCode, response.body).toBe(204);
}

async function act(method: 'PUT' | 'POST' | 'DELETE', url: string, payload?: object): Promise<void> {
  const response = await test.app.inject({ method, url, headers: bearer(moderator.token), payload });
  expect(response.statusCode, response.body).toBe(204);
}

async function itemIdOf(thingId: string): Promise<string> {
  const item = (await openItems(test.app, moderator.token)).find((open) => open.itemId === thingId);
  if (!item) throw new Error(`no open item on ${thingId}`);
  return item.id;
}

describe('the outcome of a report', () => {
  it('tells every reporter of a video that it was hidden, though the video is gone for them', async () => {
    const videoId = await publishStandInVideo(test.platform, owner, 'public');
    const title = (await test.app.inject({ url: `/api/v1/videos/${videoId}` })).json().title;
    const before = await Promise.all(reporters.map(inbox));
    for (const reporter of reporters) await report(reporter, 'video', videoId);

    await act('PUT', `/api/v1/admin/videos/${videoId}/moderation`, { state: 'hidden', reason: 'Spam' });

    for (const [index, reporter] of reporters.entries()) {
      const after = await inbox(reporter);
      expect(after.outcomes.length).toBe((before[index]?.outcomes.length ?? 0) + 1);
      expect(after.outcomes[0]).toMatchObject({
        read: false,
        report: { kind: 'video', outcome: 'video_hidden', subject: title },
      });
      expect(after.unreadCount).toBe((before[index]?.unreadCount ?? 0) + 1);
    }
    expect((await inbox(owner)).outcomes).toEqual([]);
  });

  it('names a removed comment by its text, cut short and on one line', async () => {
    const videoId = await publishStandInVideo(test.platform, owner, 'public');
    const body = `Buy   now\n${'cheap pills '.repeat(40)}`;
    const posted = await test.app.inject({
      method: 'POST',
      url: `/api/v1/videos/${videoId}/comments`,
      headers: bearer(owner.token),
      payload: { body },
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const commentId = posted.json().id as string;
    const [reporter] = reporters as [Person];
    await report(reporter, 'comment', commentId);

    await act('DELETE', `/api/v1/admin/comments/${commentId}`);

    const [outcome] = (await inbox(reporter)).outcomes;
    expect(outcome?.report).toMatchObject({ kind: 'comment', outcome: 'comment_removed' });
    const subject = outcome?.report.subject ?? '';
    expect(subject.startsWith('Buy now cheap pills cheap pills')).toBe(true);
    expect(subject.length).toBe(200);
    expect(subject.endsWith('…')).toBe(true);
  });

  it('tells the reporter of a channel that their report was dismissed, once per report', async () => {
    const channel = await test.platform.repositories.channels.findByHandle(owner.handle);
    const channelId = channel?.id as string;
    const [reporter] = reporters as [Person];
    const before = (await inbox(reporter)).outcomes.length;

    await report(reporter, 'channel', channelId);
    await act('POST', `/api/v1/admin/reports/${await itemIdOf(channelId)}/dismiss`, {});
    // Reported again afresh, and dismissed again: a second report, a second outcome.
    await report(reporter, 'channel', channelId);
    await act('POST', `/api/v1/admin/reports/${await itemIdOf(channelId)}/dismiss`, {});

    const { outcomes } = await inbox(reporter);
    expect(outcomes.length).toBe(before + 2);
    for (const outcome of outcomes.slice(0, 2))
      expect(outcome.report).toEqual({
        kind: 'channel',
        outcome: 'dismissed',
        subject: channel?.displayName,
      });
  });

  it('is marked read like any other notification', async () => {
    const [, reporter] = reporters as [Person, Person];
    const read = await test.app.inject({
      method: 'POST',
      url: '/api/v1/me/notifications/read',
      headers: bearer(reporter.token),
      payload: {},
    });
    expect(read.statusCode, read.body).toBe(200);
    const after = await inbox(reporter);
    expect(after.unreadCount).toBe(0);
    expect(after.outcomes.every((outcome) => outcome.read)).toBe(true);
  });
});
