// npm run bench:qoe [-- --quick] — how playback feels on real networks. The built app (embedded defaults)
// transcodes a generated 60 s 1080p30 source; Chromium then plays it through CDP network emulation on
// "4G" (9 Mbps, 85 ms), "3G" (1.6 Mbps, 300 ms) and a trace that drops from 8 to 1 Mbps for 20 s and
// back, in VidStream's watch page and, as the baseline, in a plain hls.js page with default settings on
// the same files (that page and hls.js come over the emulated network too, like ours). For each: click to
// first frame, the rung it starts on, stalls over the play time, time on each rung, and the way back to
// the top rung after the drop. `--quick`: 4G and 3G for 20 s each.
// Needs `npm run build`, ffmpeg and Debian's Chromium (/usr/bin/chromium).
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { startApp } from '../e2e/support/app-server.js';
import { openBrowser } from '../e2e/support/browser.js';
import { emulate, emulateOn } from '../e2e/support/network-emulation.js';
import { freePort } from '../server/test/support/free-port.js';
import { startBaselineServer } from './qoe/baseline-server.js';
import { NETWORKS, type NetworkProfile, type NetworkStep } from './qoe/networks.js';
import {
  installProbe,
  type Playback,
  type PlaybackRecord,
  SAMPLE_MS,
  summarize,
} from './qoe/playback-probe.js';
import { type Player, plainHlsPlayer, vidStreamPlayer } from './qoe/players.js';
import { printNetwork } from './qoe/report.js';
import { ApiClient } from './support/api-client.js';
import { benchDeadline } from './support/deadline.js';
import { cachedSource } from './support/sources.js';
import { watchUntilReady } from './support/time-to-ready.js';

const quick = process.argv.includes('--quick');
const PLAY_SECONDS = quick ? 20 : 60;
const networks = quick ? NETWORKS.filter((network) => !network.drop) : NETWORKS;
// About 10 minutes on two shared cores, and 4 with --quick.
const run = benchDeadline('bench:qoe', { quick: 15, full: 30 });

async function playOn(baseUrl: string, network: NetworkProfile, player: Player): Promise<Playback> {
  const person = await openBrowser(baseUrl);
  try {
    const { page } = person;
    await page.addInitScript(installProbe, SAMPLE_MS);
    const [first, ...later] = network.steps as [NetworkStep, ...NetworkStep[]];
    const cdp = await emulateOn(page, first);
    await player.open(page);
    await player.play(page);
    const clickedAt = performance.now();
    const waitUntil = (seconds: number) => sleep(Math.max(0, clickedAt + seconds * 1000 - performance.now()));
    for (const step of later) {
      await waitUntil(step.atSeconds);
      await emulate(cdp, step);
    }
    await waitUntil(PLAY_SECONDS);
    const record = await page.evaluate(() => (window as unknown as { qoe: PlaybackRecord }).qoe);
    return summarize(record, network.drop);
  } finally {
    await person.close();
  }
}

run.stage('starting the app and the baseline page server');
const baseline = await startBaselineServer(await freePort());
const app = await startApp({ logName: 'qoe-app.log', env: { CORS_ORIGINS: baseline.origin } });
run.onStop(() => app.stop());
try {
  run.stage('making the source, uploading it and waiting until it is ready');
  const client = new ApiClient([app.baseUrl]);
  const token = await client.signUp();
  const source = await cachedSource({ codec: 'h264', width: 1920, height: 1080, seconds: 60 });
  const videoId = await client.upload(token, await readFile(source));
  if (!videoId) throw new Error('the upload was refused');
  await watchUntilReady(() => client.video(token, videoId), performance.now());
  const video = (await (await client.call('GET', `/api/v1/videos/${videoId}`, token)).json()) as {
    hlsUrl: string;
  };
  console.log(`bench:qoe${quick ? ' --quick' : ''}: a 60 s 1080p30 ladder, ${PLAY_SECONDS} s of play each\n`);
  const players = [vidStreamPlayer(videoId), plainHlsPlayer(baseline.pageUrl(video.hlsUrl))];
  for (const network of networks) {
    const results = [];
    for (const player of players) {
      run.stage(`playing on ${network.name} in ${player.name}`);
      results.push({ player: player.name, playback: await playOn(app.baseUrl, network, player) });
    }
    printNetwork(network, results);
  }
} finally {
  run.stage('stopping the app');
  await app.stop();
  await baseline.close();
}
