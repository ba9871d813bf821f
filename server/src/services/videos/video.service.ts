// Reading and deleting videos: the owner sees a video in every state; others only once it is ready and not
// private. Deleted videos are gone for everyone.
import type { Kysely } from 'kysely';
import type { Database } from '../../adapters/db/schema.js';
import type { VideoRepository } from '../../adapters/db/video.repository.js';
import type { VideoStateRepository } from '../../adapters/db/video-state.repository.js';
import type { VideoFiles } from '../../adapters/queue/job-definitions.js';
import type { MultipartUploads } from '../../adapters/storage/multipart-uploads.js';
import type { ObjectStorage } from '../../adapters/storage/object-storage.js';
import { NotFound } from '../../domain/errors.js';
import { ownedBy } from '../../domain/ownership.js';
import { type Video, type VideoEdit, type VideoWithChannel, visibleTo } from '../../domain/video.js';
import { piecesPrefix, processedPrefix, rawKey } from '../../domain/video-files.js';
import type { VideoCatalog } from './video-catalog.js';

export interface VideoDeps {
  videos: VideoRepository;
  states: VideoStateRepository;
  catalog: VideoCatalog;
  storage: ObjectStorage;
  multipart: MultipartUploads;
  /** Queues `removeFiles` for a deleted video, in the transaction that deletes it. */
  enqueueFileRemoval: (files: VideoFiles, transaction: Kysely<Database>) => Promise<unknown>;
}

export class VideoService {
  constructor(private readonly deps: VideoDeps) {}

  /** Read through the cache: this is the hot path of every watch page. */
  async getForViewer(videoId: string, viewerId: string | undefined): Promise<VideoWithChannel> {
    const video = await this.deps.catalog.find(videoId);
    if (!video || !visibleTo(video, viewerId)) throw new NotFound('video_not_found', 'No such video');
    return video;
  }

  /** Someone else's video is refused (403) only where they may see it; elsewhere it does not exist. */
  async getOwned(videoId: string, actorId: string): Promise<Video> {
    const video = await this.deps.videos.findById(videoId);
    if (!video || !visibleTo(video, actorId)) throw new NotFound('video_not_found', 'No such video');
    return ownedBy(video, actorId, 'video');
  }

  async edit(videoId: string, actorId: string, edit: VideoEdit): Promise<void> {
    await this.getOwned(videoId, actorId);
    const edited = await this.deps.videos.edit(videoId, edit);
    if (!edited) throw new NotFound('video_not_found', 'No such video');
  }

  /**
   * Gone for everyone at once, so a transcode still running withdraws its own output; its files go in a
   * job, retried until storage answers.
   */
  async delete(videoId: string, actorId: string): Promise<void> {
    const video = await this.getOwned(videoId, actorId);
    const files = { videoId: video.id, uploadId: video.uploadId };
    await this.deps.states.markDeleted(video.id, (trx) => this.deps.enqueueFileRemoval(files, trx));
  }

  /** Every file of a deleted video; safe to run again. */
  async removeFiles({ videoId, uploadId }: VideoFiles): Promise<void> {
    if (uploadId) await this.deps.multipart.abort(rawKey(videoId), uploadId);
    await this.deps.storage.deleteObject('raw', rawKey(videoId));
    await this.deps.storage.deletePrefix('raw', piecesPrefix(videoId));
    await this.deps.storage.deletePrefix('processed', processedPrefix(videoId));
  }
}
