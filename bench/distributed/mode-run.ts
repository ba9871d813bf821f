// One mode of bench:distributed: worker processes pinned to the given cores transcode one upload made
// through the API; what it took is read from the API, /proc and the jobs' rows.
import { freePort } from '../../server/test/support/free-port.js';
import type { ApiClient } from '../support/api-client.js';
import type { Backends } from '../support/backends.js';
import { loggedProblems } from '../support/logged-problems.js';
import { type VidStreamProcess, vidstreamProcess } from '../support/processes.js';
import { type Readiness, watchUntilReady } from '../support/time-to-ready.js';
import { machineBusySeconds, processCpuSeconds } from './cpu-accounting.js';
import { type VideoJobs, videoJobs, waitUntilJobsSettle } from './job-timings.js';

export interface ModeRun {
  videoId: string;
  workers: number;
  uploadSeconds: number;
  /** When `complete` answered, epoch milliseconds. */
  completedAt: number;
  readiness: Readiness;
  /** The workers' CPU seconds, their ffmpeg runs included, from `complete` until their last job ended. */
  cpuSeconds: number;
  /** Seconds from `complete` until the last job ended, and what the whole machine did meanwhile. */
  wallSeconds: number;
  machineBusySeconds: number;
  jobs: VideoJobs;
  /** Warnings and errors the workers logged. */
  problems: string[];
}

export interface ModeContext {
  backends: Backends;
  env: Record<string, string>;
  client: ApiClient;
  token: string;
  upload: Buffer;
  /** Every process started, so that whatever ends the run can end them too. */
  started: VidStreamProcess[];
  /** Names what the run does now (deadline.ts). */
  stage(name: string): void;
}

export async function runMode(
  context: ModeContext,
  label: string,
  cores: number[],
  settings: Record<string, string>,
): Promise<ModeRun> {
  const { backends, client, token } = context;
  context.stage(`(${label}): starting ${cores.length} worker(s)`);
  const workers: VidStreamProcess[] = [];
  for (const core of cores) {
    const env = { ...context.env, ...settings, LOG_LEVEL: 'warn' };
    const pinned = ['taskset', '-c', String(core)];
    workers.push(
      vidstreamProcess(
        `${label}-worker-core-${core}`,
        'worker',
        await freePort(),
        env,
        backends.work,
        pinned,
      ),
    );
  }
  context.started.push(...workers);
  await Promise.all(workers.map((worker) => worker.start()));
  const pids = workers.map((worker) => worker.pid() as number);

  context.stage(`(${label}): uploading`);
  const uploadStarted = performance.now();
  const videoId = await client.upload(token, context.upload);
  if (!videoId) throw new Error('the upload was refused');
  const completed = performance.now();
  const completedAt = Date.now();
  const cpuBefore = await Promise.all(pids.map(processCpuSeconds));
  const busyBefore = await machineBusySeconds();
  context.stage(`(${label}): waiting until the video is ready`);
  const readiness = await watchUntilReady(() => client.video(token, videoId), completed);
  context.stage(`(${label}): waiting for the video's last jobs`);
  await waitUntilJobsSettle(backends.databaseUrl, videoId);
  const cpuAfter = await Promise.all(pids.map(processCpuSeconds));
  const machineBusy = (await machineBusySeconds()) - busyBefore;
  const wallSeconds = (performance.now() - completed) / 1000;
  context.stage(`(${label}): stopping the workers, reading their jobs and logs`);
  await Promise.all(workers.map((worker) => worker.stop()));

  const jobs = await videoJobs(backends.databaseUrl, videoId, cores.length);
  const problems = [];
  for (const worker of workers)
    problems.push(...(await loggedProblems(worker.logFile, (id) => jobs.names.get(id))));
  return {
    videoId,
    workers: cores.length,
    uploadSeconds: (completed - uploadStarted) / 1000,
    completedAt,
    readiness,
    cpuSeconds: sum(cpuAfter) - sum(cpuBefore),
    wallSeconds,
    machineBusySeconds: machineBusy,
    jobs,
    problems,
  };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
