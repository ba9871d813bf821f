// A playlist polled by every viewer is read from storage once per moment: concurrent reads share one,
// the copy is held HOLD_MS, a write through the same storage is seen at once and another's within HOLD_MS.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeldPlaylists, HOLD_MS } from '../../../src/adapters/storage/held-playlists.js';
import { LocalDiskStorage } from '../../../src/adapters/storage/local-disk-storage.js';
import type { ObjectStorage } from '../../../src/adapters/storage/object-storage.js';

const PLAYLIST = { contentType: 'application/vnd.apple.mpegurl', cacheControl: 'no-cache' };

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'vidstream-held-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** Real disk storage that counts the reads reaching it, and a clock the test moves. */
async function heldOverDisk() {
  const disk = new LocalDiskStorage({ rootDir: await mkdtemp(path.join(scratch, 'root-')) });
  const reads = { count: 0 };
  const counting: ObjectStorage = Object.assign(Object.create(disk), {
    getObject: (...args: Parameters<ObjectStorage['getObject']>) => {
      reads.count += 1;
      return disk.getObject(...args);
    },
  });
  const clock = { now: 1_000 };
  return { disk, reads, clock, held: new HeldPlaylists(counting, () => clock.now) };
}

const text = (held: { bytes: Buffer } | undefined) => held?.bytes.toString();

describe('held playlists', () => {
  it('answer many viewers at once with one read, and hold it for HOLD_MS', async () => {
    const { disk, reads, clock, held } = await heldOverDisk();
    await disk.putObject('processed', 'videos/a/playlist.m3u8', Buffer.from('#EXTM3U\n#1'), PLAYLIST);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => held.readPlaylist('processed', 'videos/a/playlist.m3u8')),
    );
    expect(reads.count).toBe(1);
    expect(new Set(answers.map(text))).toEqual(new Set(['#EXTM3U\n#1']));
    expect(answers[0]?.info.size).toBe(10);

    // Another process writes a new version: seen once the copy is HOLD_MS old, not before.
    await disk.putObject('processed', 'videos/a/playlist.m3u8', Buffer.from('#EXTM3U\n#12'), PLAYLIST);
    clock.now += HOLD_MS - 1;
    expect(text(await held.readPlaylist('processed', 'videos/a/playlist.m3u8'))).toBe('#EXTM3U\n#1');
    clock.now += 1;
    const fresh = await held.readPlaylist('processed', 'videos/a/playlist.m3u8');
    expect(text(fresh)).toBe('#EXTM3U\n#12');
    expect(fresh?.info.size).toBe(11);
    expect(reads.count).toBe(2);
  });

  it('forget a playlist written or deleted through them at once', async () => {
    const { reads, held } = await heldOverDisk();
    await held.putObject('processed', 'videos/b/master.m3u8', Buffer.from('one'), PLAYLIST);
    expect(text(await held.readPlaylist('processed', 'videos/b/master.m3u8'))).toBe('one');
    await held.putObject('processed', 'videos/b/master.m3u8', Buffer.from('two'), PLAYLIST);
    expect(text(await held.readPlaylist('processed', 'videos/b/master.m3u8'))).toBe('two');
    await held.deleteObject('processed', 'videos/b/master.m3u8');
    expect(await held.readPlaylist('processed', 'videos/b/master.m3u8')).toBeUndefined();
    await held.putObject('processed', 'videos/b/720p/playlist.m3u8', Buffer.from('three'), PLAYLIST);
    expect(text(await held.readPlaylist('processed', 'videos/b/720p/playlist.m3u8'))).toBe('three');
    await held.deletePrefix('processed', 'videos/b/');
    expect(await held.readPlaylist('processed', 'videos/b/720p/playlist.m3u8')).toBeUndefined();
    expect(reads.count).toBe(5);
  });

  it('do not hold a failed read: the next viewer tries again', async () => {
    const { disk, clock } = await heldOverDisk();
    let failures = 1;
    const flaky: ObjectStorage = Object.assign(Object.create(disk), {
      getObject: (...args: Parameters<ObjectStorage['getObject']>) =>
        failures-- > 0 ? Promise.reject(new Error('storage away')) : disk.getObject(...args),
    });
    const held = new HeldPlaylists(flaky, () => clock.now);
    await disk.putObject('processed', 'videos/c/playlist.m3u8', Buffer.from('#EXTM3U'), PLAYLIST);
    await expect(held.readPlaylist('processed', 'videos/c/playlist.m3u8')).rejects.toThrow('storage away');
    expect(text(await held.readPlaylist('processed', 'videos/c/playlist.m3u8'))).toBe('#EXTM3U');
  });
});
