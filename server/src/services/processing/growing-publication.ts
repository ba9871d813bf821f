// Publishes an HLS ladder while the encoder is still writing it. Every second it reads each rendition's
// playlist from the scratch directory, uploads the segments it lists that are not yet in storage, then
// the playlist itself, so a published playlist never names a segment that is not there. Once every
// rendition has a segment, the master playlist goes up and the video is playable. Growing playlists are
// served `no-cache`: a CDN must not keep one once the video is complete.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { ObjectStorage } from '../../adapters/storage/object-storage.js';
import { MASTER_PLAYLIST, PLAYLIST_EXTENSION, VARIANT_PLAYLIST } from '../../domain/video-files.js';
import { describeOutput } from '../../media/published-files.js';
import type { LadderPlan } from '../../media/transcode-source.js';

/** What to publish: the renditions' folders and, unless someone else publishes it, the master playlist. */
type GrowingLadder = Pick<LadderPlan, 'renditions'> & Partial<Pick<LadderPlan, 'masterPlaylist'>>;

export const GROWING = 'no-cache';

export interface GrowingPublicationDeps {
  storage: ObjectStorage;
  /** The video's prefix in the processed area. */
  prefix: string;
  outputDir: string;
  intervalMs: number;
  /** Called once, when every rendition has a segment out (and the master playlist, if given, is published). */
  onPlayable: () => Promise<void>;
  logger: Logger;
  /** A rendition's playlist as it stands, when not the encoder's one file (a live stream's runs, joined). */
  readPlaylist?: (rendition: string) => Promise<string | undefined>;
}

export class GrowingPublication {
  private readonly published = new Set<string>();
  private readonly playlists = new Map<string, string>();
  private plan: GrowingLadder | undefined;
  private playable = false;
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> = Promise.resolve();
  private inSweep = false;

  constructor(private readonly deps: GrowingPublicationDeps) {}

  start(plan: GrowingLadder): void {
    this.plan = plan;
    this.timer = setInterval(() => this.sweep(), this.deps.intervalMs);
  }

  /** Stops sweeping; what was published stays. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /**
   * Once the encoder has ended: publishes what it wrote last, then every playlist as it ends (with
   * `EXT-X-ENDLIST`) and its usual cache life. For a ladder nobody else completes (a live stream).
   */
  async finish(): Promise<void> {
    await this.stop();
    await this.publishNew();
    for (const [key, playlist] of this.playlists) await this.put(key, Buffer.from(playlist), false);
  }

  /**
   * Takes back the playlists it published, master first, so that no player is sent to a segment about to
   * be deleted; the caller stops it first and then deletes the rest.
   */
  async withdraw(): Promise<void> {
    this.playable = false;
    await this.deps.storage.deleteObject('processed', `${this.deps.prefix}${MASTER_PLAYLIST}`);
    for (const key of this.playlists.keys())
      await this.deps.storage.deleteObject('processed', `${this.deps.prefix}${key}`);
    this.playlists.clear();
  }

  /** Whether a file (relative to the output directory) is already in storage as it will stay. */
  holds(relativePath: string): boolean {
    return this.published.has(relativePath);
  }

  get isPlayable(): boolean {
    return this.playable;
  }

  /** A tick while the last sweep still runs is skipped: the next one after it sees what is new. */
  private sweep(): void {
    if (this.inSweep) return;
    this.inSweep = true;
    this.sweeping = this.publishNew()
      .catch((error: unknown) =>
        this.deps.logger.warn(
          { err: error, prefix: this.deps.prefix },
          'growing ladder not published; will retry',
        ),
      )
      .finally(() => {
        this.inSweep = false;
      });
  }

  private async publishNew(): Promise<void> {
    const plan = this.plan;
    if (!plan) return;
    let everyRenditionStarted = true;
    for (const rendition of plan.renditions) {
      const playlist = await this.readPlaylist(rendition);
      const segments = playlist ? filesNamedIn(playlist) : [];
      if (!playlist || segments.length < 2) {
        everyRenditionStarted = false; // the init segment and at least one media segment
        continue;
      }
      for (const file of segments) await this.publishFile(`${rendition}/${file}`);
      const key = `${rendition}/${VARIANT_PLAYLIST}`;
      if (this.playlists.get(key) !== playlist) {
        // Still growing as far as players know: whoever takes over from this publication ends it.
        await this.put(key, Buffer.from(playlist.replace('#EXT-X-ENDLIST\n', '')));
        this.playlists.set(key, playlist);
      }
    }
    if (everyRenditionStarted && !this.playable) {
      if (plan.masterPlaylist) await this.put(MASTER_PLAYLIST, Buffer.from(plan.masterPlaylist));
      this.playable = true;
      await this.deps.onPlayable();
    }
  }

  private readPlaylist(rendition: string): Promise<string | undefined> {
    if (this.deps.readPlaylist) return this.deps.readPlaylist(rendition);
    return readFile(path.join(this.deps.outputDir, rendition, VARIANT_PLAYLIST), 'utf8').catch(
      () => undefined,
    );
  }

  private async publishFile(relativePath: string): Promise<void> {
    if (this.published.has(relativePath)) return;
    const bytes = await readFile(path.join(this.deps.outputDir, relativePath));
    await this.put(relativePath, bytes);
    this.published.add(relativePath);
  }

  private async put(
    relativePath: string,
    bytes: Buffer,
    growing = relativePath.endsWith(PLAYLIST_EXTENSION),
  ): Promise<void> {
    const { contentType, cacheControl } = describeOutput(relativePath);
    await this.deps.storage.putObject('processed', `${this.deps.prefix}${relativePath}`, bytes, {
      contentType,
      cacheControl: growing ? GROWING : cacheControl,
    });
  }
}

/** The init segments and media segments a playlist names, each init before the segments that follow it. */
function filesNamedIn(playlist: string): string[] {
  return playlist.split('\n').flatMap((line) => {
    if (line.startsWith('#EXT-X-MAP:')) return /URI="([^"]+)"/.exec(line)?.slice(1, 2) ?? [];
    return line.trim() === '' || line.startsWith('#') ? [] : [line.trim()];
  });
}
