// Playlists read from storage once per moment, however many viewers ask: a live playlist is polled by
// every viewer every second, and each poll was a read of storage. Concurrent reads of one playlist share
// one, and what it read is held HOLD_MS, so an API process reads each playlist at most about twice a
// second whatever its audience. A write through this process forgets the copy at once; a write by another
// process (a worker, a live process) shows within HOLD_MS, as through a CDN holding it that long.
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { ByteRange, ObjectInfo, StorageArea } from '../../domain/stored-object.js';
import type { ObjectStorage, PutOptions } from './object-storage.js';

/** Half a live segment: a viewer may be told of a new segment this much later. */
export const HOLD_MS = 500;
/** Past this many held playlists, those older than HOLD_MS are let go. */
const SWEEP_ABOVE = 1_000;

/** A playlist's bytes and the facts storage gave with them. */
export interface HeldPlaylist {
  info: ObjectInfo;
  bytes: Buffer;
}

/** Reads a playlist whole, from a copy at most HOLD_MS old. */
export interface PlaylistReads {
  readPlaylist(area: StorageArea, key: string): Promise<HeldPlaylist | undefined>;
}

interface Held {
  since: number;
  read: Promise<HeldPlaylist | undefined>;
}

export class HeldPlaylists implements ObjectStorage, PlaylistReads {
  private readonly held = new Map<string, Held>();

  constructor(
    /** The storage it holds playlists of. */
    readonly storage: ObjectStorage,
    private readonly now: () => number = performance.now.bind(performance),
  ) {}

  readPlaylist(area: StorageArea, key: string): Promise<HeldPlaylist | undefined> {
    const id = `${area}/${key}`;
    const now = this.now();
    const known = this.held.get(id);
    if (known && now - known.since < HOLD_MS) return known.read;
    const entry: Held = { since: now, read: this.readWhole(area, key) };
    this.held.set(id, entry);
    // A failed read is not held: the next viewer tries again.
    entry.read.catch(() => {
      if (this.held.get(id) === entry) this.held.delete(id);
    });
    if (this.held.size > SWEEP_ABOVE) this.letGoOfOld(now);
    return entry.read;
  }

  async putObject(area: StorageArea, key: string, body: Buffer | Readable, options: PutOptions) {
    await this.storage.putObject(area, key, body, options);
    this.held.delete(`${area}/${key}`);
  }

  getObject(area: StorageArea, key: string, range?: ByteRange) {
    return this.storage.getObject(area, key, range);
  }

  headObject(area: StorageArea, key: string) {
    return this.storage.headObject(area, key);
  }

  async deleteObject(area: StorageArea, key: string) {
    await this.storage.deleteObject(area, key);
    this.held.delete(`${area}/${key}`);
  }

  async deletePrefix(area: StorageArea, prefix: string) {
    const removed = await this.storage.deletePrefix(area, prefix);
    for (const id of this.held.keys()) if (id.startsWith(`${area}/${prefix}`)) this.held.delete(id);
    return removed;
  }

  ping() {
    return this.storage.ping();
  }

  private async readWhole(area: StorageArea, key: string): Promise<HeldPlaylist | undefined> {
    const opened = await this.storage.getObject(area, key);
    if (!opened) return undefined;
    return { info: opened.info, bytes: await buffer(opened.body) };
  }

  private letGoOfOld(now: number): void {
    for (const [id, entry] of this.held) if (now - entry.since >= HOLD_MS) this.held.delete(id);
  }
}
