// Reporting: anyone signed in reports a video, a comment or a channel they can see, once while their report
// is open; what they cannot see is not found; bad input is refused whole, with nothing stored.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, randomAddress, register } from '../support/accounts.js';
import { fileReport, openItems } from '../support/moderation.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

type Person = Awaited<ReturnType<typeof register>>;

let test: TestPlatform;
let administrator: Person;
let owner: Person;
let reporter: Person;
let videoId: string;

beforeAll(async () => {
  test = await startTestPlatform();
  administrator = await register(test.app);
  owner = await register(test.app);
  reporter = await register(test.app);
  videoId = await publishStandInVideo(test.platform, owner, 'public');
});
afterAll(() => test.close());

const report = (person: Person, payload: object) => fileReport(test.app, person.token, payload);
const itemOn = async (itemId: string) =>
  (await openItems(test.app, administrator.token)).find((item) => item.itemId === itemId);

async function commentOn(id: string, author: Person): Promise<string> {
  const response = await test.app.inject({
    method: 'POST',
    url: `/api/v1/videos/${id}/comments`,
    headers: bearer(author.token),
    payload: { body: 'Buy cheap watches at example.test' },
    remoteAddress: randomAddress(),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

describe('POST /api/v1/reports', () => {
  it('files a report on a video, once per person: a second one while it is open is 409', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    const first = await report(reporter, {
      kind: 'video',
      id,
      reason: 'spam',
      details: '  Links to a scam ',
    });
    expect(first.statusCode, first.body).toBe(204);
    const again = await report(reporter, { kind: 'video', id, reason: 'misleading' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_reported');
    expect(await itemOn(id)).toMatchObject({ kind: 'video', reportCount: 1, reasons: ['spam'] });

    expect((await report(owner, { kind: 'video', id, reason: 'copyright' })).statusCode).toBe(204);
    expect(await itemOn(id)).toMatchObject({ reportCount: 2, reasons: ['copyright', 'spam'] });
  });

  it('files reports on a comment and on a channel, shown in context in the queue', async () => {
    const commentId = await commentOn(videoId, owner);
    expect((await report(reporter, { kind: 'comment', id: commentId, reason: 'spam' })).statusCode).toBe(204);
    expect(await itemOn(commentId)).toMatchObject({
      kind: 'comment',
      content: {
        kind: 'comment',
        body: 'Buy cheap watches at example.test',
        videoId,
        authorHandle: owner.handle,
        accountId: owner.id,
      },
    });

    const channelId = (await test.platform.repositories.channels.findByHandle(owner.handle))?.id as string;
    expect((await report(reporter, { kind: 'channel', id: channelId, reason: 'hateful' })).statusCode).toBe(
      204,
    );
    expect(await itemOn(channelId)).toMatchObject({
      kind: 'channel',
      content: { kind: 'channel', handle: owner.handle, accountId: owner.id },
    });
  });

  it('answers 404 for what does not exist or the reporter cannot see', async () => {
    const privateId = await publishStandInVideo(test.platform, owner, 'private');
    const attempts = [
      { kind: 'video', id: 'nosuchvideo', reason: 'spam' },
      { kind: 'video', id: privateId, reason: 'spam' },
      { kind: 'comment', id: randomUUID(), reason: 'spam' },
      { kind: 'comment', id: 'not-a-uuid', reason: 'spam' },
      { kind: 'channel', id: randomUUID(), reason: 'spam' },
      { kind: 'channel', id: videoId, reason: 'spam' },
    ];
    for (const attempt of attempts) {
      const response = await report(reporter, attempt);
      expect(response.statusCode, JSON.stringify(attempt)).toBe(404);
      expect(response.json().error.code).toMatch(/_not_found$/);
    }
    expect((await openItems(test.app, administrator.token)).map((item) => item.itemId)).not.toContain(
      privateId,
    );
  });

  it('refuses bad input with a JSON 400 and stores nothing', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    const attempts = [
      { kind: 'video', id, reason: 'boring' },
      { kind: 'playlist', id, reason: 'spam' },
      { kind: 'video', id, reason: 'spam', details: 'x'.repeat(1_001) },
      { kind: 'video', reason: 'spam' },
      { kind: 'video', id: '../../etc', reason: 'spam' },
    ];
    for (const attempt of attempts) {
      const response = await report(reporter, attempt);
      expect(response.statusCode, JSON.stringify(attempt)).toBe(400);
      expect(response.json().error.code).toBe('invalid_input');
    }
    expect(await itemOn(id)).toBeUndefined();
  });

  it('needs someone signed in', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: { kind: 'video', id: videoId, reason: 'spam' },
    });
    expect(response.statusCode).toBe(401);
  });
});
