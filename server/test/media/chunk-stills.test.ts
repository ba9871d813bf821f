// The chunks of a chunked transcode make the storyboard and the poster from their own decodes: every
// thumbnail once, by the chunk holding its moment, and sheets tiled from them that look like the
// one-pass storyboard's, tile by tile.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sheetName } from '../../src/domain/video-files.js';
import type { Chunk } from '../../src/media/chunk-plan.js';
import {
  CHUNK_POSTER,
  type ChunkedStills,
  chunkThumbnails,
  holdsPoster,
  STILLS_FOLDER,
  thumbnailName,
} from '../../src/media/chunk-stills.js';
import {
  type ChunkedPlan,
  chunkStills,
  cutChunkPiece,
  encodeChunk,
  planChunkedTranscode,
} from '../../src/media/chunked-transcode.js';
import { posterTime } from '../../src/media/poster.js';
import { probeSource } from '../../src/media/probe.js';
import { DEFAULT_LIMITS } from '../../src/media/source-facts.js';
import { DEFAULT_STORYBOARD } from '../../src/media/storyboard.js';
import { tileStoryboard } from '../../src/media/storyboard-sheets.js';
import { planTranscode } from '../../src/media/transcode-plan.js';
import { DEFAULT_POLICY } from '../../src/media/transcode-policy.js';
import { grayPixels, meanGrayDifference } from '../support/gray-pixels.js';
import { makeClip } from '../support/media-clips.js';

const run = promisify(execFile);
const SECONDS = 24;
const inputs = {
  policy: DEFAULT_POLICY,
  // Thumbnails every 3 s, six to a sheet: two sheets, and moments that fall between frames and chunks alike.
  storyboard: { ...DEFAULT_STORYBOARD, minIntervalSeconds: 3, columns: 3, rows: 2 },
  deadline: { perSourceSecond: 10, minimumMs: 60_000, maximumMs: 600_000 },
  chunks: { minChunkedSeconds: 10, chunkSeconds: 8 },
};
const context = { ffmpeg: 'ffmpeg' };
/**
 * A clock in the picture: a black curtain over the whole height slides in at 40 px a second (again every
 * 16 s), so a still from a moment 2 s off differs by a band of 80 px, on top of testsrc2's own motion.
 */
const CLOCK = 'color=black:size=640x360[curtain];[in][curtain]overlay=x=-640+mod(t*40\\,640):shortest=1';
/** Mean absolute difference of gray levels (0–255) between two stills of the same moment, at most. */
const SAME_MOMENT = 6;

let dir: string;
let plan: ChunkedPlan;
let stills: ChunkedStills;
/** Per chunk: the thumbnail files its ffmpeg run wrote, and the stills it hands on. */
const written: string[][] = [];
const handedOn: string[][] = [];
let chunkedSheets: string[];
let onePassDir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-chunk-stills-'));
  // Keyframes every 3.33 s: every chunk but the first starts mid-GOP.
  const gop = ['-g', '100', '-keyint_min', '100', '-sc_threshold', '0'];
  const source = await makeClip(dir, 'source.mp4', {
    width: 640,
    height: 360,
    seconds: SECONDS,
    audioChannels: 0,
    videoCodec: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', ...gop],
    outputOptions: ['-vf', CLOCK],
  });
  const facts = await probeSource('ffprobe', source, DEFAULT_LIMITS);
  plan = planChunkedTranscode(facts, inputs) as ChunkedPlan;
  stills = plan.stills as ChunkedStills;
  const thumbnailsDir = path.join(dir, 'thumbnails');
  await mkdir(thumbnailsDir);
  for (const chunk of plan.chunks) {
    const piece = await cutChunkPiece(plan, chunk, source, dir, context);
    const outputDir = path.join(dir, `chunk-${chunk.index}`);
    await mkdir(outputDir);
    await encodeChunk(plan, chunk, piece, outputDir, context);
    written.push((await readdir(path.join(outputDir, STILLS_FOLDER))).sort());
    const files = await chunkStills(plan, chunk, outputDir);
    handedOn.push(files);
    for (const file of files) await run('cp', [path.join(outputDir, file), thumbnailsDir]);
  }
  const sheetsDir = path.join(dir, 'sheets');
  await mkdir(sheetsDir);
  chunkedSheets = (await tileStoryboard(stills.storyboard, thumbnailsDir, sheetsDir)).map((sheet) =>
    path.join(sheetsDir, sheet),
  );
  onePassDir = path.join(dir, 'one-pass');
  await mkdir(onePassDir);
  const onePass = planTranscode(facts, { input: source, outputDir: onePassDir }, inputs);
  await run('ffmpeg', onePass.argv.storyboard);
  await run('ffmpeg', onePass.argv.poster);
  expect(onePass.storyboardVtt).toBe(plan.storyboardVtt);
}, 180_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Thumbnail k's tile in its sheet. */
function tile(k: number) {
  const { columns, rows, tileWidth, tileHeight } = stills.storyboard;
  const place = k % (columns * rows);
  const sheet = Math.floor(k / (columns * rows)) + 1;
  const area = {
    left: (place % columns) * tileWidth,
    top: Math.floor(place / columns) * tileHeight,
    width: tileWidth,
    height: tileHeight,
  };
  return { sheet, area };
}

