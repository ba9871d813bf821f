import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIO_RENDITION, VARIANT_PLAYLIST } from '../../src/domain/video-files.js';
import { ffmpegInput } from '../../src/media/ffmpeg-input.js';
import { FfmpegFailed, FfmpegTimedOut, progressPercent, runFfmpeg } from '../../src/media/ffmpeg-runner.js';
import { h264Level } from '../../src/media/h264-level.js';
import { buildAudioArgs, buildTranscodeArgs } from '../../src/media/hls-command.js';
import { planLadder } from '../../src/media/ladder.js';
import { buildMasterPlaylist } from '../../src/media/master-playlist.js';
import { probeSource } from '../../src/media/probe.js';
import { DEFAULT_LIMITS } from '../../src/media/source-facts.js';
import { DEFAULT_POLICY } from '../../src/media/transcode-policy.js';
import { makeClip } from '../support/media-clips.js';

const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-transcode-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Our own output, so reading it through the HLS demuxer is fine here (never on uploads). */
async function probeRendition(playlist: string) {
  const { stdout } = await run('ffprobe', [
    ...[
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=width,height,level:format=duration',
    ],
    ...['-of', 'json', playlist],
  ]);
  const { streams, format } = JSON.parse(stdout);
  const [stream] = streams;
  return {
    width: stream.width,
    height: stream.height,
    level: stream.level,
    duration: Number(format.duration),
  };
}

async function keyframeTimes(playlist: string): Promise<string[]> {
  const { stdout } = await run('ffprobe', [
    ...['-v', 'error', '-select_streams', 'v:0', '-skip_frame', 'nokey'],
    ...['-show_entries', 'frame=pts_time', '-of', 'csv=p=0', playlist],
  ]);
  return stdout
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((time) => Number(time).toFixed(3));
}

describe('one ffmpeg pass over a real clip', () => {
  it('makes every planned rung and the audio rendition, aligned and complete', async () => {
    const input = await makeClip(dir, 'source.mp4', { width: 640, height: 360, seconds: 7 });
    const source = await probeSource('ffprobe', input, DEFAULT_LIMITS);
    const ladder = planLadder(source, DEFAULT_POLICY);
    expect(ladder.map((rendition) => rendition.name)).toEqual(['240p', '360p']);

    const outputDir = path.join(dir, 'out');
    const progress: number[] = [];
    await runFfmpeg('ffmpeg', buildTranscodeArgs(source, ladder, DEFAULT_POLICY, { input, outputDir }), {
      durationSeconds: source.durationSeconds,
      timeoutMs: 60_000,
      onProgress: (percent) => progress.push(percent),
    });
    await runFfmpeg('ffmpeg', buildAudioArgs(source, DEFAULT_POLICY, { input, outputDir }), {
      durationSeconds: source.durationSeconds,
      timeoutMs: 60_000,
      niceness: 10,
    });

    expect(progress.at(-1)).toBe(100);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect((await readdir(outputDir)).sort()).toEqual(['240p', '360p', AUDIO_RENDITION]);

    const keyframes: string[][] = [];
    for (const [index, rendition] of ladder.entries()) {
      const playlist = path.join(outputDir, rendition.name, VARIANT_PLAYLIST);
      const text = await readFile(playlist, 'utf8');
      // With one output per rendition, ffmpeg numbers each init segment after its stream.
      expect(text).toContain(`#EXT-X-MAP:URI="init_${index}.mp4"`);
      expect(text).toContain('#EXT-X-ENDLIST');
      // Four opening segments of a second, then the rest, up to 4 s each.
      expect(text.match(/#EXTINF:[\d.]+/g)?.map((line) => Math.round(Number(line.slice(8))))).toEqual([
        1, 1, 1, 1, 3,
      ]);
      const output = await probeRendition(playlist);
      expect([output.width, output.height]).toEqual([rendition.width, rendition.height]);
      expect(output.level).toBe(h264Level(rendition.width, rendition.height, rendition.frameRate));
      expect(Math.abs(output.duration - source.durationSeconds)).toBeLessThan(0.2);
      keyframes.push(await keyframeTimes(playlist));
    }
    // Same instants in every rung, one at each segment start (B-frames shift all of them by two frames).
    expect(keyframes[1]).toEqual(keyframes[0]);
    const first = Number(keyframes[0]?.[0]);
    expect(keyframes[0]?.map((time) => (Number(time) - first).toFixed(2))).toEqual([
      '0.00',
      '1.00',
      '2.00',
      '3.00',
      '4.00',
    ]);
    const audioPlaylist = await readFile(path.join(outputDir, AUDIO_RENDITION, VARIANT_PLAYLIST), 'utf8');
    expect(audioPlaylist).toContain('#EXT-X-ENDLIST');

    // The master playlist we write must open in a real HLS reader and lead to every rendition.
    const master = path.join(outputDir, 'master.m3u8');
    await writeFile(master, buildMasterPlaylist(ladder, true, DEFAULT_POLICY));
    const { stdout } = await run('ffprobe', [
      ...['-v', 'error', '-show_entries', 'stream=codec_type,width,height', '-of', 'json', master],
    ]);
    const streams = JSON.parse(stdout).streams as { codec_type: string; width?: number }[];
    expect(streams.filter((stream) => stream.codec_type === 'video').map((stream) => stream.width)).toEqual(
      ladder.map((rendition) => rendition.width),
    );
    expect(streams.some((stream) => stream.codec_type === 'audio')).toBe(true);
  }, 90_000);
});

describe('runFfmpeg', () => {
  it('kills a command that runs past its deadline', async () => {
    // Reading a named pipe nobody writes to waits for ever, under the same input rules as an upload.
    const pipe = path.join(dir, 'never-written');
    await run('mkfifo', [pipe]);
    const endless = [
      ...ffmpegInput({ path: pipe, container: 'mpegts', frame: { width: 320, height: 240 } }),
      '-f',
      'null',
      '-',
    ];
    const started = performance.now();
    await expect(runFfmpeg('ffmpeg', endless, { durationSeconds: 1, timeoutMs: 500 })).rejects.toBeInstanceOf(
      FfmpegTimedOut,
    );
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('kills the command when its run is aborted, and rejects with the abort', async () => {
    const pipe = path.join(dir, 'never-written-either');
    await run('mkfifo', [pipe]);
    const endless = [
      ...ffmpegInput({ path: pipe, container: 'mpegts', frame: { width: 320, height: 240 } }),
      '-f',
      'null',
      '-',
    ];
    const controller = new AbortController();
    const running = runFfmpeg('ffmpeg', endless, {
      durationSeconds: 1,
      timeoutMs: 600_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 200);
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('reports a failing command with the end of what it said', async () => {
    const error = await runFfmpeg(
      'ffmpeg',
      [
        ...ffmpegInput({
          path: path.join(dir, 'missing.mp4'),
          container: 'mov',
          frame: { width: 320, height: 240 },
        }),
        '-f',
        'null',
        '-',
      ],
      {
        durationSeconds: 1,
        timeoutMs: 10_000,
      },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FfmpegFailed);
    expect((error as FfmpegFailed).exitCode).not.toBe(0);
    expect((error as FfmpegFailed).stderrTail).toContain('No such file or directory');
  });
});

describe('progressPercent', () => {
  it.each([
    ['out_time_us=5000000', 50],
    ['out_time_us=12000000', 100],
    ['progress=end', 100],
    ['progress=continue', undefined],
    ['out_time_us=N/A', undefined],
    ['frame=42', undefined],
  ])('%s → %s', (line, expected) => {
    expect(progressPercent(line, 10)).toBe(expected);
  });
});
