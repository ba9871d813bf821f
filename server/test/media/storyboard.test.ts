import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFfmpeg } from '../../src/media/ffmpeg-runner.js';
import { probeSource } from '../../src/media/probe.js';
import { DEFAULT_LIMITS } from '../../src/media/source-facts.js';
import {
  buildStoryboardArgs,
  buildStoryboardVtt,
  DEFAULT_STORYBOARD,
  planStoryboard,
} from '../../src/media/storyboard.js';
import { makeClip } from '../support/media-clips.js';

const landscape = { width: 1920, height: 1080 };

describe('planStoryboard', () => {
  it.each([
    ['20 s', 20, 2, 10, 1],
    ['10 minutes', 600, 2, 300, 3],
    ['42 minutes: the interval grows to keep about 1000 thumbnails', 2500, 3, 834, 9],
    ['3 hours: the interval stops growing at 5 s', 10_800, 5, 2160, 22],
  ])('%s', (_case, duration, interval, thumbnails, sheets) => {
    expect(planStoryboard(duration, landscape, DEFAULT_STORYBOARD)).toEqual({
      intervalSeconds: interval,
      tileWidth: 160,
      tileHeight: 90,
      columns: 10,
      rows: 10,
      thumbnails,
      sheets,
    });
  });

  it('keeps portrait thumbnails upright', () => {
    const plan = planStoryboard(20, { width: 1080, height: 1920 }, DEFAULT_STORYBOARD);
    expect([plan.tileWidth, plan.tileHeight]).toEqual([90, 160]);
  });
});

describe('buildStoryboardVtt', () => {
  it('points every interval at its tile, the last cue ending with the video', () => {
    const plan = planStoryboard(5, landscape, DEFAULT_STORYBOARD);
    expect(buildStoryboardVtt(plan, 5)).toBe(
      [
        'WEBVTT',
        '',
        '00:00:00.000 --> 00:00:02.000',
        'storyboard-001.jpg#xywh=0,0,160,90',
        '',
        '00:00:02.000 --> 00:00:04.000',
        'storyboard-001.jpg#xywh=160,0,160,90',
        '',
        '00:00:04.000 --> 00:00:05.000',
        'storyboard-001.jpg#xywh=320,0,160,90',
        '',
      ].join('\n'),
    );
  });

  it('moves to the next row and the next sheet', () => {
    const plan = planStoryboard(202, landscape, DEFAULT_STORYBOARD);
    const cues = buildStoryboardVtt(plan, 202).trim().split('\n\n').slice(1);
    expect(cues[10]).toBe('00:00:20.000 --> 00:00:22.000\nstoryboard-001.jpg#xywh=0,90,160,90');
    expect(cues[99]).toBe('00:03:18.000 --> 00:03:20.000\nstoryboard-001.jpg#xywh=1440,810,160,90');
    expect(cues[100]).toBe('00:03:20.000 --> 00:03:22.000\nstoryboard-002.jpg#xywh=0,0,160,90');
  });

  it('formats hours', () => {
    const plan = planStoryboard(3_700, landscape, DEFAULT_STORYBOARD);
    expect(buildStoryboardVtt(plan, 3_700)).toContain('\n01:01:36.000 --> 01:01:40.000\n');
  });
});

describe('storyboard sheets from a real clip', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-storyboard-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('tiles one thumbnail per interval into a sheet of the planned size', async () => {
    const input = await makeClip(dir, 'clip.mp4', { width: 640, height: 360, seconds: 7 });
    const plan = planStoryboard(7, { width: 640, height: 360 }, DEFAULT_STORYBOARD);
    expect(plan.thumbnails).toBe(4);
    const source = await probeSource('ffprobe', input, DEFAULT_LIMITS);
    const args = buildStoryboardArgs(source, input, plan, dir);
    // Decoded only as well as 160-px stills need: no unreferenced frames, no deblocking.
    expect(args.slice(args.indexOf('-skip_frame'), args.indexOf('-skip_frame') + 4)).toEqual([
      ...['-skip_frame', 'noref', '-skip_loop_filter', 'all'],
    ]);
    expect(args.slice(args.indexOf('-vf'), args.indexOf('-vf') + 2)).toEqual([
      '-vf',
      'fps=1/2,scale=160:90,setsar=1,tile=10x10',
    ]);
    await runFfmpeg('ffmpeg', args, { durationSeconds: 7, timeoutMs: 30_000 });
    expect((await readdir(dir)).filter((file) => file.startsWith('storyboard-'))).toEqual([
      'storyboard-001.jpg',
    ]);
    const { stdout } = await promisify(execFile)('ffprobe', [
      ...['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0'],
      path.join(dir, 'storyboard-001.jpg'),
    ]);
    expect(stdout.trim()).toBe('1600,900');
  });
});
