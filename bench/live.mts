// npm run bench:live [-- --quick] — live streaming, measured end to end:
// - whether one core keeps the live ladder in real time (the live role's ffmpeg command under taskset);
// - glass-to-glass latency: an encoder publishes a picture that says when it was captured, Chromium plays
//   it in the watch page and reads, at each frame shown, how long ago it was captured;
// - fan-out: 1 000 viewers poll the live variant playlist through /media; answer times, and how often
//   storage was read for it;
// - chat: 200 followers over two API processes while 20 messages a second are posted through both.
// Two built server processes (`all`, taking the publish, and `api`) on a database of their own, the test
// Redis and an S3 test server behind a relay that counts storage requests.
// Needs `npm run build`, PostgreSQL, Redis, ffmpeg, `taskset` and Debian's Chromium (/usr/bin/chromium).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openBrowser } from '../e2e/support/browser.js';
import { STRIP_SHARE } from '../e2e/support/frame-numbers.js';
import type { LiveSource } from '../server/src/domain/live-source.js';
import { freePort } from '../server/test/support/free-port.js';
import { measureChat } from './live/chat-delivery.js';
import { CLOCK_BITS, type ClockPublisher, publishClock } from './live/clock-publisher.js';
import { startCountingProxy } from './live/counting-proxy.js';
import { liveEncodeSpeed, recordPublish } from './live/encode-speed.js';
import { pollAsViewers } from './live/fan-out.js';
import { describeVideo, glassToGlass, installGlassProbe, type ShownFrame } from './live/glass-probe.js';
import { vidStreamPlayer } from './qoe/players.js';
import { ApiClient } from './support/api-client.js';
import { openBackends } from './support/backends.js';
import { benchDeadline } from './support/deadline.js';
import { vidstreamProcess } from './support/processes.js';

const quick = process.argv.includes('--quick');
const ENCODE_SECONDS = quick ? 20 : 60;
const GLASS_SECONDS = quick ? 40 : 120;
const FAN_OUT = { viewers: 1_000, seconds: quick ? 20 : 60, reloadMs: 1_000, inFlight: 100 };
const CHAT = { followers: 200, messagesPerSecond: 20, seconds: quick ? 15 : 60, writers: 60 };
/** The player's first seconds are its start (it may catch up to its place behind the live edge). */
const SETTLE_SECONDS = 5;
const TARGETS = { medianMs: 4_000, p95Ms: 6_000 };
const LIVE_SETTINGS = path.resolve(import.meta.dirname, '../client/src/player/liveSettings.ts');
// About 4 minutes on two shared cores with --quick, 7 without.
const run = benchDeadline('bench:live', { quick: 10, full: 30 });

const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function measureEncodeSpeed(workDir: string): Promise<void> {
  console.log(
    `Live ladder on one core (taskset -c 0), ${ENCODE_SECONDS} s of stream read as fast as it goes:`,
  );
  const publishes: LiveSource[] = [
    { videoCodec: 'h264', width: 1280, height: 720, frameRate: 30, hasAudio: true },
    { videoCodec: 'h264', width: 1920, height: 1080, frameRate: 30, hasAudio: true },
  ];
  for (const source of publishes) {
    run.stage(`encode speed: a ${source.height}p30 publish`);
    const file = path.join(workDir, `publish-${source.height}p.flv`);
    await recordPublish(source, ENCODE_SECONDS, file);
    const { rungs, speed } = await liveEncodeSpeed(source, file, workDir);
    console.log(
      `  ${source.height}p30 H.264 publish (${rungs.join(', ')}):`.padEnd(64),
      `speed ${speed.toFixed(2)}×  keeps real time (≥ 1.0×): ${speed >= 1 ? 'yes' : 'NO'}`,
    );
  }
}

async function playerSettings(): Promise<string> {
  if (!existsSync(LIVE_SETTINGS))
    return 'hls.js defaults but startPosition (client/src/player/liveSettings.ts is not there yet)';
  const settings = (await import(LIVE_SETTINGS)) as Record<string, unknown>;
  return `client/src/player/liveSettings.ts: ${JSON.stringify(settings)}`;
}

