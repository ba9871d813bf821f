// A video as the worker leaves it, without running ffmpeg: its row taken through the real state machine
// and stand-in files under its prefix. For tests of what happens after transcoding.
import { randomBytes } from 'node:crypto';
import type { VideoState, Visibility } from '../../src/domain/video.js';
import type { Platform } from '../../src/platform/platform.js';

/** Relative path → bytes, as a transcode lays them out. */
export type VideoFiles = Record<string, Buffer>;

export function standInFiles(): VideoFiles {
  return {
    'master.m3u8': Buffer.from('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=500000\n360p/playlist.m3u8\n'),
    '360p/playlist.m3u8': Buffer.from('#EXTM3U\n#EXT-X-MAP:URI="init.mp4"\n#EXTINF:4,\nsegment-00000.m4s\n'),
    '360p/init.mp4': randomBytes(800),
    '360p/segment-00000.m4s': randomBytes(100_000),
    'poster.jpg': randomBytes(5_000),
    'storyboard.vtt': Buffer.from('WEBVTT\n\n00:00.000 --> 00:02.000\nstoryboard-001.jpg#xywh=0,0,160,90\n'),
    'storyboard-001.jpg': randomBytes(3_000),
  };
}

export async function publishStandInVideo(
  platform: Platform,
  owner: { id: string; handle: string },
  visibility: Visibility,
  files: VideoFiles = standInFiles(),
): Promise<string> {
  const { videos, videoStates, channels } = platform.repositories;
  const channel = await channels.findByHandle(owner.handle);
  if (!channel) throw new Error(`no channel @${owner.handle}`);
  const id = randomBytes(8).toString('base64url');
  await videos.insert({
    id,
    ownerId: owner.id,
    channelId: channel.id,
    fileName: 'clip.mp4',
    size: 1_000,
    contentType: 'video/mp4',
    uploadId: 'stand-in',
    partSize: 8 * 1024 * 1024,
    uploadExpiresAt: new Date(Date.now() + 3_600_000),
  });
  await videoStates.queue(
    id,
    { title: `Video ${id}`, description: 'A stand-in', visibility },
    async () => {},
  );
  await videoStates.startProcessing(id);
  for (const [file, bytes] of Object.entries(files)) {
    await platform.storage.putObject('processed', `videos/${id}/${file}`, bytes, {
      contentType: 'application/octet-stream',
    });
  }
  await videoStates.markReady(id, {
    durationSeconds: 4,
    width: 640,
    height: 360,
    renditions: [{ name: '360p', width: 640, height: 360, frameRate: 30, maxKbps: 800 }],
  });
  return id;
}

/** Puts a video in a state directly, as a retried or unfinished job leaves it; its cache entry is not told. */
export async function forceState(platform: Platform, videoId: string, state: VideoState): Promise<void> {
  await platform.database.db
    .updateTable('videos')
    .set({ state, playable: state === 'ready' })
    .where('id', '=', videoId)
    .execute();
}

/** Gives a stand-in video (4 s long) another duration, as if its source had been that long. */
export async function setDuration(platform: Platform, videoId: string, seconds: number): Promise<void> {
  await platform.database.db
    .updateTable('videos')
    .set({ duration_seconds: seconds })
    .where('id', '=', videoId)
    .execute();
}
