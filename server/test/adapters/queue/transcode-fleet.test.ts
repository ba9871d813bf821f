// The transcode fleet: workers announce their slots while they run, a stale or departed one is not
// counted, running transcode jobs take slots, and a split on a fleet with idle slots cuts shorter chunks.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { TranscodeFleet } from '../../../src/adapters/queue/transcode-fleet.js';
import { rawKey } from '../../../src/domain/video-files.js';
import { joinFleet } from '../../../src/worker/fleet-presence.js';
import { register } from '../../support/accounts.js';
import { eventually } from '../../support/eventually.js';
import { makeClip } from '../../support/media-clips.js';
import { startTestPlatform, type TestPlatform } from '../../support/test-platform.js';
import { startUpload } from '../../support/uploads.js';

let test: TestPlatform;
let fleet: TranscodeFleet;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-fleet-'));
  // No worker: the jobs stay where the test puts them. Chunks of 8 s, or down to 4 s for a large fleet.
  test = await startTestPlatform({
    CHUNKED_TRANSCODE_MIN_SECONDS: '10',
    TRANSCODE_CHUNK_SECONDS: '8',
    TRANSCODE_MIN_CHUNK_SECONDS: '4',
  });
  fleet = test.platform.repositories.fleet;
});
afterEach(async () => {
  await test.platform.database.db.deleteFrom('transcode_workers').execute();
});
afterAll(async () => {
  await test.close();
  await rm(dir, { recursive: true, force: true });
});

const db = () => test.platform.database.db;

it('counts the slots of the workers seen lately, less the transcode jobs running', async () => {
  await fleet.announce('first', 2);
  await fleet.announce('second', 1);
  expect(await fleet.idleSlots()).toBe(3);
  // Announced again with other slots: counted once, with the new ones.
  await fleet.announce('second', 4);
  expect(await fleet.idleSlots()).toBe(6);

  const jobId = await test.platform.queue.send('transcode-video', { videoId: 'runningvid1' });
  await sql`UPDATE pgboss.job SET state = 'active' WHERE id = ${jobId}`.execute(db());
  expect(await fleet.idleSlots()).toBe(5);
  await sql`UPDATE pgboss.job SET state = 'completed' WHERE id = ${jobId}`.execute(db());

  // A worker gone without leaving stops counting once it has missed three announcements.
  await db()
    .updateTable('transcode_workers')
    .set({ seen_at: sql<Date>`now() - interval '31 seconds'` })
    .where('id', '=', 'first')
    .execute();
  expect(await fleet.idleSlots()).toBe(4);
  await fleet.leave('second');
  expect(await fleet.idleSlots()).toBe(0);
});

it('forgets, at the next announcement, workers not seen for an hour', async () => {
  await fleet.announce('long-gone', 1);
  await db()
    .updateTable('transcode_workers')
    .set({ seen_at: sql<Date>`now() - interval '61 minutes'` })
    .execute();
  await fleet.announce('here', 1);
  const ids = await db().selectFrom('transcode_workers').select('id').execute();
  expect(ids.map((row) => row.id)).toEqual(['here']);
});

it('keeps a running worker counted, and takes it out when it stops', async () => {
  const presence = joinFleet(fleet, 3, pino({ level: 'silent' }), 100);
  await eventually(async () => (await fleet.idleSlots()) === 3, 5, 'the worker counted');
  // Kept counted past the time a row goes stale only by announcing again: its row keeps being renewed.
  const seen = async () =>
    (await db().selectFrom('transcode_workers').select('seen_at').executeTakeFirstOrThrow()).seen_at;
  const first = await seen();
  await eventually(async () => (await seen()) > first, 5, 'the worker announced again');
  await presence.leave();
  expect(await fleet.idleSlots()).toBe(0);
});

it('cuts a long upload into shorter chunks when idle workers wait for them', async () => {
  const owner = await register(test.app);
  const clip = await readFile(await makeClip(dir, 'long.mp4', { width: 320, height: 180, seconds: 30 }));
  const chunkJobsOfASplit = async () => {
    const plan = await startUpload(test.app, owner.token, clip.length);
    const id = plan.videoId;
    await test.platform.storage.putObject('raw', rawKey(id), clip, { contentType: 'video/mp4' });
    await db().updateTable('videos').set({ state: 'queued' }).where('id', '=', id).execute();
    const processing = test.platform.services.processing;
    if (!processing) throw new Error('the test platform transcodes');
    await processing.process(id, { isLast: false });
    const { rows } = await sql<{ count: number }>`
      SELECT count(*)::int AS count FROM pgboss.job
      WHERE name = 'transcode-video' AND data->>'videoId' = ${id} AND data->'part'->>'kind' = 'chunk'`.execute(
      db(),
    );
    return rows[0]?.count ?? 0;
  };
  // Alone: chunks of 8 s, the first encoded by the split itself and three queued.
  expect(await chunkJobsOfASplit()).toBe(3);
  // With seven workers idle besides it: eight workers share the 30 s, in chunks of one 4-s segment.
  await fleet.announce('elsewhere', 7);
  expect(await chunkJobsOfASplit()).toBeGreaterThanOrEqual(6);
}, 120_000);
