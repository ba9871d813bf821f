import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProbeArgs, probeSource } from '../../src/media/probe.js';
import { DEFAULT_LIMITS, UnusableSource } from '../../src/media/source-facts.js';
import { makeClip, makeSoundOnly } from '../support/media-clips.js';

let dir: string;
let canary: http.Server;
let canaryUrl: string;
const canaryHits: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-probe-'));
  canary = http.createServer((request, response) => {
    canaryHits.push(request.url ?? '');
    response.end('#EXTM3U\n');
  });
  await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
  canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => canary.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const probe = (file: string) => probeSource('ffprobe', file, DEFAULT_LIMITS);

describe('buildProbeArgs', () => {
  it('reads only a local file, only from real containers, with bounded analysis', () => {
    expect(buildProbeArgs('/tmp/job/source')).toEqual([
      ...['-v', 'error', '-probesize', '50000000', '-analyzeduration', '20000000'],
      ...['-show_format', '-show_streams', '-of', 'json'],
      ...['-protocol_whitelist', 'file'],
      ...['-format_whitelist', 'mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,flv,ogg'],
      ...['-enable_drefs', '0', '-use_absolute_path', '0'],
      'file:/tmp/job/source',
    ]);
  });
});

describe('probeSource on real clips', () => {
  it('reads a landscape clip with stereo sound', async () => {
    const facts = await probe(await makeClip(dir, 'landscape.mp4', { width: 640, height: 360, seconds: 2 }));
    expect(facts.container).toBe('mov');
    expect(facts.durationSeconds).toBeCloseTo(2, 1);
    expect(facts.video).toMatchObject({ codec: 'h264', width: 640, height: 360, rotation: 0, frameRate: 30 });
    expect(facts.audio).toMatchObject({ codec: 'aac', channels: 2 });
  });

  it('reads a clip without sound, in Matroska, at 60 fps', async () => {
    const facts = await probe(await makeClip(dir, 'silent.mkv', { audioChannels: 0, frameRate: 60 }));
    expect(facts.container).toBe('matroska');
    expect(facts.video.frameRate).toBe(60);
    expect(facts.audio).toBeUndefined();
  });

  it('reads 5.1 sound', async () => {
    const facts = await probe(await makeClip(dir, 'surround.mp4', { audioChannels: 6 }));
    expect(facts.audio?.channels).toBe(6);
  });
});

describe('probeSource on hostile or broken uploads', () => {
  const refused = async (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    await writeFile(file, content);
    const error = await probe(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnusableSource);
    // The owner reads this: it names no path on the worker.
    expect((error as UnusableSource).message).not.toContain(dir);
    return (error as UnusableSource).message;
  };

  it('refuses an empty file', async () => {
    expect(await refused('empty.mp4', '')).toBe(
      'This is an empty file, not a video; upload a video as MP4, MOV, MKV, WebM or AVI',
    );
  });

  it('refuses random bytes', async () => {
    expect(
      await refused('noise.mp4', Buffer.from(Array.from({ length: 65_536 }, (_, i) => (i * 7919) % 251))),
    ).toBe('This file is not a video we can read; upload a video as MP4, MOV, MKV, WebM or AVI');
  });

  it('refuses a text file', async () => {
    expect(await refused('notes.mov', 'Dear diary, today I uploaded a text file.\n'.repeat(50))).toBe(
      'This is a text file, not a video; upload a video as MP4, MOV, MKV, WebM or AVI',
    );
  });

  it('refuses a truncated MP4', async () => {
    const whole = await makeClip(dir, 'whole.mp4', { seconds: 2 });
    const bytes = await readFile(whole);
    expect(await refused('truncated.mp4', bytes.subarray(0, 2_000))).toMatch(
      /^This is an MP4 or MOV video that is damaged or incomplete/,
    );
  });

  it('refuses a sound-only file', async () => {
    const file = await makeSoundOnly(dir, 'song.m4a');
    const error = await probe(file).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(
      'This file holds sound but no moving picture, so it is not a video; upload a video as MP4, MOV, MKV, WebM or AVI',
    );
  });

  it.each([
    [
      'an HLS playlist disguised as .mp4',
      'playlist.mp4',
      (url: string) =>
        `#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n#EXTINF:10,\n${url}/hls.ts\n#EXT-X-ENDLIST\n`,
    ],
    [
      'an ffconcat list disguised as .avi',
      'list.avi',
      (url: string) => `ffconcat version 1.0\nfile '${url}/concat.mp4'\nfile '/etc/passwd'\n`,
    ],
  ])('refuses %s and fetches nothing', async (_case, name, content) => {
    const message = await refused(name, content(canaryUrl));
    expect(message).not.toContain('root:');
    expect(canaryHits).toEqual([]);
  });
});
