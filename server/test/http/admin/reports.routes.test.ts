// The moderation queue: open reports gathered per item, most reported first, then the oldest, paged by
// cursor; dismissing an item closes its reports, and a new report on the same thing opens a new item.
import { setTimeout } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, promote, register } from '../../support/accounts.js';
import { auditLog, fileReport, openItems, type QueueItem } from '../../support/moderation.js';
import { publishStandInVideo } from '../../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../../support/test-platform.js';

type Person = Awaited<ReturnType<typeof register>>;

let test: TestPlatform;
let administrator: Person;
let moderator: Person;
let owner: Person;
let reporters: Person[];

beforeAll(async () => {
  test = await startTestPlatform();
  administrator = await register(test.app);
  moderator = await register(test.app);
  owner = await register(test.app);
  reporters = [await register(test.app), await register(test.app), await register(test.app)];
  await promote(test.platform, moderator, 'moderator');
});
afterAll(() => test.close());

/** Each of the first `count` reporters reports the video. */
async function reportVideo(id: string, count: number): Promise<void> {
  for (const reporter of reporters.slice(0, count)) {
    const response = await fileReport(test.app, reporter.token, { kind: 'video', id, reason: 'spam' });
    expect(response.statusCode, response.body).toBe(204);
  }
}

function dismiss(itemId: string, payload: object = { reason: 'Not spam' }) {
  return test.app.inject({
    method: 'POST',
    url: `/api/v1/admin/reports/${itemId}/dismiss`,
    headers: bearer(moderator.token),
    payload,
  });
}

const queue = () => openItems(test.app, moderator.token);

describe('GET /api/v1/admin/reports', () => {
  it('lists items by number of reports, then the oldest first, each once across pages', async () => {
    const [once, twice, thrice, onceLater] = [
      await publishStandInVideo(test.platform, owner, 'public'),
      await publishStandInVideo(test.platform, owner, 'public'),
      await publishStandInVideo(test.platform, owner, 'public'),
      await publishStandInVideo(test.platform, owner, 'public'),
    ];
    await reportVideo(once, 1);
    await reportVideo(twice, 2);
    await reportVideo(thrice, 3);
    // Strictly later than `once`, whatever the machine's speed: equal ages would be ordered by id.
    await setTimeout(2);
    await reportVideo(onceLater, 1);

    const expected = [thrice, twice, once, onceLater];
    expect((await queue()).map((item) => item.itemId)).toEqual(expected);

    const paged: QueueItem[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const response = await test.app.inject({
        url: `/api/v1/admin/reports?limit=1${query}`,
        headers: bearer(moderator.token),
      });
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json() as { items: QueueItem[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(1);
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged.map((item) => item.itemId)).toEqual(expected);
    expect(paged.map((item) => item.reportCount)).toEqual([3, 2, 1, 1]);
    expect(paged[0]).toMatchObject({
      kind: 'video',
      reasons: ['spam'],
      content: { kind: 'video', id: thrice, channelHandle: owner.handle, accountId: owner.id, hidden: false },
    });

    for (const item of paged) expect((await dismiss(item.id)).statusCode).toBe(204);
    expect(await queue()).toEqual([]);
  });

  it('shows a comment its author deleted since as gone, and still lets it be dismissed', async () => {
    const videoId = await publishStandInVideo(test.platform, owner, 'public');
    const posted = await test.app.inject({
      method: 'POST',
      url: `/api/v1/videos/${videoId}/comments`,
      headers: bearer(owner.token),
      payload: { body: 'Regrettable' },
    });
    const commentId = posted.json().id;
    const [reporter] = reporters as [Person];
    await fileReport(test.app, reporter.token, { kind: 'comment', id: commentId, reason: 'harassment' });
    await test.app.inject({
      method: 'DELETE',
      url: `/api/v1/comments/${commentId}`,
      headers: bearer(owner.token),
    });
    const [item] = await queue();
    expect(item).toMatchObject({ kind: 'comment', itemId: commentId, content: null });
    expect((await dismiss(item?.id as string)).statusCode).toBe(204);
  });
});

describe('POST /api/v1/admin/reports/{id}/dismiss', () => {
  it('closes the reports, logs it, and lets people report the same thing again afresh', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    await reportVideo(id, 2);
    const [item] = await queue();
    expect(item).toMatchObject({ itemId: id, reportCount: 2 });

    expect((await dismiss(item?.id as string, { reason: 'Satire, allowed' })).statusCode).toBe(204);
    expect(await queue()).toEqual([]);
    expect((await dismiss(item?.id as string)).statusCode).toBe(404);
    const [entry] = await auditLog(test.app, administrator.token);
    expect(entry).toMatchObject({
      actor: { id: moderator.id },
      action: 'dismissed',
      target: { kind: 'video', id },
      reason: 'Satire, allowed',
    });

    await reportVideo(id, 1);
    const [again] = await queue();
    expect(again).toMatchObject({ itemId: id, reportCount: 1 });
    expect(again?.id).not.toBe(item?.id);
    expect((await dismiss(again?.id as string, {})).statusCode).toBe(204);
    expect((await auditLog(test.app, administrator.token))[0]).toMatchObject({
      action: 'dismissed',
      reason: null,
    });
  });

  it('refuses bad input with a JSON 400 and closes nothing', async () => {
    const id = await publishStandInVideo(test.platform, owner, 'public');
    await reportVideo(id, 1);
    const [item] = await queue();
    for (const payload of [{ reason: '' }, { reason: 'x'.repeat(1_001) }, { reason: '  ' }]) {
      const response = await dismiss(item?.id as string, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('invalid_input');
    }
    const notAnId = await test.app.inject({
      method: 'POST',
      url: '/api/v1/admin/reports/not-an-id/dismiss',
      headers: bearer(moderator.token),
      payload: {},
    });
    expect(notAnId.statusCode).toBe(400);
    expect((await queue()).map((open) => open.id)).toEqual([item?.id]);
  });
});
