// Plans the one ffmpeg process a live stream runs: the stream, read as FLV from stdin, becomes an fMP4
// HLS ladder of 1-s segments stamped with their wall-clock time. The top rung is the publisher's own H.264,
// copied, when it is already no larger than the top live rung; the rungs below are encoded. Pure.
import type { LiveSource } from '../domain/live-source.js';
import { AUDIO_RENDITION } from '../domain/video-files.js';
import { liveInput } from './ffmpeg-input.js';
import { hlsOutputArgs, streamMap, videoOutputArgs } from './hls-command.js';
import { planLadder, type Rendition } from './ladder.js';
import { runInitName, runPlaylistName } from './live-runs.js';
import { buildMasterPlaylist } from './master-playlist.js';
import { keyframeRule } from './segment-grid.js';
import type { SourceFacts } from './source-facts.js';
import { DEFAULT_POLICY, type TranscodePolicy } from './transcode-policy.js';

/** The short sides of a live ladder: the top rung (configurable) and those below it, lowest first. */
export interface LiveLadderPolicy {
  topShortSide: number;
  lowerShortSides: number[];
}

export const DEFAULT_LIVE_LADDER: LiveLadderPolicy = { topShortSide: 720, lowerShortSides: [360] };

/** Largest frame a live stream may decode to: the largest the platform ever plays. */
export const LIVE_MAX_FRAME = { width: 3840, height: 2160 };

export interface LiveRendition extends Rendition {
  /** The publisher's own video, unchanged. */
  copied: boolean;
}

export interface LivePlan {
  /** Lowest first; a copied rung is always the top one. */
  ladder: LiveRendition[];
  hasAudio: boolean;
  policy: TranscodePolicy;
  masterPlaylist: string;
}

/** The upload policy cut to the live rungs, with segments of 1 s from the first. */
export function livePolicy(ladder: LiveLadderPolicy): TranscodePolicy {
  const sides = [...ladder.lowerShortSides.filter((side) => side < ladder.topShortSide), ladder.topShortSide];
  return {
    ...DEFAULT_POLICY,
    rungs: DEFAULT_POLICY.rungs.filter((rung) => sides.includes(rung.shortSide)),
    segmentSeconds: 1,
    openingSeconds: 0,
    openingSegmentSeconds: 1,
  };
}

export function planLive(source: LiveSource, ladderPolicy: LiveLadderPolicy): LivePlan {
  const policy = livePolicy(ladderPolicy);
  const facts: SourceFacts = {
    container: 'flv',
    startSeconds: 0,
    durationSeconds: 0,
    video: {
      streamIndex: 0,
      codec: source.videoCodec,
      width: source.width,
      height: source.height,
      rotation: 0,
      pixelAspectRatio: 1,
      frameRate: source.frameRate,
      pixelFormat: 'yuv420p',
    },
    audio: undefined,
  };
  const planned = planLadder(facts, policy);
  const top = planned.at(-1);
  const copyTop =
    source.videoCodec === 'h264' &&
    top?.width === source.width &&
    top.height === source.height &&
    Math.abs(top.frameRate - source.frameRate) < 0.01;
  const ladder = planned.map((rendition) => ({ ...rendition, copied: copyTop && rendition === top }));
  return {
    ladder,
    hasAudio: source.hasAudio,
    policy,
    masterPlaylist: buildMasterPlaylist(ladder, source.hasAudio, policy),
  };
}

/** Which run of the stream an ffmpeg makes (live-runs.ts), and the first segment number it may use. */
export interface LiveRun {
  index: number;
  firstSegment: number;
}

/**
 * The argv of one run's ffmpeg: encoded rungs first (as the filter graph labels them), then the copy.
 * Every run writes the same folders, with its own playlists and init segments and segments numbered on.
 */
export function buildLiveArgs(
  plan: LivePlan,
  outputDir: string,
  run: LiveRun = { index: 0, firstSegment: 0 },
): string[] {
  const encoded = plan.ladder.filter((rendition) => !rendition.copied);
  const copied = plan.ladder.filter((rendition) => rendition.copied);
  const rule = keyframeRule(plan.policy, 0);
  return [
    ...liveInput(LIVE_MAX_FRAME),
    ...(encoded.length > 0 ? ['-filter_complex', liveFilterGraph(encoded)] : []),
    ...encoded.flatMap((rendition, index) => videoOutputArgs(rendition, index, plan.policy, rule)),
    ...copied.flatMap((_rendition, offset) => ['-map', '0:v:0', `-c:v:${encoded.length + offset}`, 'copy']),
    ...(plan.hasAudio
      ? ['-map', '0:a:0', '-c:a', 'aac', '-b:a', `${plan.policy.audioKbps}k`, '-ac', '2']
      : ['-an']),
    ...['-sn', '-dn'],
    ...hlsOutputArgs({
      outputDir,
      streamMap: streamMap([...encoded, ...copied], plan.hasAudio),
      hlsTime: rule.hlsTime,
      programDateTime: true,
      firstSegment: run.firstSegment,
      initName: runInitName(run.index),
      playlistName: runPlaylistName(run.index),
    }),
  ];
}

/**
 * The plan of a run after a reconnect: the first run's ladder, whatever the encoder sends now, so the master
 * playlist stays true. Its top rung stays copied only if the new picture would be copied into it too.
 */
export function resumedPlan(first: LivePlan, source: LiveSource, ladderPolicy: LiveLadderPolicy): LivePlan {
  const now = planLive(source, ladderPolicy);
  const copies = (rendition: LiveRendition) =>
    now.ladder.some(
      (other) =>
        other.copied &&
        other.name === rendition.name &&
        other.width === rendition.width &&
        other.height === rendition.height &&
        other.frameRate === rendition.frameRate,
    );
  return { ...first, ladder: first.ladder.map((rendition) => ({ ...rendition, copied: copies(rendition) })) };
}

/** The folders the stream's ffmpeg writes, one per rendition: what is published as it grows. */
export function liveRenditionFolders(plan: LivePlan): string[] {
  return [...plan.ladder.map((rendition) => rendition.name), ...(plan.hasAudio ? [AUDIO_RENDITION] : [])];
}

/** The first video stream, split once per encoded rung and each scaled from the source. */
function liveFilterGraph(encoded: Rendition[]): string {
  const split =
    encoded.length > 1
      ? `[0:v:0]split=${encoded.length}${encoded.map((_, index) => `[s${index}]`).join('')};`
      : '';
  const rungs = encoded.map((rendition, index) => {
    const input = encoded.length > 1 ? `[s${index}]` : '[0:v:0]';
    const steps = [
      `fps=${rendition.frameRate}`,
      `scale=${rendition.width}:${rendition.height}`,
      'setsar=1',
      'format=yuv420p',
    ];
    return `${input}${steps.join(',')}[v${index}]`;
  });
  return split + rungs.join(';');
}
