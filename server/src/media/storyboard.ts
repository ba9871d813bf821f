// Seek-preview thumbnails: frames at a fixed interval tiled into sprite sheets, and the WebVTT track
// that tells the player which tile (`#xywh=`) shows which moment. Planning and the VTT are pure.
import { SHEET_PATTERN, sheetName } from '../domain/video-files.js';
import { even } from './even-size.js';
import { ffmpegInput } from './ffmpeg-input.js';
import type { SourceFacts } from './source-facts.js';

export interface StoryboardPolicy {
  /** Longer side of one thumbnail, in pixels. */
  tileLongSide: number;
  columns: number;
  rows: number;
  minIntervalSeconds: number;
  maxIntervalSeconds: number;
  /** Beyond this many thumbnails the interval grows (up to its maximum) instead. */
  targetThumbnails: number;
}

export const DEFAULT_STORYBOARD: StoryboardPolicy = {
  tileLongSide: 160,
  columns: 10,
  rows: 10,
  minIntervalSeconds: 2,
  maxIntervalSeconds: 5,
  targetThumbnails: 1000,
};

export interface StoryboardPlan {
  intervalSeconds: number;
  tileWidth: number;
  tileHeight: number;
  columns: number;
  rows: number;
  thumbnails: number;
  sheets: number;
}

export function planStoryboard(
  durationSeconds: number,
  display: { width: number; height: number },
  policy: StoryboardPolicy,
): StoryboardPlan {
  const intervalSeconds = Math.min(
    policy.maxIntervalSeconds,
    Math.max(policy.minIntervalSeconds, Math.ceil(durationSeconds / policy.targetThumbnails)),
  );
  const landscape = display.width >= display.height;
  const shortSide = even(
    (policy.tileLongSide * Math.min(display.width, display.height)) / Math.max(display.width, display.height),
  );
  const thumbnails = Math.max(1, Math.ceil(durationSeconds / intervalSeconds));
  return {
    intervalSeconds,
    tileWidth: landscape ? policy.tileLongSide : shortSide,
    tileHeight: landscape ? shortSide : policy.tileLongSide,
    columns: policy.columns,
    rows: policy.rows,
    thumbnails,
    sheets: Math.ceil(thumbnails / (policy.columns * policy.rows)),
  };
}

/** The WebVTT thumbnail track; `sheetUrl` names a sheet as the player will fetch it (relative is fine). */
export function buildStoryboardVtt(
  plan: StoryboardPlan,
  durationSeconds: number,
  sheetUrl: (sheet: number) => string = sheetName,
): string {
  const perSheet = plan.columns * plan.rows;
  const cues = Array.from({ length: plan.thumbnails }, (_, index) => {
    const start = index * plan.intervalSeconds;
    const end = Math.min(durationSeconds, start + plan.intervalSeconds);
    const tile = index % perSheet;
    const x = (tile % plan.columns) * plan.tileWidth;
    const y = Math.floor(tile / plan.columns) * plan.tileHeight;
    const where = `${x},${y},${plan.tileWidth},${plan.tileHeight}`;
    return `${timestamp(start)} --> ${timestamp(end)}\n${sheetUrl(Math.floor(index / perSheet) + 1)}#xywh=${where}`;
  });
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

/** The cheap second pass that makes the sheets, reading the upload under the same rules as the transcode. */
export function buildStoryboardArgs(
  source: SourceFacts,
  input: string,
  plan: StoryboardPlan,
  outputDir: string,
): string[] {
  const filters = [
    `fps=1/${plan.intervalSeconds}`,
    `scale=${plan.tileWidth}:${plan.tileHeight}`,
    'setsar=1',
    `tile=${plan.columns}x${plan.rows}`,
  ];
  return [
    ...ffmpegInput({ path: input, container: source.container, frame: source.video, roughDecode: true }),
    ...['-map', `0:${source.video.streamIndex}`, '-an', '-sn', '-dn', '-vf', filters.join(','), '-q:v', '4'],
    ...['-f', 'image2', `${outputDir}/${SHEET_PATTERN}`],
  ];
}

function timestamp(seconds: number): string {
  const millis = Math.round(seconds * 1000);
  const hours = Math.floor(millis / 3_600_000);
  const minutes = Math.floor((millis % 3_600_000) / 60_000);
  const secs = ((millis % 60_000) / 1000).toFixed(3).padStart(6, '0');
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:${secs}`;
}
