// Every ffmpeg and ffprobe argv the code can build reads the upload under the safe-input rules, the
// checker refuses an argv that breaks any one of them, and the runner runs nothing the checker refuses.
import { access, chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAudioPieceArgs,
  buildChunkArgs,
  buildChunkedAudioArgs,
  buildPieceArgs,
  PIECE_CONTAINER,
} from '../../src/media/chunk-commands.js';
import { planChunkedStills } from '../../src/media/chunk-stills.js';
import { checkInputRules, UnsafeMediaInput } from '../../src/media/ffmpeg-input.js';
import { runFfmpeg } from '../../src/media/ffmpeg-runner.js';
import { buildAudioArgs, buildTranscodeArgs } from '../../src/media/hls-command.js';
import { displaySize, planLadder } from '../../src/media/ladder.js';
import { buildLiveArgs, DEFAULT_LIVE_LADDER, planLive } from '../../src/media/live-ladder.js';
import { buildRunStillsArgs, RECORDING_CONTAINER, runChunks } from '../../src/media/live-stills.js';
import { buildPosterArgs } from '../../src/media/poster.js';
import { buildProbeArgs } from '../../src/media/probe.js';
import { ALLOWED_CONTAINERS, type SourceFacts } from '../../src/media/source-facts.js';
import { buildStoryboardArgs, DEFAULT_STORYBOARD, planStoryboard } from '../../src/media/storyboard.js';
import { DEFAULT_POLICY } from '../../src/media/transcode-policy.js';

/** Demuxers that follow playlists and references or read whatever bytes they get. */
const DANGEROUS_DEMUXERS = ['hls', 'concat', 'image2', 'tty', 'xbin', 'dash'];
const INPUT = '/scratch/job-1/source';
const OUTPUT = '/scratch/job-1/out';

function sourceIn(container: string, size: [number, number], withAudio: boolean): SourceFacts {
  const [width, height] = size;
  return {
    container,
    startSeconds: 0,
    durationSeconds: 95,
    video: {
      streamIndex: 0,
      codec: 'h264',
      width,
      height,
      rotation: 0,
      pixelAspectRatio: 1,
      frameRate: 30,
      pixelFormat: 'yuv420p',
    },
    audio: withAudio ? { streamIndex: 1, codec: 'aac', channels: 2, sampleRate: 48_000 } : undefined,
  };
}

interface BuiltArgv {
  builder: string;
  label: string;
  program: 'ffmpeg' | 'ffprobe';
  argv: string[];
  /** The container ffmpeg must be forced to; ffprobe reads any allowed one. */
  container?: string;
  /** The one file it reads, when not the upload itself. */
  input?: string;
  /** Reads a live stream from stdin instead of a file. */
  piped?: boolean;
}

