// The background jobs for administrators: counts per job name, the failed jobs newest first, and a retry
// of one (a video's failed transcode takes the video back to the queue with it), in the audit log.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, promote, register } from '../../support/accounts.js';
import { eventually } from '../../support/eventually.js';
import { auditLog } from '../../support/moderation.js';
import { startTestPlatform, type TestPlatform } from '../../support/test-platform.js';
import { uploadFile } from '../../support/uploads.js';

type Person = Awaited<ReturnType<typeof register>>;

interface FailedJob {
  id: string;
  name: string;
  videoId: string | null;
  error: string | null;
  failedAt: string;
  attempts: number;
}

let test: TestPlatform;
let administrator: Person;

beforeAll(async () => {
  test = await startTestPlatform();
  administrator = await register(test.app);
  // A worker whose every notification fails, through pg-boss's own failure path.
  await test.platform.queue.work('notify-subscribers', 1, async () => {
    throw new Error('the mail relay refused the message');
  });
});
afterAll(() => test.close());

const db = () => test.platform.database.db;

async function stateOf(jobId: string): Promise<string | undefined> {
  const { rows } = await sql<{ state: string }>`SELECT state FROM pgboss.job WHERE id = ${jobId}`.execute(
    db(),
  );
  return rows[0]?.state;
}

/** A notification job allowed one attempt, failed by the worker above. */
async function failedNotification(): Promise<string> {
  const id = await test.platform.queue.send('notify-subscribers', {
    videoId: `v${randomUUID().slice(0, 8)}`,
  });
  await sql`UPDATE pgboss.job SET retry_limit = 0 WHERE id = ${id}`.execute(db());
  await eventually(async () => (await stateOf(id)) === 'failed', 20, 'the notification failed');
  return id;
}

/** Ends a job as pg-boss does after its last attempt, with this error. */
async function failForGood(jobId: string, message: string): Promise<void> {
  await sql`UPDATE pgboss.job SET state = 'failed', completed_on = now(), retry_count = retry_limit,
    output = jsonb_build_object('message', ${message}::text) WHERE id = ${jobId}`.execute(db());
}

