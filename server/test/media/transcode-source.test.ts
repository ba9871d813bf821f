import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE, SHORT_LIVED, VIDEO_FILE_PATTERN } from '../../src/domain/video-files.js';
import { buildPosterArgs, posterTime } from '../../src/media/poster.js';
import { DEFAULT_LIMITS, UnusableSource } from '../../src/media/source-facts.js';
import { DEFAULT_STORYBOARD } from '../../src/media/storyboard.js';
import { DEFAULT_POLICY } from '../../src/media/transcode-policy.js';
import { type TranscodeOptions, transcodeSource } from '../../src/media/transcode-source.js';
import { makeClip } from '../support/media-clips.js';
import { probedSource } from '../support/probed-sources.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-pipeline-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const options = (onProgress?: (percent: number) => void): TranscodeOptions => ({
  ffmpeg: 'ffmpeg',
  ffprobe: 'ffprobe',
  policy: DEFAULT_POLICY,
  storyboard: DEFAULT_STORYBOARD,
  limits: DEFAULT_LIMITS,
  timeout: { perSourceSecond: 10, minimumMs: 60_000, maximumMs: 600_000 },
  onProgress,
});

const segments = (count: number) =>
  Array.from({ length: count }, (_, n) => `segment-${String(n).padStart(5, '0')}.m4s`);

describe('transcodeSource', () => {
  it('turns a clip into everything a player needs, with steady progress', async () => {
    const input = await makeClip(dir, 'clip.mp4', { width: 640, height: 360, seconds: 7 });
    const outputDir = path.join(dir, 'out');
    await mkdir(outputDir);
    const progress: number[] = [];
    const result = await transcodeSource(
      input,
      outputDir,
      options((percent) => progress.push(percent)),
    );

    expect(result.ladder.map((rendition) => rendition.name)).toEqual(['240p', '360p']);
    expect(result.files.map((file) => file.relativePath)).toEqual([
      // 7 s of video: four opening segments of 1 s and one of 3 s; the audio in segments of 4 s.
      ...['240p/init_0.mp4', '240p/playlist.m3u8', ...segments(5).map((file) => `240p/${file}`)],
      ...['360p/init_1.mp4', '360p/playlist.m3u8', ...segments(5).map((file) => `360p/${file}`)],
      ...['audio/init.mp4', 'audio/playlist.m3u8', ...segments(2).map((file) => `audio/${file}`)],
      ...['master.m3u8', 'poster.jpg', 'storyboard-001.jpg', 'storyboard.vtt'],
    ]);
    const byPath = Object.fromEntries(result.files.map((file) => [file.relativePath, file]));
    expect(byPath['master.m3u8']).toMatchObject({
      contentType: 'application/vnd.apple.mpegurl',
      cacheControl: SHORT_LIVED,
    });
    expect(byPath['360p/segment-00000.m4s']).toMatchObject({
      contentType: 'video/iso.segment',
      cacheControl: IMMUTABLE,
    });
    expect(byPath['poster.jpg']).toMatchObject({ contentType: 'image/jpeg', cacheControl: IMMUTABLE });
    expect(byPath['storyboard.vtt']).toMatchObject({ contentType: 'text/vtt' });
    // The media route serves every file a transcode writes.
    for (const file of result.files) expect(file.relativePath).toMatch(new RegExp(VIDEO_FILE_PATTERN));

    expect(progress.at(-1)).toBe(100);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.some((percent) => percent > 0 && percent < 90)).toBe(true);

    const { stdout } = await promisify(execFile)('ffprobe', [
      ...['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0'],
      path.join(outputDir, 'poster.jpg'),
    ]);
    expect(stdout.trim()).toBe('640,360');
    const vtt = await readFile(path.join(outputDir, 'storyboard.vtt'), 'utf8');
    expect(vtt.match(/#xywh=/g)).toHaveLength(4);
  }, 120_000);

  it('refuses an unusable upload before running ffmpeg', async () => {
    const input = path.join(dir, 'not-a-video.mp4');
    await writeFile(input, 'plain text');
    const outputDir = path.join(dir, 'refused');
    await mkdir(outputDir);
    await expect(transcodeSource(input, outputDir, options())).rejects.toBeInstanceOf(UnusableSource);
  });
});

describe('transcodeSource refusing for good', () => {
  it('finds a planning error before any ffmpeg runs', async () => {
    const input = await makeClip(dir, 'fast.mp4', { width: 320, height: 240, seconds: 1 });
    const outputDir = await mkdtemp(path.join(dir, 'unplannable-'));
    // A policy that asks 240p at 100 000 fps: no H.264 level fits. Were ffmpeg run, it would not be found.
    const greedy = { ...DEFAULT_POLICY, maxFrameRate: 100_000, lowRungMaxFrameRate: 100_000 };
    const withoutFfmpeg = { ...options(), ffmpeg: path.join(dir, 'no-such-ffmpeg'), policy: greedy };
    const highRate = await makeClip(dir, 'high-rate.mp4', {
      width: 320,
      height: 240,
      frameRate: 20_000,
      seconds: 0.01,
      audioChannels: 0,
    });
    // A source it can plan does reach ffmpeg (missing here); the one it cannot is refused first.
    await expect(transcodeSource(input, outputDir, withoutFfmpeg)).rejects.toThrow(
      /failed to execute .*no-such-ffmpeg: No such file or directory/,
    );
    const refusal = await transcodeSource(highRate, outputDir, withoutFfmpeg).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(UnusableSource);
    expect((refusal as UnusableSource).message).toMatch(/^We cannot process a 320×240 video at 20000 fps/);
  });

  it('fails a run past its capped deadline with a readable reason', async () => {
    const input = await makeClip(dir, 'slow.mp4', { width: 320, height: 240, seconds: 2 });
    const outputDir = await mkdtemp(path.join(dir, 'capped-'));
    const capped = { ...options(), timeout: { perSourceSecond: 10, minimumMs: 60_000, maximumMs: 1 } };
    const refusal = await transcodeSource(input, outputDir, capped).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(UnusableSource);
    expect((refusal as UnusableSource).message).toMatch(
      /^Processing this video took longer than the 1 s allowed/,
    );
  });
});

describe('poster', () => {
  it('is taken at 10% of the video, at most 3 s in', () => {
    expect([posterTime(5), posterTime(20), posterTime(600)]).toEqual([0.5, 2, 3]);
  });

  it('is at display size, at most 720p on its short side', () => {
    const source = probedSource({ rotation: 90 }, { durationSeconds: 60 });
    const args = buildPosterArgs(source, { width: 1080, height: 1920 }, '/in', '/out');
    expect(args[args.indexOf('-vf') + 1]).toBe('scale=720:1280,setsar=1');
    expect(args.slice(args.indexOf('-ss'), args.indexOf('-i') + 2)).toEqual([
      '-ss',
      '3.000',
      ...['-max_pixels', String(1920 * 1152)],
      '-i',
      'file:/in',
    ]);
  });
});