const SIZES: [number, number][] = [
  [320, 180],
  [1920, 1080],
  [1080, 1920],
];
const transcodes = ALLOWED_CONTAINERS.flatMap((container) =>
  SIZES.flatMap((size) =>
    [true, false].map((withAudio): BuiltArgv => {
      const source = sourceIn(container, size, withAudio);
      const ladder = planLadder(source, DEFAULT_POLICY);
      const argv = buildTranscodeArgs(source, ladder, DEFAULT_POLICY, { input: INPUT, outputDir: OUTPUT });
      const label = `${container} ${size.join('x')} ${withAudio ? 'with' : 'without'} audio`;
      return { builder: 'buildTranscodeArgs', label, program: 'ffmpeg', argv, container };
    }),
  ),
);
const audios = ALLOWED_CONTAINERS.map((container): BuiltArgv => {
  const source = sourceIn(container, SIZES[0] as [number, number], true);
  const argv = buildAudioArgs(source, DEFAULT_POLICY, { input: INPUT, outputDir: OUTPUT });
  return { builder: 'buildAudioArgs', label: container, program: 'ffmpeg', argv, container };
});
const stills = ALLOWED_CONTAINERS.flatMap((container) =>
  SIZES.flatMap((size): BuiltArgv[] => {
    const source = sourceIn(container, size, true);
    const display = displaySize(source.video);
    const storyboard = planStoryboard(source.durationSeconds, display, DEFAULT_STORYBOARD);
    const label = `${container} ${size.join('x')}`;
    return [
      {
        builder: 'buildPosterArgs',
        label,
        program: 'ffmpeg',
        argv: buildPosterArgs(source, display, INPUT, OUTPUT),
        container,
      },
      {
        builder: 'buildStoryboardArgs',
        label,
        program: 'ffmpeg',
        argv: buildStoryboardArgs(source, INPUT, storyboard, OUTPUT),
        container,
      },
    ];
  }),
);
const CHUNK = { index: 1, startSeconds: 40, durationSeconds: 40, firstSegment: 10, isLast: false };
const chunked = ALLOWED_CONTAINERS.flatMap((container) =>
  SIZES.flatMap((size): BuiltArgv[] => {
    const source = sourceIn(container, size, true);
    const ladder = planLadder(source, DEFAULT_POLICY);
    const label = `${container} ${size.join('x')}`;
    const piece = { piece: '/scratch/job-1/chunk-1.mkv', outputDir: OUTPUT };
    return [
      { builder: 'buildPieceArgs', argv: buildPieceArgs(source, INPUT, CHUNK, piece.piece), container },
      { builder: 'buildAudioPieceArgs', argv: buildAudioPieceArgs(source, INPUT, piece.piece), container },
      // The pieces are copies of the upload, as hostile as it: read under the same rules, as matroska.
      {
        builder: 'buildChunkArgs',
        argv: buildChunkArgs(source, ladder, DEFAULT_POLICY, CHUNK, piece),
        container: PIECE_CONTAINER,
        input: piece.piece,
      },
      // The first chunk, with the storyboard's thumbnails and the poster from the same decode.
      {
        builder: 'buildChunkArgs',
        argv: buildChunkArgs(
          source,
          ladder,
          DEFAULT_POLICY,
          { ...CHUNK, index: 0, startSeconds: 0, firstSegment: 0 },
          piece,
          planChunkedStills(1200, displaySize(source.video), DEFAULT_STORYBOARD),
        ),
        container: PIECE_CONTAINER,
        input: piece.piece,
      },
      {
        builder: 'buildChunkedAudioArgs',
        argv: buildChunkedAudioArgs(source, DEFAULT_POLICY, piece),
        container: PIECE_CONTAINER,
        input: piece.piece,
      },
    ].map((built) => ({ ...built, label, program: 'ffmpeg' }));
  }),
);
const probes = [INPUT, '/scratch/job 2/-i name with spaces'].map(
  (input): BuiltArgv => ({
    builder: 'buildProbeArgs',
    label: input,
    program: 'ffprobe',
    argv: buildProbeArgs(input),
  }),
);
/** A live stream, as the ingest hands it over: the publisher's own bytes, as hostile as an upload. */
const lives = [
  { videoCodec: 'h264' as const, width: 1280, height: 720, frameRate: 30, hasAudio: true },
  { videoCodec: 'other' as const, width: 1920, height: 1080, frameRate: 60, hasAudio: false },
].map(
  (announced): BuiltArgv => ({
    builder: 'buildLiveArgs',
    label: `${announced.videoCodec} ${announced.width}x${announced.height}`,
    program: 'ffmpeg',
    argv: buildLiveArgs(planLive(announced, DEFAULT_LIVE_LADDER), OUTPUT),
    container: 'flv',
    piped: true,
  }),
);
/**
 * An ended live stream's runs, each read back from the recording as one fragmented MP4 to make the stills:
 * the publisher's picture again, read as MP4 only.
 */
const RECORDING = { path: '/scratch/job-1/run-0.mp4', width: 640, height: 360 };
const recordedStills = planChunkedStills(60, RECORDING, DEFAULT_STORYBOARD);
const liveStills = runChunks([30, 30]).map(
  (run): BuiltArgv => ({
    builder: 'buildRunStillsArgs',
    label: `run ${run.index}`,
    program: 'ffmpeg',
    argv: buildRunStillsArgs(recordedStills, run, RECORDING, OUTPUT) ?? [],
    container: RECORDING_CONTAINER,
    input: RECORDING.path,
  }),
);
const EVERY_ARGV = [...transcodes, ...audios, ...stills, ...chunked, ...lives, ...liveStills, ...probes];

