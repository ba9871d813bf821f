// A source cut into chunks, each encoded on its own, and stitched, must be one seamless ladder: the same
// frames, once each, on the same keyframe grid, as the one-pass encode of the same source.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNKED_TIMELINE_START } from '../../src/media/chunk-commands.js';
import {
  type ChunkedPlan,
  cutAudioPiece,
  cutChunkPiece,
  encodeAudio,
  encodeChunk,
  planChunkedTranscode,
} from '../../src/media/chunked-transcode.js';
import { probeSource } from '../../src/media/probe.js';
import { DEFAULT_LIMITS } from '../../src/media/source-facts.js';
import { DEFAULT_STORYBOARD } from '../../src/media/storyboard.js';
import { DEFAULT_POLICY } from '../../src/media/transcode-policy.js';
import { transcodeSource } from '../../src/media/transcode-source.js';
import {
  type PlaylistSegment,
  readVariantPlaylist,
  writeVariantPlaylist,
} from '../../src/media/variant-playlist.js';
import { sampleDescription, segmentStart, timescaleOf } from '../support/fragments.js';
import { makeClip } from '../support/media-clips.js';

const run = promisify(execFile);
const FPS = 30;
const FRAME = 1 / FPS;
const SECONDS = 30;
const inputs = {
  policy: DEFAULT_POLICY,
  storyboard: DEFAULT_STORYBOARD,
  deadline: { perSourceSecond: 10, minimumMs: 60_000, maximumMs: 600_000 },
  chunks: { minChunkedSeconds: 10, chunkSeconds: 8 },
};
const context = { ffmpeg: 'ffmpeg' };

let dir: string;
let source: string;
let plan: ChunkedPlan;
/** Per rendition: the stitched file (the one init segment, then every chunk's segments) and its playlist. */
interface Stitched {
  file: string;
  init: string;
  /** Every chunk's own init segment, in order. */
  chunkInits: string[];
  segments: PlaylistSegment[];
  /** Where each segment's file is, in order. */
  segmentFiles: string[];
  playlist: string;
}
const stitched: Record<string, Stitched> = {};
const rendition = (name: string) => stitched[name] as Stitched;
let onePassDir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-chunked-'));
  // Keyframes every 3.33 s: never on a chunk boundary, so every chunk but the first starts mid-GOP.
  const gop = ['-g', '100', '-keyint_min', '100', '-sc_threshold', '0'];
  source = await makeClip(dir, 'source.mp4', {
    width: 640,
    height: 360,
    frameRate: FPS,
    seconds: SECONDS,
    videoCodec: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', ...gop],
  });
  const facts = await probeSource('ffprobe', source, DEFAULT_LIMITS);
  plan = planChunkedTranscode(facts, inputs) as ChunkedPlan;
  const pieces = {
    chunks: await Promise.all(plan.chunks.map((chunk) => cutChunkPiece(plan, chunk, source, dir, context))),
    audio: await cutAudioPiece(plan, source, dir, context),
  };
  const chunkOutputs = await Promise.all(
    plan.chunks.map(async (chunk) => {
      const outputDir = path.join(dir, `chunk-${chunk.index}`);
      await mkdir(outputDir);
      return {
        outputDir,
        playlists: await encodeChunk(plan, chunk, pieces.chunks[chunk.index] as string, outputDir, context),
      };
    }),
  );
  const audioDir = path.join(dir, 'audio-out');
  await mkdir(audioDir);
  const audio = await encodeAudio(plan, pieces.audio as string, audioDir, context);
  for (const name of plan.ladder.map((rung) => rung.name)) {
    const outputs = chunkOutputs.map(({ outputDir, playlists }) => ({
      outputDir,
      playlist: playlists[name],
    }));
    const [first] = outputs;
    const segments = outputs.flatMap(({ playlist }) => playlist?.segments ?? []);
    const init = path.join(first?.outputDir as string, name, first?.playlist?.initUri as string);
    const segmentFiles = outputs.flatMap(({ outputDir, playlist }) =>
      (playlist?.segments ?? []).map((segment) => path.join(outputDir, name, segment.uri)),
    );
    const playlist = writeVariantPlaylist({
      initUri: first?.playlist?.initUri as string,
      segments,
      targetSeconds: DEFAULT_POLICY.segmentSeconds,
      complete: true,
    });
    const file = await concatenate([init, ...segmentFiles], `stitched-${name}.mp4`);
    const chunkInits = outputs.map(({ outputDir, playlist }) =>
      path.join(outputDir, name, playlist?.initUri as string),
    );
    stitched[name] = { file, init, chunkInits, segments, segmentFiles, playlist };
  }
  const audioInit = path.join(audioDir, 'audio', audio.initUri as string);
  const audioSegments = audio.segments.map((segment) => path.join(audioDir, 'audio', segment.uri));
  stitched.audio = {
    file: await concatenate([audioInit, ...audioSegments], 'stitched-audio.mp4'),
    init: audioInit,
    chunkInits: [audioInit],
    segments: audio.segments,
    segmentFiles: audioSegments,
    playlist: '',
  };
  onePassDir = path.join(dir, 'one-pass');
  await mkdir(onePassDir);
  await transcodeSource(source, onePassDir, {
    ffmpeg: 'ffmpeg',
    ffprobe: 'ffprobe',
    ...inputs,
    limits: DEFAULT_LIMITS,
    timeout: inputs.deadline,
  });
}, 180_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