describe('the stills of a chunked transcode', () => {
  it('are made by the chunks, each thumbnail once, by the chunk whose time range holds its moment', () => {
    expect(plan.chunks.map((chunk) => chunk.startSeconds)).toEqual([0, 8, 16]);
    const { thumbnails, intervalSeconds } = stills.storyboard;
    expect([thumbnails, intervalSeconds]).toEqual([8, 3]);
    const made = written.flat().filter((file) => file !== CHUNK_POSTER);
    // Written by ffmpeg itself, none filled in afterwards, none twice.
    expect(made.sort()).toEqual(Array.from({ length: thumbnails }, (_, k) => thumbnailName(k)));
    plan.chunks.forEach((chunk, index) => {
      const range = chunkThumbnails(stills, chunk);
      const moments = written[index]
        ?.filter((file) => file !== CHUNK_POSTER)
        .map((file) => (Number(file.match(/\d+/)?.[0]) + 0.5) * intervalSeconds);
      for (const moment of moments ?? []) {
        expect(moment).toBeGreaterThan(chunk.startSeconds);
        if (!chunk.isLast) expect(moment).toBeLessThanOrEqual(chunk.startSeconds + chunk.durationSeconds);
      }
      expect(moments?.length).toBe(range ? range.last - range.first + 1 : 0);
    });
    // The poster comes from the chunk holding its time, and from no other.
    expect(written.map((files) => files.includes(CHUNK_POSTER))).toEqual([true, false, false]);
    expect(handedOn.flat().filter((file) => file.endsWith(CHUNK_POSTER))).toHaveLength(1);
  });

  it('tile into as many sheets of the same size as the one-pass storyboard', async () => {
    const onePassSheets = (await readdir(onePassDir)).filter((file) => file.startsWith('storyboard-')).sort();
    expect(onePassSheets).toEqual([sheetName(1), sheetName(2)]);
    expect(chunkedSheets.map((file) => path.basename(file))).toEqual(onePassSheets);
    for (const [index, sheet] of chunkedSheets.entries()) {
      const ours = await sharp(sheet).metadata();
      const theirs = await sharp(path.join(onePassDir, onePassSheets[index] as string)).metadata();
      expect([ours.width, ours.height]).toEqual([theirs.width, theirs.height]);
    }
  });

  it('show, tile by tile, the moment the one-pass tile shows, and not the moment of its neighbour', async () => {
    const { thumbnails } = stills.storyboard;
    const pixels = async (sheets: (n: number) => string, k: number) =>
      grayPixels(sheets(tile(k).sheet), tile(k).area);
    const ours = (n: number) => chunkedSheets[n - 1] as string;
    const theirs = (n: number) => path.join(onePassDir, sheetName(n));
    for (let k = 0; k < thumbnails; k++) {
      const chunked = await pixels(ours, k);
      expect(meanGrayDifference(chunked, await pixels(theirs, k)), `tile ${k}`).toBeLessThan(SAME_MOMENT);
      // The tolerance tells moments 3 s apart: a tile from the neighbour's moment would fail it.
      const neighbour = k + 1 < thumbnails ? k + 1 : k - 1;
      expect(meanGrayDifference(chunked, await pixels(theirs, neighbour)), `tile ${k}`).toBeGreaterThan(
        2 * SAME_MOMENT,
      );
    }
  });

  it('include the poster: the frame at the poster time, at the poster size', async () => {
    const chunk = plan.chunks.find((candidate) => holdsPoster(stills, candidate)) as Chunk;
    const poster = path.join(dir, `chunk-${chunk.index}`, STILLS_FOLDER, CHUNK_POSTER);
    const metadata = await sharp(poster).metadata();
    expect([metadata.width, metadata.height]).toEqual([stills.poster.width, stills.poster.height]);
    expect(stills.posterSeconds).toBe(posterTime(SECONDS));
    const onePass = await grayPixels(path.join(onePassDir, 'poster.jpg'));
    expect(meanGrayDifference(await grayPixels(poster), onePass)).toBeLessThan(SAME_MOMENT);
    // A frame 2 s later, the same size, is told apart.
    const later = path.join(dir, 'later.jpg');
    await run('ffmpeg', [
      ...['-v', 'error', '-ss', String(stills.posterSeconds + 2), '-i', path.join(dir, 'source.mp4')],
      ...[
        '-frames:v',
        '1',
        '-vf',
        `scale=${stills.poster.width}:${stills.poster.height}`,
        '-q:v',
        '3',
        later,
      ],
    ]);
    expect(meanGrayDifference(await grayPixels(later), onePass)).toBeGreaterThan(2 * SAME_MOMENT);
  });
});
