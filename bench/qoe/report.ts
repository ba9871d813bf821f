// bench:qoe's table: one block per network, VidStream's figures above the baseline's, then the targets.
import type { NetworkProfile } from './networks.js';
import type { Playback } from './playback-probe.js';

const seconds = (value: number | undefined) => (value === undefined ? '—' : `${value.toFixed(2)} s`);

function rungs(playback: Playback): string {
  return [...playback.secondsAtHeight.entries()]
    .sort(([a], [b]) => b - a)
    .map(([height, time]) => `${height}p ${time.toFixed(1)} s`)
    .join(', ');
}

export function printNetwork(network: NetworkProfile, results: { player: string; playback: Playback }[]) {
  console.log(network.name);
  console.log(
    `  ${'player'.padEnd(18)}${'first frame'.padStart(12)}${'starts on'.padStart(11)}${'stalls'.padStart(8)}` +
      `${'stalled'.padStart(10)}${network.drop ? 'back to top'.padStart(13) : ''}   time on each rung`,
  );
  for (const { player, playback } of results) {
    console.log(
      `  ${player.padEnd(18)}${seconds(playback.firstFrameSeconds).padStart(12)}` +
        `${`${playback.startHeight}p`.padStart(11)}${String(playback.stalls).padStart(8)}` +
        `${seconds(playback.stalledSeconds).padStart(10)}` +
        `${network.drop ? seconds(playback.backToTopSeconds).padStart(13) : ''}   ${rungs(playback)}`,
    );
  }
  const [ours, baseline] = results.map((result) => result.playback);
  if (!ours || !baseline) return;
  const checks: string[] = [];
  const { firstFrameSeconds, stalls } = network.targets;
  if (firstFrameSeconds !== undefined)
    checks.push(
      verdict(
        `first frame ≤ ${firstFrameSeconds} s`,
        (ours.firstFrameSeconds ?? Infinity) <= firstFrameSeconds,
      ),
    );
  if (stalls !== undefined) checks.push(verdict(`${stalls} stalls`, ours.stalls <= stalls));
  if (network.drop) checks.push(verdict('back on top ≤ 15 s', (ours.backToTopSeconds ?? Infinity) <= 15));
  const asGood =
    (ours.firstFrameSeconds ?? Infinity) <= (baseline.firstFrameSeconds ?? Infinity) &&
    ours.stalledSeconds <= baseline.stalledSeconds;
  checks.push(verdict('first frame and stalls at least as good as the baseline', asGood));
  console.log(`  targets: ${checks.join('; ')}\n`);
}

function verdict(target: string, met: boolean): string {
  return `${target} ${met ? 'met' : 'NOT met'}`;
}
