// The networks bench:qoe plays on, as Chromium's network emulation (CDP) makes them: a downlink rate and a
// round trip, changed at given moments after the play click for a trace.
import { FOUR_G, type NetworkConditions } from '../../e2e/support/network-emulation.js';

export interface NetworkStep extends NetworkConditions {
  /** Seconds after the play click. */
  atSeconds: number;
}

export interface NetworkProfile {
  name: string;
  steps: NetworkStep[];
  /** A trace that drops and recovers: the way back to the top rung is timed from the recovery. */
  drop?: Drop;
  /** The longest first frame allowed (seconds) and the stalls allowed, where the issue sets them. */
  targets: { firstFrameSeconds?: number; stalls?: number };
}

export interface Drop {
  atSeconds: number;
  recoversAtSeconds: number;
}

export const NETWORKS: NetworkProfile[] = [
  {
    name: '4G (9 Mbps, 85 ms)',
    steps: [{ atSeconds: 0, ...FOUR_G }],
    targets: { firstFrameSeconds: 1.0, stalls: 0 },
  },
  {
    name: '3G (1.6 Mbps, 300 ms)',
    steps: [{ atSeconds: 0, downKbps: 1_600, rttMs: 300 }],
    targets: { firstFrameSeconds: 2.5 },
  },
  {
    name: 'drop (8 → 1 → 8 Mbps)',
    steps: [
      { atSeconds: 0, downKbps: 8_000, rttMs: 85 },
      { atSeconds: 20, downKbps: 1_000, rttMs: 85 },
      { atSeconds: 40, downKbps: 8_000, rttMs: 85 },
    ],
    drop: { atSeconds: 20, recoversAtSeconds: 40 },
    targets: { stalls: 0 },
  },
];
