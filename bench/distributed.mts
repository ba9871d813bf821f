// npm run bench:distributed [-- --quick] — does a long video get ready sooner on more workers? Against a
// baseline in the same run: (a) one worker process pinned to one core (taskset -c 0), chunking off, makes
// the ladder of a 10-minute 1080p30 source in one pass; (b) two worker processes, one core each (-c 0 and
// -c 1), chunking on, the same source. Prints time to ready and (b)/(a), CPU seconds of the workers with
// their ffmpeg runs, time to playable, where (b)'s time goes (from pgboss.job rows), and a projection of
// (b)'s measured parts to 4, 16 and 64 workers for 10- and 60-minute sources. `--quick`: a 130 s source
// (just over the 120 s from which sources are chunked by default), the same table.
// The API runs as its own process at nice 19, on no fixed core; PostgreSQL, Redis and the S3 test server
// (in this process) share the workers' cores: the machine has two.
// Needs PostgreSQL and Redis (TEST_DATABASE_URL, TEST_REDIS_URL, as the tests), ffmpeg, taskset and
// `npm run build`.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { loadConfig } from '../server/src/config.js';
import { DEFAULT_POLICY } from '../server/src/media/transcode-policy.js';
import { freePort } from '../server/test/support/free-port.js';
import { type ModeContext, runMode } from './distributed/mode-run.js';
import { measuredRun } from './distributed/projection.js';
import {
  mb,
  printComparison,
  printMode,
  printParts,
  printPlayableSteps,
  printProjection,
} from './distributed/report.js';
import { StoredOutput } from './distributed/stored-output.js';
import { ApiClient } from './support/api-client.js';
import { openBackends } from './support/backends.js';
import { benchDeadline } from './support/deadline.js';
import { type VidStreamProcess, vidstreamProcess } from './support/processes.js';
import { cachedSource, describeSource, type SourceSpec } from './support/sources.js';

const quick = process.argv.includes('--quick');
const SOURCE: SourceSpec = { codec: 'h264', width: 1920, height: 1080, seconds: quick ? 130 : 600 };
/** No source is this long: every video is one pass. */
const CHUNKING_OFF = { CHUNKED_TRANSCODE_MIN_SECONDS: '86400' };

// About 40 minutes on two shared cores, and 12 with --quick.
const run = benchDeadline('bench:distributed', { quick: 15, full: 90 });
run.stage(`making the source: ${describeSource(SOURCE)}`);
const upload = await readFile(await cachedSource(SOURCE));
run.stage('starting the backends and the API');
const backends = await openBackends('distributed');
run.onStop(() => backends.close());
const env = backends.environment();
const started: VidStreamProcess[] = [];
const loadAverage = () =>
  os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(' ');

try {
  const api = vidstreamProcess('api', 'api', await freePort(), env, backends.work, ['nice', '-n', '19']);
  started.push(api);
  await api.start();
  const client = new ApiClient([`http://127.0.0.1:${api.port}`]);
  const token = await client.signUp();
  const context: ModeContext = { backends, env, client, token, upload, started, stage: run.stage };
  console.log(`bench:distributed${quick ? ' --quick' : ''}: ${describeSource(SOURCE)}, ${mb(upload.length)}`);
  console.log(
    `${os.cpus().length} cores; load average at the start ${loadAverage()} (a shared machine: noisy)`,
  );
  console.log('API: its own process at nice 19 on no fixed core; S3 test server in this script, unpinned\n');

  console.log('(a) one worker on core 0 (taskset -c 0), chunking off…');
  const a = await runMode(context, 'a', [0], CHUNKING_OFF);
  printMode(a);
  console.log('(b) two workers on cores 0 and 1 (taskset -c 0, -c 1), chunking on…');
  const b = await runMode(context, 'b', [0, 1], {});
  printMode(b);
  console.log(`load average at the end ${loadAverage()}`);

  run.stage("reading what was stored and (b)'s parts");
  const output = new StoredOutput(backends.s3);
  const stored = { a: await output.bytes(a.videoId), b: await output.bytes(b.videoId) };
  printComparison(a, b, stored);
  printPlayableSteps('(a)', a);
  printPlayableSteps('(b)', b, true);
  const source = { seconds: SOURCE.seconds, grid: DEFAULT_POLICY };
  const stitchSeconds = await output.playlistWriteSeconds(b.videoId);
  const chunking = loadConfig({}).chunking;
  const measured = measuredRun(b.jobs.completed, source, chunking, stitchSeconds, b.workers);
  printParts(b, measured, stored.b, upload.length);
  printProjection(measured, a, b);
} finally {
  run.stage('stopping the processes and the backends');
  await Promise.all(started.map((child) => child.stop()));
  await backends.close();
}