describe('every argv the code builds', () => {
  it('covers every argv builder in src/media', async () => {
    const folder = path.join(import.meta.dirname, '../../src/media');
    const builders = new Set<string>();
    // Every module, in sub-folders too (captions/).
    const files = (await readdir(folder, { recursive: true })).filter((file) => file.endsWith('.ts'));
    for (const file of files) {
      const module: Record<string, unknown> = await import(path.join(folder, file));
      for (const [name, value] of Object.entries(module))
        if (typeof value === 'function' && /^build\w*Args$/.test(name)) builders.add(name);
    }
    expect([...builders].sort()).toEqual([...new Set(EVERY_ARGV.map((built) => built.builder))].sort());
  });

  it('never allows a dangerous demuxer as a container', () => {
    for (const demuxer of DANGEROUS_DEMUXERS) expect(ALLOWED_CONTAINERS).not.toContain(demuxer);
  });

  it.each(
    EVERY_ARGV.filter((built) => built.program === 'ffmpeg').map((built) => [
      built.builder,
      built.label,
      built,
    ]),
  )(
    '%s (%s) reads one local file or its stdin, only as its probed container, never interactively',
    (_builder, _label, built) => {
      const { argv, container, input = INPUT, piped } = built as BuiltArgv;
      expect(argv).toContain('-nostdin');
      const inputs = argv.flatMap((arg, index) => (arg === '-i' ? [index] : []));
      expect(inputs).toHaveLength(1);
      const at = inputs[0] as number;
      expect(argv[at + 1]).toBe(piped ? 'pipe:0' : `file:${input}`);
      // Options before -i are the input's.
      const inputSide = argv.slice(0, at);
      expect(onlyValue(inputSide, '-protocol_whitelist')).toBe(piped ? 'pipe' : 'file');
      expect(onlyValue(inputSide, '-f')).toBe(container);
      expect(onlyValue(inputSide, '-format_whitelist')).toBe(container);
      for (const demuxer of DANGEROUS_DEMUXERS) expect(inputSide).not.toContain(demuxer);
      expect(() => checkInputRules('ffmpeg', argv)).not.toThrow();
    },
  );

  it.each(probes.map((built) => [built.label, built]))(
    'buildProbeArgs (%s) reads one local file, only from real containers, without references',
    (label, built) => {
      const { argv } = built as BuiltArgv;
      expect(argv).not.toContain('-i');
      expect(argv.at(-1)).toBe(`file:${label}`);
      expect(onlyValue(argv, '-protocol_whitelist')).toBe('file');
      expect(onlyValue(argv, '-format_whitelist')).toBe(ALLOWED_CONTAINERS.join(','));
      expect(onlyValue(argv, '-enable_drefs')).toBe('0');
      expect(onlyValue(argv, '-use_absolute_path')).toBe('0');
      expect(argv).not.toContain('-f');
      expect(() => checkInputRules('ffprobe', argv)).not.toThrow();
    },
  );
});

/** The value of an option given exactly once: a later repeat would override it. */
function onlyValue(args: string[], option: string): string | undefined {
  expect(
    args.filter((arg) => arg === option),
    option,
  ).toHaveLength(1);
  return args[args.indexOf(option) + 1];
}

/** The argv with an option and its value taken out. */
function without(argv: string[], option: string): string[] {
  const at = argv.indexOf(option);
  return [...argv.slice(0, at), ...argv.slice(at + 2)];
}

/** The argv with the first value of an option replaced. */
function withValue(argv: string[], option: string, value: string): string[] {
  const copy = [...argv];
  copy[copy.indexOf(option) + 1] = value;
  return copy;
}

/** The argv with extra arguments inserted just before its input. */
function beforeInput(argv: string[], ...extra: string[]): string[] {
  const at = argv.indexOf('-i');
  return [...argv.slice(0, at), ...extra, ...argv.slice(at)];
}

