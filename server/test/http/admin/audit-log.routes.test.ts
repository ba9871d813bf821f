// The audit log: every moderation action, newest first, paged; written in the action's own transaction, so
// an action whose entry cannot be written does not happen.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, promote, register } from '../../support/accounts.js';
import { type AuditEntry, auditLog, fileReport, openItems } from '../../support/moderation.js';
import { publishStandInVideo } from '../../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../../support/test-platform.js';

type Person = Awaited<ReturnType<typeof register>>;

let test: TestPlatform;
let administrator: Person;
let moderator: Person;
let member: Person;

beforeAll(async () => {
  test = await startTestPlatform();
  administrator = await register(test.app);
  moderator = await register(test.app);
  member = await register(test.app);
});
afterAll(() => test.close());

function act(person: Person, method: 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) {
  return test.app.inject({ method, url: `/api/v1/admin${url}`, headers: bearer(person.token), payload });
}

describe('GET /api/v1/admin/audit-log', () => {
  it('holds every kind of action, newest first, each once across pages', async () => {
    await promote(test.platform, moderator, 'moderator');
    const videoId = await publishStandInVideo(test.platform, member, 'public');
    const posted = await test.app.inject({
      method: 'POST',
      url: `/api/v1/videos/${videoId}/comments`,
      headers: bearer(member.token),
      payload: { body: 'Spam spam spam' },
    });
    const commentId = posted.json().id;
    await fileReport(test.app, administrator.token, { kind: 'comment', id: commentId, reason: 'spam' });
    await fileReport(test.app, administrator.token, { kind: 'video', id: videoId, reason: 'other' });
    expect(await openItems(test.app, moderator.token)).toHaveLength(2);

    const actions = [
      await act(administrator, 'PUT', `/accounts/${member.id}/role`, { role: 'moderator', reason: 'Asked' }),
      await act(administrator, 'PUT', `/accounts/${member.id}/role`, {
        role: 'member',
        reason: 'Stepped down',
      }),
      await act(moderator, 'PUT', `/videos/${videoId}/moderation`, { state: 'hidden', reason: 'Reported' }),
      await act(moderator, 'PUT', `/videos/${videoId}/moderation`, { state: 'visible', reason: 'Fine' }),
      await act(moderator, 'DELETE', `/comments/${commentId}?reason=Spam`),
    ];
    expect(actions.map((response) => response.statusCode)).toEqual([204, 204, 204, 204, 204]);
    // Hiding the video and removing the comment closed their reports.
    expect(await openItems(test.app, moderator.token)).toEqual([]);
    const reported = await fileReport(test.app, administrator.token, {
      kind: 'video',
      id: videoId,
      reason: 'spam',
    });
    expect(reported.statusCode).toBe(204);
    const [open] = await openItems(test.app, moderator.token);
    expect(
      (await act(moderator, 'POST', `/reports/${open?.id}/dismiss`, { reason: 'Done' })).statusCode,
    ).toBe(204);

    const paged: AuditEntry[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const response = await test.app.inject({
        url: `/api/v1/admin/audit-log?limit=2${query}`,
        headers: bearer(administrator.token),
      });
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json() as { items: AuditEntry[]; nextCursor: string | null };
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);

    expect(
      paged.map((entry) => [entry.action, entry.actor?.handle ?? null, entry.target.id, entry.reason]),
    ).toEqual([
      ['dismissed', moderator.handle, videoId, 'Done'],
      ['comment_removed', moderator.handle, commentId, 'Spam'],
      ['video_shown', moderator.handle, videoId, 'Fine'],
      ['video_hidden', moderator.handle, videoId, 'Reported'],
      ['role_changed', administrator.handle, member.id, 'Stepped down'],
      ['role_changed', administrator.handle, member.id, 'Asked'],
      ['role_changed', null, moderator.id, 'granted on the command line'],
    ]);
    const times = paged.map((entry) => Date.parse(entry.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('refuses a cursor whose id is not one of its own with 400, not a database error', async () => {
    const crafted = Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', 'abcdefghijk'])).toString(
      'base64url',
    );
    const response = await test.app.inject({
      url: `/api/v1/admin/audit-log?cursor=${crafted}`,
      headers: bearer(administrator.token),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid_input', field: 'cursor' });
  });

  it('has no entry for an action that could not be written to it, and the action did not happen', async () => {
    const videoId = await publishStandInVideo(test.platform, member, 'public');
    const { db } = test.platform.database;
    await sql`ALTER TABLE audit_log ADD CONSTRAINT refuse_test CHECK (reason <> 'refused by the log')`.execute(
      db,
    );
    try {
      const refused = await act(moderator, 'PUT', `/videos/${videoId}/moderation`, {
        state: 'hidden',
        reason: 'refused by the log',
      });
      expect(refused.statusCode).toBe(500);
    } finally {
      await sql`ALTER TABLE audit_log DROP CONSTRAINT refuse_test`.execute(db);
    }
    const page = await test.app.inject({ url: `/api/v1/videos/${videoId}` });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ hidden: false });
    expect((await auditLog(test.app, administrator.token)).map((entry) => entry.target.id)).not.toContain(
      videoId,
    );
  });
});
