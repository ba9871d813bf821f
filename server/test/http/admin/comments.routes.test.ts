// A moderator removes anyone's comment: gone from its thread list and its video's count, its open reports
// closed, its text kept in the audit log.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, promote, register } from '../../support/accounts.js';
import { auditLog, fileReport, openItems } from '../../support/moderation.js';
import { publishStandInVideo } from '../../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../../support/test-platform.js';

type Person = Awaited<ReturnType<typeof register>>;

let test: TestPlatform;
let administrator: Person;
let moderator: Person;
let author: Person;
let videoId: string;

beforeAll(async () => {
  test = await startTestPlatform();
  administrator = await register(test.app);
  moderator = await register(test.app);
  author = await register(test.app);
  await promote(test.platform, moderator, 'moderator');
  videoId = await publishStandInVideo(test.platform, administrator, 'public');
});
afterAll(() => test.close());

async function comment(body: string, parentId?: string): Promise<string> {
  const response = await test.app.inject({
    method: 'POST',
    url: `/api/v1/videos/${videoId}/comments`,
    headers: bearer(author.token),
    payload: { body, parentId },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

const remove = (id: string, query = '') =>
  test.app.inject({
    method: 'DELETE',
    url: `/api/v1/admin/comments/${id}${query}`,
    headers: bearer(moderator.token),
  });

async function threads(): Promise<{ id: string; deleted: boolean }[]> {
  return (await test.app.inject({ url: `/api/v1/videos/${videoId}/comments?limit=100` })).json().items;
}

const commentCount = async () =>
  (await test.app.inject({ url: `/api/v1/videos/${videoId}` })).json().commentCount;

describe('DELETE /api/v1/admin/comments/{id}', () => {
  it("removes another person's comment, closes its reports and keeps its text in the log", async () => {
    const id = await comment('You are all idiots');
    await fileReport(test.app, administrator.token, { kind: 'comment', id, reason: 'harassment' });
    const count = await commentCount();

    const response = await remove(id, '?reason=Insults');
    expect(response.statusCode, response.body).toBe(204);
    expect((await threads()).map((thread) => thread.id)).not.toContain(id);
    expect(await commentCount()).toBe(count - 1);
    expect((await openItems(test.app, moderator.token)).map((item) => item.itemId)).not.toContain(id);
    expect((await auditLog(test.app, administrator.token))[0]).toMatchObject({
      actor: { id: moderator.id },
      action: 'comment_removed',
      target: { kind: 'comment', id },
      reason: 'Insults',
      details: { body: 'You are all idiots' },
    });
    expect((await remove(id)).statusCode).toBe(404);
  });

  it('leaves a thread with replies as deleted, its replies kept', async () => {
    const thread = await comment('Thread');
    await comment('A reply', thread);
    expect((await remove(thread)).statusCode).toBe(204);
    expect((await threads()).find((listed) => listed.id === thread)).toMatchObject({ deleted: true });
    expect((await auditLog(test.app, administrator.token))[0]).toMatchObject({ reason: null });
  });

  it('answers 404 for an unknown comment and 400 for a malformed id, logging nothing', async () => {
    const logged = (await auditLog(test.app, administrator.token)).length;
    expect((await remove(randomUUID())).statusCode).toBe(404);
    const malformed = await remove('not-a-uuid');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('invalid_input');
    expect((await remove(randomUUID(), `?reason=${'x'.repeat(1_001)}`)).statusCode).toBe(400);
    expect(await auditLog(test.app, administrator.token)).toHaveLength(logged);
  });
});