async function measureGlassToGlass(baseUrl: string, videoId: string, clock: ClockPublisher): Promise<void> {
  run.stage('glass-to-glass: Chromium plays the stream in the watch page');
  const person = await openBrowser(baseUrl);
  try {
    const { page } = person;
    await page.addInitScript(installGlassProbe, { bits: CLOCK_BITS, stripShare: STRIP_SHARE });
    const player = vidStreamPlayer(videoId);
    await player.open(page);
    await player.play(page);
    await sleep(GLASS_SECONDS * 1000);
    const shown = await page.evaluate(() => (window as unknown as { glass: ShownFrame[] }).glass);
    if (shown.length === 0) {
      const errors = person.consoleErrors.map((problem) => problem.text).join('; ') || 'none';
      console.log(
        `\nGlass-to-glass latency: NOT measured, the watch page showed no frame (${await page.evaluate(describeVideo)}; console errors: ${errors})`,
      );
      return;
    }
    const settled = shown.filter(
      (sample) => sample.shownAt >= (shown[0]?.shownAt ?? 0) + SETTLE_SECONDS * 1000,
    );
    const latency = glassToGlass(settled, clock.capturedAt);
    console.log(`\nGlass-to-glass latency, VidStream's watch page, ${GLASS_SECONDS} s of play:`);
    console.log(`  player settings: ${await playerSettings()}`);
    console.log(
      `  ${latency.frames} frames shown after the first ${SETTLE_SECONDS} s (${latency.misread} misread), heights ${latency.heights.join(', ')}`,
    );
    console.log(
      `  median ${seconds(latency.medianMs)} (target ≤ ${seconds(TARGETS.medianMs)} ${verdict(latency.medianMs <= TARGETS.medianMs)})`,
      `  p95 ${seconds(latency.p95Ms)} (target ≤ ${seconds(TARGETS.p95Ms)} ${verdict(latency.p95Ms <= TARGETS.p95Ms)})`,
      `  min ${seconds(latency.minMs)}, max ${seconds(latency.maxMs)}`,
    );
    console.log(
      `  the encoder's pace: ${clock.paceDriftMs().toFixed(0)} ms behind real time after ${clock.reportedSeconds().toFixed(0)} s (its capture times are start + n / 30 s)`,
    );
  } finally {
    await person.close();
  }
}

const workDir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-bench-live-'));
run.onStop(() => rm(workDir, { recursive: true, force: true }));
console.log(`bench:live${quick ? ' --quick' : ''}\n`);
await measureEncodeSpeed(workDir);

run.stage('starting two server processes on PostgreSQL, Redis and S3');
const backends = await openBackends('bench_live');
run.onStop(() => backends.close());
const storage = await startCountingProxy(backends.s3.endpoint);
const [allPort, apiPort, rtmpPort] = [await freePort(), await freePort(), await freePort()];
const settings = {
  ...backends.environment((url, backend) => (backend === 'storage' ? storage.url : url)),
  LIVE_RTMP_PORT: String(rtmpPort),
  // Every person of this run comes from one address: its sign-ups and its 200 chat streams (an anonymous
  // follower counts as the account "its address" too).
  LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
  CHAT_STREAMS_PER_ADDRESS: '1000',
  CHAT_STREAMS_PER_ACCOUNT: '1000',
};
const bases = [`http://127.0.0.1:${allPort}`, `http://127.0.0.1:${apiPort}`] as const;
const processes = [
  vidstreamProcess('all', 'all', allPort, { ...settings, PUBLIC_URL: bases[0] }, backends.work),
  vidstreamProcess('api', 'api', apiPort, { ...settings, PUBLIC_URL: bases[1] }, backends.work),
];
// One after the other: the first applies the migrations.
for (const server of processes) await server.start();