async function concatenate(files: string[], name: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, Buffer.concat(await Promise.all(files.map((part) => readFile(part)))));
  return file;
}

interface Frame {
  pts: number;
  key: boolean;
}

async function videoFrames(file: string): Promise<Frame[]> {
  const { stdout } = await run('ffprobe', [
    ...[
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'frame=pts_time,key_frame',
      '-of',
      'csv=p=0',
    ],
    file,
  ]);
  return stdout
    .split('\n')
    .filter((line) => /^[01],/.test(line))
    .map((line) => {
      const [key, pts] = line.split(',');
      return { pts: Number(pts), key: key === '1' };
    })
    .sort((a, b) => a.pts - b.pts);
}

/** Start and end of the file's only stream, from its packets. */
async function span(file: string): Promise<{ start: number; end: number }> {
  const { stdout } = await run('ffprobe', [
    ...['-v', 'error', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0'],
    file,
  ]);
  const packets = stdout
    .split('\n')
    .filter((line) => /^[0-9.-]+,[0-9.]+/.test(line))
    .map((line) => line.split(',').map(Number) as [number, number]);
  return {
    start: Math.min(...packets.map(([pts]) => pts)),
    end: Math.max(...packets.map(([pts, duration]) => pts + duration)),
  };
}

/** PSNR against the source of frames [from, to) of an encode (by frame number: timelines differ). */
async function psnr(encoded: string, from: number, to: number): Promise<number> {
  const cut = `trim=start_frame=${from}:end_frame=${to},setpts=PTS-STARTPTS`;
  const { stderr } = await run('ffmpeg', [
    ...['-v', 'info', '-nostdin', '-i', encoded, '-i', source],
    ...['-lavfi', `[0:v]${cut}[a];[1:v]${cut}[b];[a][b]psnr`, '-f', 'null', '-'],
  ]);
  return Number(/average:([0-9.]+)/.exec(stderr)?.[1]);
}

describe('a chunked transcode, stitched', () => {
  it('cuts the source on the segment grid, with a tail joined to the chunk before it', () => {
    expect(plan.chunks.map(({ startSeconds, durationSeconds }) => [startSeconds, durationSeconds])).toEqual([
      [0, 8],
      [8, 8],
      [16, 8],
      [24, 6],
    ]);
    expect(plan.ladder.map((rung) => rung.name)).toEqual(['240p', '360p']);
  });

  it('lists every segment once, numbered on across chunks, each starting where the one before ended', async () => {
    for (const name of ['240p', '360p']) {
      const { init, segments, segmentFiles, playlist } = rendition(name);
      expect(segments.map((segment) => segment.uri)).toEqual(
        // Four opening segments of 1 s, then 26 s in segments of 4 s.
        Array.from({ length: 11 }, (_, n) => `segment-${String(n).padStart(5, '0')}.m4s`),
      );
      expect(readVariantPlaylist(playlist).segments).toEqual(segments);
      const timescale = await timescaleOf(init);
      let expectedStart = CHUNKED_TIMELINE_START;
      for (const [index, segment] of segments.entries()) {
        const start = await segmentStart(segmentFiles[index] as string, timescale);
        expect(Math.abs(start - expectedStart), `${name} segment ${index}`).toBeLessThan(FRAME / 2);
        expectedStart += segment.durationSeconds;
      }
      expect(expectedStart - CHUNKED_TIMELINE_START).toBeCloseTo(SECONDS, 3);
    }
  });

  it('decodes every frame of the source once: no gap and no repeat at any join', async () => {
    for (const name of ['240p', '360p']) {
      const frames = await videoFrames(rendition(name).file);
      expect(frames).toHaveLength(SECONDS * FPS);
      for (let n = 1; n < frames.length; n += 1) {
        const step = (frames[n]?.pts as number) - (frames[n - 1]?.pts as number);
        expect(Math.abs(step - FRAME), `${name} frame ${n}`).toBeLessThan(0.002);
      }
    }
  });

  it("describes every chunk's samples as the first chunk's init segment does, which alone is published", async () => {
    for (const name of ['240p', '360p']) {
      const [first, ...others] = await Promise.all(rendition(name).chunkInits.map(sampleDescription));
      expect(others).toHaveLength(3);
      for (const [index, description] of others.entries())
        expect(description.equals(first as Buffer), `${name} chunk ${index + 1}`).toBe(true);
    }
  });

  it('puts keyframes on the same instants in every rung, at each segment start and nowhere else', async () => {
    const keyframes = await Promise.all(
      ['240p', '360p'].map(async (name) => {
        const frames = await videoFrames(rendition(name).file);
        const first = frames[0]?.pts as number;
        return frames.filter((frame) => frame.key).map((frame) => Number((frame.pts - first).toFixed(3)));
      }),
    );
    // The opening's four 1-s segments, then segments of 4 s.
    const grid = [0, 1, 2, 3, ...Array.from({ length: SECONDS / 4 }, (_, n) => 4 + n * 4)].filter(
      (time) => time < SECONDS,
    );
    expect(keyframes[0]).toEqual(grid);
    expect(keyframes[1]).toEqual(grid);
  });

  it('ends audio and video within a frame of each other and of the source', async () => {
    const video = rendition('360p');
    const lastVideo = video.segments.length - 1;
    const videoEnd =
      (await segmentStart(video.segmentFiles[lastVideo] as string, await timescaleOf(video.init))) +
      (video.segments[lastVideo]?.durationSeconds as number);
    const audio = await span(rendition('audio').file);
    expect(Math.abs(videoEnd - audio.end)).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(videoEnd - CHUNKED_TIMELINE_START - SECONDS)).toBeLessThanOrEqual(FRAME);
    // The audio starts with the encoder's priming samples, less than a frame before the picture.
    expect(CHUNKED_TIMELINE_START - audio.start).toBeLessThan(FRAME);
  });

  it('looks as good around each join as the one-pass encode (PSNR within 1 dB)', async () => {
    const onePass = await concatenate(
      [
        path.join(onePassDir, '360p', 'init_1.mp4'),
        ...Array.from({ length: 11 }, (_, n) =>
          path.join(onePassDir, '360p', `segment-${String(n).padStart(5, '0')}.m4s`),
        ),
      ],
      'one-pass-360p.mp4',
    );
    for (const join of [8, 16, 24]) {
      const frames = [(join - 1) * FPS, (join + 1) * FPS] as const;
      const chunked = await psnr(rendition('360p').file, ...frames);
      const whole = await psnr(onePass, ...frames);
      expect(chunked, `join at ${join} s`).toBeGreaterThan(whole - 1);
    }
  });

  it('takes no more than 5% more bytes than the one-pass encode', async () => {
    for (const name of ['240p', '360p']) {
      const { segments, file } = rendition(name);
      const onePass = readVariantPlaylist(
        await readFile(path.join(onePassDir, name, 'playlist.m3u8'), 'utf8'),
      );
      const size = (files: string[]) =>
        Promise.all(files.map((file) => stat(file).then((info) => info.size)));
      const chunkedBytes = (await stat(file)).size;
      const onePassBytes = (
        await size(onePass.segments.map((segment) => path.join(onePassDir, name, segment.uri)))
      ).reduce((sum, bytes) => sum + bytes, 0);
      expect(segments).toHaveLength(onePass.segments.length);
      expect(chunkedBytes / onePassBytes, name).toBeLessThan(1.05);
    }
  });
});
