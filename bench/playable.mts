// npm run bench:playable — how soon an upload can be watched: a generated 1080p30 source of 60 s is
// uploaded through the API, and from the moment `complete` answers this prints the time until the video is
// playable (the first segments of every rung published) and until it is ready (the whole ladder), and
// their ratio. `--long` does the same for a 10-minute source as well (it takes a while). `--quick`: a 20 s
// source, the same table.
// Needs PostgreSQL (TEST_DATABASE_URL, as the tests) and ffmpeg.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../server/src/config.js';
import { locateFfmpeg } from '../server/src/media/ffmpeg-binaries.js';
import { buildPlatformApp } from '../server/src/platform/api-app.js';
import { openPlatform } from '../server/src/platform/platform.js';
import { buildJobHandlers } from '../server/src/worker/job-handlers.js';
import { startWorker } from '../server/src/worker/worker.js';
import { register } from '../server/test/support/accounts.js';
import { administer } from '../server/test/support/global-setup.js';
import { databaseUrl } from '../server/test/support/test-adapters.js';
import { uploadFile } from '../server/test/support/uploads.js';
import { benchDeadline } from './support/deadline.js';
import { cachedSource } from './support/sources.js';
import { watchUntilReady } from './support/time-to-ready.js';

const TARGET_SECONDS = 5;
const quick = process.argv.includes('--quick');
const long = process.argv.includes('--long');
const sources = [quick ? 20 : 60, ...(long ? [600] : [])];
const silent = pino({ level: 'silent' });
// A 60 s source is ready in a few minutes on two cores; a 10-minute one takes many more.
const run = benchDeadline('bench:playable', { quick: 15, full: long ? 120 : 30 });

const database = `vidstream_bench_playable_${randomBytes(4).toString('hex')}`;
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-bench-playable-'));
run.onStop(async () => {
  await administer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await rm(dataDir, { recursive: true, force: true });
});
run.stage('starting the app and a worker');
await administer(`CREATE DATABASE ${database}`);
const config = loadConfig({
  DATABASE_URL: databaseUrl(database),
  SESSION_SECRET: randomBytes(32).toString('hex'),
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
});
const platform = await openPlatform(config, silent, { ffmpeg: await locateFfmpeg({}) });
const app = await buildPlatformApp(platform);
await startWorker(platform.queue, buildJobHandlers(platform.services, silent), 1, silent);

try {
  const owner = await register(app);
  console.log('source            playable after   ready after   playable / ready   target');
  for (const seconds of sources) {
    run.stage(`${seconds} s source: making it`);
    const source = await cachedSource({ codec: 'h264', width: 1920, height: 1080, seconds });
    run.stage(`${seconds} s source: uploading it and waiting until it is ready`);
    const { video } = await uploadFile(app, owner.token, await readFile(source));
    const { playableSeconds: playable, readySeconds: ready } = await watchUntilReady(
      async () =>
        (
          await app.inject({
            url: `/api/v1/videos/${video.id}`,
            headers: { authorization: `Bearer ${owner.token}` },
          })
        ).json(),
      performance.now(),
    );
    console.log(
      `1080p30, ${String(seconds).padStart(3)} s`.padEnd(18),
      `${playable.toFixed(1)} s`.padStart(14),
      `${ready.toFixed(1)} s`.padStart(13),
      (playable / ready).toFixed(2).padStart(18),
      `  ≤ ${TARGET_SECONDS} s ${playable <= TARGET_SECONDS ? 'met' : 'NOT met'}`,
    );
  }
} finally {
  run.stage('closing the app and dropping its database');
  await app.close();
  await platform.close();
  await administer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await rm(dataDir, { recursive: true, force: true });
}