let clock: ClockPublisher | undefined;
try {
  run.stage('going live: a stream key, the encoder, the first segments');
  const client = new ApiClient([bases[0]]);
  const owner = await client.signUp();
  const made = await client.call('POST', '/api/v1/me/stream-keys', owner, { name: 'bench:live' });
  const { ingestUrl } = (await made.json()) as { ingestUrl: string };
  clock = publishClock(ingestUrl);
  const videoId = await liveVideoOf(client, owner);
  const { hlsUrl } = (await (await client.call('GET', `/api/v1/videos/${videoId}`)).json()) as {
    hlsUrl: string;
  };

  const storageKey = `${videoId}/720p/playlist.m3u8`;
  const quietWrites = storage.count('PUT', storageKey);
  const quietSince = performance.now();
  await measureGlassToGlass(bases[0], videoId, clock);
  // How often the playlist is published with one viewer, to hold the fan-out's figure against.
  const quietRate =
    (storage.count('PUT', storageKey) - quietWrites) / ((performance.now() - quietSince) / 1000);

  run.stage(`fan-out: ${FAN_OUT.viewers} viewers polling the live playlist`);
  const playlistPath = new URL('720p/playlist.m3u8', hlsUrl).pathname;
  // Each /media answer asks storage twice: HEAD (validators, size) and GET (the bytes).
  const originReads = () => storage.count('GET', storageKey) + storage.count('HEAD', storageKey);
  const [readsBefore, writesBefore] = [originReads(), storage.count('PUT', storageKey)];
  const fanOut = await pollAsViewers({ ...FAN_OUT, playlistUrls: bases.map((base) => base + playlistPath) });
  const reads = originReads() - readsBefore;
  const versions = storage.count('PUT', storageKey) - writesBefore;
  console.log(
    `\nFan-out: ${FAN_OUT.viewers} viewers reloading the 720p playlist every ${FAN_OUT.reloadMs / 1000} s for ${FAN_OUT.seconds} s, through both API processes (${FAN_OUT.inFlight} requests in flight at most):`,
  );
  console.log(
    `  ${fanOut.polls} answered (${fanOut.pollsPerSecond.toFixed(0)}/s of ${FAN_OUT.viewers}/s wanted), ${fanOut.failed} failed;`,
    `p50 ${fanOut.p50Ms.toFixed(0)} ms, p99 ${fanOut.p99Ms.toFixed(0)} ms`,
  );
  console.log(
    `  origin reads (HEAD and GET) of that playlist: ${(reads / FAN_OUT.seconds).toFixed(0)}/s; ${versions} versions written to storage (${(versions / FAN_OUT.seconds).toFixed(2)}/s; ${quietRate.toFixed(2)}/s with one viewer) and ${fanOut.versionsSeen} served:`,
    `${(reads / Math.max(fanOut.versionsSeen, 1)).toFixed(0)} reads a version served (target: one HEAD and GET a version per process, ${verdict(reads <= 2 * fanOut.versionsSeen * bases.length)})`,
  );

  run.stage(`chat: ${CHAT.followers} followers, ${CHAT.messagesPerSecond} messages a second`);
  const writerTokens = [];
  for (let index = 0; index < CHAT.writers; index += 1) writerTokens.push(await client.signUp());
  const chat = await measureChat({ ...CHAT, apiBases: [...bases], videoId, writerTokens });
  console.log(
    `\nChat: ${CHAT.followers} followers half on each API process, ${CHAT.messagesPerSecond} messages/s posted through both for ${CHAT.seconds} s by ${CHAT.writers} people:`,
  );
  console.log(
    `  ${chat.sent} posted (${chat.refused} refused), ${chat.expected - chat.missing} of ${chat.expected} deliveries heard;`,
    `delivery p50 ${chat.p50Ms.toFixed(0)} ms, p99 ${chat.p99Ms.toFixed(0)} ms`,
  );
} finally {
  run.stage('stopping the encoder and the servers');
  await clock?.stop();
  // A server waits for its open requests when stopped: past 15 s, whatever still holds it is dropped.
  for (const server of processes) {
    await Promise.race([server.stop(), sleep(15_000)]);
    server.kill();
  }
  await storage.close();
  await backends.close();
  await rm(workDir, { recursive: true, force: true });
}

/** The live video the key's publish made, once the API calls it playable. */
async function liveVideoOf(client: ApiClient, token: string): Promise<string> {
  for (;;) {
    const keys = (await (await client.call('GET', '/api/v1/me/stream-keys', token)).json()) as {
      items: { liveVideoId: string | null }[];
    };
    const videoId = keys.items[0]?.liveVideoId;
    if (videoId && (await client.video(token, videoId))?.playable) return videoId;
    await sleep(200);
  }
}
