#!/usr/bin/env node
// `vidstream [all|api|worker|live|migrate]`: reads the configuration, opens the platform and starts the
// requested roles. `all` (the default) runs the API, the worker and the live ingest in one process. `vidstream admin …`
// changes an account's role and exits (platform/admin-command.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config.js';
import { DomainError } from './domain/errors.js';
import { startRtmpIngest } from './ingest/rtmp-ingest.js';
import { FfmpegMissing, locateFfmpeg } from './media/ffmpeg-binaries.js';
import { AdminUsageError, parseAdminCommand, runAdminCommand } from './platform/admin-command.js';
import { buildPlatformApp } from './platform/api-app.js';
import { createLogger } from './platform/logger.js';
import { buildOpsApp } from './platform/ops-app.js';
import { openPlatform } from './platform/platform.js';
import { startQueueDepthMetric } from './platform/queue-depth-metric.js';
import { joinFleet } from './worker/fleet-presence.js';
import { buildGivenUpHandlers, buildJobHandlers } from './worker/job-handlers.js';
import { startWorker } from './worker/worker.js';

const ROLES = ['all', 'api', 'worker', 'live', 'migrate', 'healthcheck', 'admin'] as const;
type Role = (typeof ROLES)[number];

const CLIENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist');

async function main(role: Role): Promise<void> {
  const config = loadConfig(process.env);
  if (role === 'healthcheck') return healthcheck(config.port, process.argv.includes('--ready'));
  const grant = role === 'admin' ? parseAdminCommand(process.argv.slice(3)) : undefined;
  const logger = createLogger({ level: config.logLevel, format: config.logFormat, role });
  const runsApi = role === 'all' || role === 'api';
  const runsWorker = role === 'all' || role === 'worker';
  const runsLive = role === 'all' || role === 'live';

  const ffmpeg = runsWorker || runsLive ? await locateFfmpeg(config) : undefined;
  if (ffmpeg)
    logger.info({ ffmpeg: ffmpeg.ffmpeg, ffprobe: ffmpeg.ffprobe, version: ffmpeg.version }, 'using ffmpeg');
  const platform = await openPlatform(config, logger, { ffmpeg });
  logger.info(
    { database: config.database.kind, cache: config.cache.kind, storage: config.storage.kind },
    'platform opened',
  );
  if (role === 'migrate') return platform.close();
  if (grant) {
    try {
      console.log(await runAdminCommand(grant, platform.services.roles));
    } finally {
      await platform.close();
    }
    return;
  }

  const app = runsApi ? await buildPlatformApp(platform, CLIENT_DIR) : await buildOpsApp(platform);
  if (runsWorker)
    await startWorker(
      platform.queue,
      buildJobHandlers(platform.services, logger),
      config.workerConcurrency,
      logger,
      buildGivenUpHandlers(platform.services),
    );
  const fleetPresence = runsWorker
    ? joinFleet(platform.repositories.fleet, config.workerConcurrency, logger)
    : undefined;

  const { intervalSeconds, namespace } = config.queueDepthMetric;
  const stopQueueDepthMetric =
    intervalSeconds > 0
      ? startQueueDepthMetric(() => platform.queue.outstanding(), logger, {
          namespace,
          intervalMs: intervalSeconds * 1000,
        })
      : undefined;

  const ingest =
    runsLive && platform.services.live
      ? await startRtmpIngest(
          platform.services.live,
          { port: config.live.rtmpPort, host: config.host },
          logger,
        )
      : undefined;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stopQueueDepthMetric?.();
    await fleetPresence?.leave();
    await ingest?.close();
    await app.close();
    await platform.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // A plain line for people, whatever the log format.
  if (runsApi) {
    console.log(
      `VidStream is running: open ${config.port === port ? config.publicUrl : `http://localhost:${port}`}`,
    );
  } else {
    console.log(`VidStream ${role} is running: health and metrics on port ${port}`);
  }
  if (ingest) console.log(`Live ingest: publish RTMP to ${config.live.ingestBaseUrl}/{stream key}`);
}

/**
 * `vidstream healthcheck`: exits 0 when the process serving PORT on this machine is alive (`/healthz`),
 * 1 otherwise; with `--ready`, only when its dependencies answer too (`/readyz`). A container's
 * HEALTHCHECK runs the first, so the image needs no curl: an orchestrator replaces a container that
 * fails it, and a database outage must not make it replace them all (readiness is the load balancer's).
 */
async function healthcheck(port: number, ready: boolean): Promise<void> {
  const route = ready ? '/readyz' : '/healthz';
  const answer = await fetch(`http://127.0.0.1:${port}${route}`, {
    signal: AbortSignal.timeout(5_000),
  }).catch((error: unknown) => error as Error);
  if (answer instanceof Response && answer.status === 200) return;
  console.error(
    `${ready ? 'not ready' : 'not alive'}: ${answer instanceof Response ? `${route} answered ${answer.status}` : answer.message}`,
  );
  process.exitCode = 1;
}

const role = (process.argv[2] ?? 'all') as Role;
if (!ROLES.includes(role)) {
  console.error(`Unknown command "${role}". Usage: vidstream [${ROLES.join('|')}]`);
  process.exit(2);
}
main(role).catch((error: unknown) => {
  if (error instanceof AdminUsageError) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof ConfigError || error instanceof FfmpegMissing || error instanceof DomainError) {
    console.error(error.message);
  } else {
    console.error('VidStream failed to start:', error);
  }
  process.exit(1);
});