async function counts(token = administrator.token) {
  const response = await test.app.inject({ url: '/api/v1/admin/jobs', headers: bearer(token) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().queues as { name: string; waiting: number; active: number; failed: number }[];
}

async function failedJobs(query = ''): Promise<{ items: FailedJob[]; nextCursor: string | null }> {
  const response = await test.app.inject({
    url: `/api/v1/admin/jobs/failed${query}`,
    headers: bearer(administrator.token),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

function retry(jobId: string, token = administrator.token) {
  return test.app.inject({
    method: 'POST',
    url: `/api/v1/admin/jobs/${jobId}/retry`,
    headers: bearer(token),
    payload: { reason: 'Relay fixed' },
  });
}

/** A video whose transcode failed for good: uploaded, queued with its job, then both failed. */
async function failedTranscode(owner: Person): Promise<{ videoId: string; jobId: string }> {
  const { video } = await uploadFile(test.app, owner.token, Buffer.alloc(2_000, 3));
  const { rows } = await sql<{ id: string }>`SELECT id FROM pgboss.job
    WHERE name = 'transcode-video' AND data->>'videoId' = ${video.id}`.execute(db());
  const jobId = rows[0]?.id as string;
  await failForGood(jobId, 'ffmpeg exited with code 1');
  await test.platform.repositories.videoStates.markFailed(video.id, 'Processing failed');
  return { videoId: video.id, jobId };
}

describe('jobs administration', () => {
  it('counts the jobs of every name that wait and failed', async () => {
    const before = await counts();
    expect(before.map((queue) => queue.name)).toContain('transcode-video');
    await failedNotification();
    const after = await counts();
    const notify = (list: typeof before) => list.find((queue) => queue.name === 'notify-subscribers');
    expect(notify(after)?.failed).toBe((notify(before)?.failed ?? 0) + 1);

    const { jobId } = await failedTranscode(administrator);
    const transcodes = (await counts()).find((queue) => queue.name === 'transcode-video');
    expect(transcodes?.failed).toBeGreaterThanOrEqual(1);
    await retry(jobId);
    expect(
      (await counts()).find((queue) => queue.name === 'transcode-video')?.waiting,
    ).toBeGreaterThanOrEqual(1);
  });

  it('lists failed jobs newest first, with their error, video and attempts, page by page', async () => {
    const older = await failedNotification();
    const owner = await register(test.app);
    const { videoId, jobId } = await failedTranscode(owner);
    const first = await failedJobs('?limit=1');
    expect(first.items).toEqual([
      {
        id: jobId,
        name: 'transcode-video',
        videoId,
        error: 'ffmpeg exited with code 1',
        failedAt: expect.any(String),
        attempts: 4,
      },
    ]);
    expect(first.nextCursor).not.toBeNull();
    const second = await failedJobs(`?limit=1&cursor=${first.nextCursor}`);
    expect(second.items[0]).toMatchObject({
      id: older,
      name: 'notify-subscribers',
      error: 'the mail relay refused the message',
      attempts: 1,
    });
    const crafted = await test.app.inject({
      url: '/api/v1/admin/jobs/failed?cursor=nonsense',
      headers: bearer(administrator.token),
    });
    expect(crafted.statusCode).toBe(400);
  });

  it('retries a failed job, which runs again, and logs it', async () => {
    const jobId = await failedNotification();
    const response = await retry(jobId);
    expect(response.statusCode, response.body).toBe(204);
    // The worker takes it again and it fails again: a second attempt, counted.
    await eventually(
      async () =>
        (await failedJobs('?limit=100')).items.some((job) => job.id === jobId && job.attempts === 2),
      20,
      'the retried notification ran again',
    );
    const [entry] = await auditLog(test.app, administrator.token);
    expect(entry).toMatchObject({
      actor: { id: administrator.id },
      action: 'job_retried',
      target: { kind: 'job', id: jobId },
      reason: 'Relay fixed',
      details: { job: 'notify-subscribers' },
    });
  });

  it('takes a video whose transcode failed back to the queue with its job', async () => {
    const owner = await register(test.app);
    const { videoId, jobId } = await failedTranscode(owner);
    expect((await retry(jobId)).statusCode).toBe(204);
    expect(await stateOf(jobId)).toBe('retry');
    const video = await test.app.inject({ url: `/api/v1/videos/${videoId}`, headers: bearer(owner.token) });
    expect(video.json()).toMatchObject({ state: 'queued' });
    expect((await failedJobs('?limit=100')).items.map((job) => job.id)).not.toContain(jobId);
  });

  it('refuses to retry one part of a chunked transcode', async () => {
    const owner = await register(test.app);
    const { videoId } = await failedTranscode(owner);
    const part = await test.platform.queue.send('transcode-video', { videoId, part: { kind: 'audio' } });
    await failForGood(part, 'audio encoder failed');
    const refused = await retry(part);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('part_of_chunked_transcode');
    expect(await stateOf(part)).toBe('failed');
  });

  it('answers 404 for a job that is not failed, and 400 for a malformed id', async () => {
    const waiting = await test.platform.queue.sendLater('notify-subscribers', { videoId: 'vwaiting1' }, 3600);
    for (const id of [waiting, randomUUID()]) {
      const response = await retry(id);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('job_not_failed');
    }
    expect(await stateOf(waiting)).toBe('created');
    expect((await retry('not-a-job')).statusCode).toBe(400);
  });

  it('refuses moderators and members, and nobody', async () => {
    const jobId = await failedNotification();
    const [moderator, member] = await Promise.all([register(test.app), register(test.app)]);
    await promote(test.platform, moderator, 'moderator');
    for (const person of [moderator, member]) {
      for (const url of ['/api/v1/admin/jobs', '/api/v1/admin/jobs/failed'])
        expect((await test.app.inject({ url, headers: bearer(person.token) })).statusCode).toBe(403);
      expect((await retry(jobId, person.token)).statusCode).toBe(403);
    }
    expect((await test.app.inject({ url: '/api/v1/admin/jobs' })).statusCode).toBe(401);
    expect(await stateOf(jobId)).toBe('failed');
  });
});