describe('checkInputRules', () => {
  const poster = buildPosterArgs(
    sourceIn('mov', [640, 360], true),
    { width: 640, height: 360 },
    INPUT,
    OUTPUT,
  );
  const probe = buildProbeArgs(INPUT);
  const live = (lives[0] as BuiltArgv).argv;

  it.each([
    ['-nostdin is missing', poster.filter((arg) => arg !== '-nostdin'), /-nostdin/],
    ['there is no -i', without(poster, '-i'), /exactly one input/],
    ['a second input is read', beforeInput(poster, '-i', `file:${INPUT}`), /exactly one input/],
    ['the input is a bare path', withValue(poster, '-i', INPUT), /"file:" path/],
    ['the input is a URL', withValue(poster, '-i', 'http://127.0.0.1/x.m3u8'), /"file:" path/],
    ['-protocol_whitelist is missing', without(poster, '-protocol_whitelist'), /-protocol_whitelist file/],
    [
      'more protocols are allowed',
      withValue(poster, '-protocol_whitelist', 'file,http'),
      /-protocol_whitelist file/,
    ],
    [
      '-protocol_whitelist is overridden',
      beforeInput(poster, '-protocol_whitelist', 'http'),
      /-protocol_whitelist file/,
    ],
    [
      '-protocol_whitelist comes after the input',
      [...without(poster, '-protocol_whitelist'), '-protocol_whitelist', 'file'],
      /-protocol_whitelist file/,
    ],
    ['the container is not forced', without(poster, '-f'), /forced \(-f\)/],
    ...DANGEROUS_DEMUXERS.map((demuxer) => [
      `the input is forced to ${demuxer}`,
      withValue(withValue(poster, '-f', demuxer), '-format_whitelist', demuxer),
      /forced \(-f\)/,
    ]),
    ['-format_whitelist is missing', without(poster, '-format_whitelist'), /-format_whitelist equal/],
    [
      '-format_whitelist allows more',
      withValue(poster, '-format_whitelist', 'mov,hls'),
      /-format_whitelist equal/,
    ],
    ['-max_pixels is missing', without(poster, '-max_pixels'), /-max_pixels/],
    ['-max_pixels is unbounded', withValue(poster, '-max_pixels', '0'), /-max_pixels/],
    ['-max_pixels is given twice', beforeInput(poster, '-max_pixels', '1000'), /-max_pixels/],
    ['a file is read as a pipe would be', withValue(poster, '-protocol_whitelist', 'pipe'), /whitelist file/],
    ['stdin is read with files allowed', withValue(live, '-protocol_whitelist', 'file'), /whitelist pipe/],
    ['another pipe is read', withValue(live, '-i', 'pipe:3'), /"file:" path/],
    [
      'stdin is read as a playlist',
      withValue(withValue(live, '-f', 'hls'), '-format_whitelist', 'hls'),
      /forced/,
    ],
  ] as [string, string[], RegExp][])('refuses an ffmpeg argv when %s', (_case, argv, rule) => {
    expect(() => checkInputRules('ffmpeg', argv)).toThrow(UnsafeMediaInput);
    expect(() => checkInputRules('ffmpeg', argv)).toThrow(rule);
  });

  it.each([
    ['the input is not last', [...probe, '-show_chapters'], /"file:" path/],
    ['the input is a bare path', [...probe.slice(0, -1), INPUT], /"file:" path/],
    ['a second input is read with -i', ['-i', `file:${INPUT}`, ...probe], /"file:" path/],
    ['-protocol_whitelist is missing', without(probe, '-protocol_whitelist'), /-protocol_whitelist file/],
    [
      'more protocols are allowed',
      withValue(probe, '-protocol_whitelist', 'file,http'),
      /-protocol_whitelist file/,
    ],
    ['-format_whitelist is missing', without(probe, '-format_whitelist'), /-format_whitelist of/],
    [
      '-format_whitelist allows more',
      withValue(probe, '-format_whitelist', `${ALLOWED_CONTAINERS.join(',')},hls`),
      /-format_whitelist of/,
    ],
    ['the format is forced', ['-f', 'concat', ...probe], /not be forced/],
    ['-enable_drefs 0 is missing', without(probe, '-enable_drefs'), /-enable_drefs 0/],
    ['-use_absolute_path 0 is missing', without(probe, '-use_absolute_path'), /-use_absolute_path 0/],
  ] as [string, string[], RegExp][])('refuses an ffprobe argv when %s', (_case, argv, rule) => {
    expect(() => checkInputRules('ffprobe', argv)).toThrow(UnsafeMediaInput);
    expect(() => checkInputRules('ffprobe', argv)).toThrow(rule);
  });
});

describe('runFfmpeg', () => {
  let dir: string;
  let standIn: string;
  let ran: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-input-rules-'));
    // Stands in for ffmpeg: it only leaves a mark that it was started.
    standIn = path.join(dir, 'ffmpeg');
    ran = path.join(dir, 'ran');
    await writeFile(standIn, `#!/bin/sh\ntouch '${ran}'\n`);
    await chmod(standIn, 0o755);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const wasStarted = () =>
    access(ran).then(
      () => true,
      () => false,
    );
  const options = { durationSeconds: 1, timeoutMs: 10_000 };

  it('refuses an argv that breaks the input rules without starting anything', async () => {
    const unsafe = ['-nostdin', '-f', 'hls', '-i', 'http://127.0.0.1/x.m3u8', '-f', 'null', '-'];
    await expect(runFfmpeg(standIn, unsafe, options)).rejects.toBeInstanceOf(UnsafeMediaInput);
    expect(await wasStarted()).toBe(false);
  });

  it('starts the program for an argv that keeps them', async () => {
    const [safe] = stills;
    await runFfmpeg(standIn, (safe as BuiltArgv).argv, options);
    expect(await wasStarted()).toBe(true);
  });
});
