// The stitcher publishes a chunked video's progress whatever order its parts finish in: playlists list the
// finished chunks from the first on and never shrink; the master waits for the first chunk and the audio;
// the video is ready only when every part is done, and then its pieces and record go.
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChunkedTranscodeRepository } from '../../../src/adapters/db/chunked-transcode.repository.js';
import { piecesPrefix } from '../../../src/domain/video-files.js';
import { type ChunkedPlan, planChunkedTranscode } from '../../../src/media/chunked-transcode.js';
import { DEFAULT_STORYBOARD } from '../../../src/media/storyboard.js';
import { DEFAULT_POLICY } from '../../../src/media/transcode-policy.js';
import type { VariantPlaylist } from '../../../src/media/variant-playlist.js';
import { ChunkStitcher } from '../../../src/services/processing/chunk-stitcher.js';
import { register } from '../../support/accounts.js';
import { probedSource, STEREO_AAC } from '../../support/probed-sources.js';
import { startTestPlatform, type TestPlatform } from '../../support/test-platform.js';

const source = probedSource({ width: 640, height: 360 }, { durationSeconds: 30, audio: STEREO_AAC });
const plan = planChunkedTranscode(source, {
  policy: DEFAULT_POLICY,
  storyboard: DEFAULT_STORYBOARD,
  deadline: { perSourceSecond: 10, minimumMs: 60_000, maximumMs: 600_000 },
  chunks: { minChunkedSeconds: 10, chunkSeconds: 8 },
}) as ChunkedPlan;

let test: TestPlatform;
let chunks: ChunkedTranscodeRepository;
let stitcher: ChunkStitcher;
let owner: Awaited<ReturnType<typeof register>>;
let videoId: string;

beforeAll(async () => {
  test = await startTestPlatform();
  owner = await register(test.app);
  chunks = new ChunkedTranscodeRepository(test.platform.database.db);
  stitcher = new ChunkStitcher({
    chunks,
    videos: test.platform.repositories.videoStates,
    storage: test.platform.storage,
    announce: async () => {},
    logger: pino({ level: 'silent' }),
  });
});
afterAll(() => test.close());

beforeEach(async () => {
  const { videos, videoStates, channels } = test.platform.repositories;
  const channel = await channels.findByHandle(owner.handle);
  videoId = randomBytes(8).toString('base64url');
  await videos.insert({
    id: videoId,
    ownerId: owner.id,
    channelId: channel?.id as string,
    fileName: 'long.mp4',
    size: 1_000,
    contentType: 'video/mp4',
    uploadId: 'upload',
    partSize: 8 * 1024 * 1024,
    uploadExpiresAt: new Date(Date.now() + 3_600_000),
  });
  await videoStates.queue(videoId, { title: 'Long', description: '', visibility: 'public' }, async () => {});
  await videoStates.startProcessing(videoId);
  expect(await chunks.begin(videoId, plan, plan.chunks.length, async () => {})).toBe(true);
  await test.platform.storage.putObject('raw', `${piecesPrefix(videoId)}chunk-0.mkv`, Buffer.from('piece'), {
    contentType: 'video/x-matroska',
  });
});

/** What a chunk's encode reports: its segments on the grid (short ones at the opening), numbered on. */
function chunkPlaylists(index: number): Record<string, VariantPlaylist> {
  const chunk = plan.chunks[index] as (typeof plan.chunks)[number];
  const end = chunk.startSeconds + chunk.durationSeconds;
  const segments: VariantPlaylist['segments'] = [];
  for (let start = chunk.startSeconds; start < end; ) {
    const length = start < plan.policy.openingSeconds ? plan.policy.openingSegmentSeconds : 4;
    const uri = `segment-${String(chunk.firstSegment + segments.length).padStart(5, '0')}.m4s`;
    segments.push({ uri, durationSeconds: Math.min(length, end - start) });
    start += length;
  }
  return Object.fromEntries(
    plan.ladder.map((rung, rungIndex) => [rung.name, { initUri: `init_${rungIndex}.mp4`, segments }]),
  );
}

async function published(file: string): Promise<string | undefined> {
  const object = await test.platform.storage.getObject('processed', `videos/${videoId}/${file}`);
  if (!object) return undefined;
  const parts: Buffer[] = [];
  for await (const part of object.body) parts.push(part as Buffer);
  return Buffer.concat(parts).toString();
}

const segmentsListed = (playlist: string | undefined) =>
  (playlist ?? '').split('\n').filter((line) => line.startsWith('segment-'));

const video = () => test.platform.repositories.videos.findById(videoId);

describe('stitching a chunked video', () => {
  it('publishes only from the first chunk on, whatever order chunks finish in', async () => {
    await chunks.recordChunk(videoId, 1, chunkPlaylists(1));
    await stitcher.stitch(videoId);
    expect(await published('360p/playlist.m3u8')).toBeUndefined();

    await chunks.recordChunk(videoId, 0, chunkPlaylists(0));
    await stitcher.stitch(videoId);
    const growing = await published('360p/playlist.m3u8');
    // The first chunk's five segments (four of the opening), the second chunk's two.
    expect(segmentsListed(growing)).toEqual([0, 1, 2, 3, 4, 5, 6].map((n) => `segment-0000${n}.m4s`));
    expect(growing).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
    expect(growing).toContain('#EXT-X-MAP:URI="init_1.mp4"');
    expect(growing).not.toContain('#EXT-X-ENDLIST');
    expect(await video()).toMatchObject({ state: 'processing', playable: false, progress: 53 });
  });

  it('makes the video playable once the first chunk and the audio have their first segments out', async () => {
    await stitcher.leadPublished(videoId, 'chunk');
    expect(await published('master.m3u8')).toBeUndefined();
    expect(await video()).toMatchObject({ playable: false });

    await stitcher.leadPublished(videoId, 'audio');
    expect(await published('master.m3u8')).toBe(plan.masterPlaylist);
    expect(await video()).toMatchObject({ state: 'processing', playable: true });
  });

  it('makes the video playable once the first chunk and the audio are out, and ready once every part is', async () => {
    await chunks.recordAudio(videoId, { initUri: 'init_0.mp4', segments: [] });
    await stitcher.stitch(videoId);
    expect(await published('master.m3u8')).toBeUndefined();
    expect(await video()).toMatchObject({ playable: false });

    await chunks.recordChunk(videoId, 0, chunkPlaylists(0));
    await stitcher.stitch(videoId);
    expect(await published('master.m3u8')).toBe(plan.masterPlaylist);
    expect(await video()).toMatchObject({ state: 'processing', playable: true });

    for (const index of [3, 2, 1]) {
      await chunks.recordChunk(videoId, index, chunkPlaylists(index));
      await stitcher.stitch(videoId);
    }
    const complete = await published('240p/playlist.m3u8');
    expect(segmentsListed(complete)).toHaveLength(11);
    expect(complete).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(complete?.trim().endsWith('#EXT-X-ENDLIST')).toBe(true);
    expect(await video()).toMatchObject({ state: 'processing' });

    await chunks.recordExtras(videoId);
    await stitcher.stitch(videoId);
    expect(await video()).toMatchObject({
      state: 'ready',
      progress: 100,
      durationSeconds: 30,
      width: 640,
      height: 360,
      // Every chunk's output starts at 1 s: captions are mapped there.
      mediaStartSeconds: 1,
    });
    expect(await chunks.plan(videoId)).toBeUndefined();
    expect(
      await test.platform.storage.getObject('raw', `${piecesPrefix(videoId)}chunk-0.mkv`),
    ).toBeUndefined();
  });
});
