// Uploads straight to storage: plan the parts, say which are stored, abort, and complete — which checks
// the object and, in one transaction, queues the video with its transcode job.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../adapters/db/schema.js';
import type { VideoRepository } from '../adapters/db/video.repository.js';
import type { VideoStateRepository } from '../adapters/db/video-state.repository.js';
import { type MultipartUploads, UploadPartRefused } from '../adapters/storage/multipart-uploads.js';
import type { ObjectStorage } from '../adapters/storage/object-storage.js';
import { Conflict, InvalidInput, NotFound } from '../domain/errors.js';
import { ownedBy } from '../domain/ownership.js';
import { MAX_PART_NUMBER, type PartReference, type UploadedPart } from '../domain/upload.js';
import type { PublishedDetails, Video, VideoWithChannel } from '../domain/video.js';
import { rawKey } from '../domain/video-files.js';
import { formatBytes } from './format-bytes.js';
import type { UploadQuota, UploadQuotaStatus } from './upload-quota.js';
import type { VideoCatalog } from './videos/video-catalog.js';

/** A new video's id: 64 random bits, URL-safe (uploads and live streams alike). */
export function newVideoId(): string {
  return randomBytes(8).toString('base64url');
}

/** MIME types of the containers the worker accepts (checked again by probing after upload). */
export const ACCEPTED_CONTENT_TYPES = [
  'video/mp4',
  'video/quicktime',
  'video/x-matroska',
  'video/webm',
  'video/x-msvideo',
  'video/avi',
  'video/mp2t',
  'video/x-flv',
  'video/ogg',
  'video/3gpp',
  'video/3gpp2',
];

const MIN_PART_BYTES = 8 * 1024 * 1024;
const MIB = 1024 * 1024;
const UPLOAD_LIFETIME_MS = 24 * 3_600_000;
/** Part URLs are handed out for this long; a client resuming later asks for fresh ones. */
const PART_URL_LIFETIME_MS = 6 * 3_600_000;

export interface UploadDeps {
  videos: VideoRepository;
  states: VideoStateRepository;
  /** Where the completed video is read back, as its page shows it. */
  catalog: VideoCatalog;
  multipart: MultipartUploads;
  storage: ObjectStorage;
  /** Enqueues in the given transaction; the owner's videos take turns with other accounts'. */
  enqueueTranscode: (
    video: { id: string; ownerId: string },
    transaction: Kysely<Database>,
  ) => Promise<unknown>;
  maxUploadBytes: number;
  quota: UploadQuota;
  now?: () => Date;
}

export interface NewUpload {
  fileName: string;
  size: number;
  contentType: string;
}

export interface UploadPlan {
  video: Video;
  parts: { partNumber: number; url: string }[];
  partUrlsExpireAt: Date;
}

export class UploadService {
  private readonly now: () => Date;

  constructor(private readonly deps: UploadDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async start(owner: { id: string; channelId: string }, upload: NewUpload): Promise<UploadPlan> {
    if (upload.size > this.deps.maxUploadBytes) {
      throw new InvalidInput(`Videos may be at most ${formatBytes(this.deps.maxUploadBytes)}`, 'size');
    }
    if (!ACCEPTED_CONTENT_TYPES.includes(upload.contentType)) {
      throw new InvalidInput(
        'This kind of file is not accepted; upload MP4, MOV, MKV, WebM or AVI',
        'contentType',
      );
    }
    const { quota } = this.deps;
    await quota.checkStart(owner.id, upload.size, this.now());
    const id = newVideoId();
    const uploadId = await this.deps.multipart.create(rawKey(id), upload.contentType);
    const newVideo = {
      id,
      ownerId: owner.id,
      channelId: owner.channelId,
      fileName: upload.fileName,
      size: upload.size,
      contentType: upload.contentType,
      uploadId,
      partSize: partSizeFor(upload.size),
      uploadExpiresAt: new Date(this.now().getTime() + UPLOAD_LIFETIME_MS),
    };
    // Checked again under the account's lock: parallel starts cannot all slip under the limit.
    const video = await quota
      .admitStart(owner.id, upload.size, this.now(), (transaction) =>
        this.deps.videos.insert(newVideo, transaction),
      )
      .catch(async (error: unknown) => {
        await this.deps.multipart.abort(rawKey(id), uploadId);
        throw error;
      });
    return this.plan(video);
  }

  /** The account's upload limits and how much of each it uses now, for the studio. */
  quotaOf(ownerId: string): Promise<UploadQuotaStatus> {
    return this.deps.quota.status(ownerId, this.now());
  }

  /** The plan again, with fresh part URLs, and the parts storage already holds. */
  async status(actorId: string, videoId: string): Promise<UploadPlan & { storedParts: UploadedPart[] }> {
    const video = await this.ownVideo(actorId, videoId);
    if (video.state !== 'awaiting_upload' || !video.uploadId)
      return { video, parts: [], partUrlsExpireAt: this.now(), storedParts: [] };
    const storedParts = await this.deps.multipart.listParts(rawKey(video.id), video.uploadId);
    return { ...(await this.plan(video)), storedParts };
  }

  async abort(actorId: string, videoId: string): Promise<void> {
    const video = await this.ownVideo(actorId, videoId);
    if (video.state !== 'awaiting_upload')
      throw new Conflict('upload_finished', 'This upload is already complete');
    await this.discard(video);
  }

  /** Aborts uploads never completed before their deadline and forgets them; returns how many. */
  async expireStale(limit = 100): Promise<number> {
    const stale = await this.deps.videos.findExpiredUploads(this.now(), limit);
    for (const video of stale) await this.discard(video);
    return stale.length;
  }

  /**
   * Forgets an upload never queued: its parts, the file they make if a completion already assembled it
   * (one that then lost the database, or was refused by the queue limit), and its row.
   */
  private async discard(video: Video): Promise<void> {
    const key = rawKey(video.id);
    if (video.uploadId) await this.deps.multipart.abort(key, video.uploadId);
    await this.deps.storage.deleteObject('raw', key);
    await this.deps.videos.delete(video.id);
  }

  /** Completing twice is harmless: the second call changes nothing. Returns the video as its owner sees it. */
  async complete(
    actorId: string,
    videoId: string,
    parts: PartReference[],
    details: PublishedDetails,
  ): Promise<VideoWithChannel> {
    await this.queueUploaded(await this.ownVideo(actorId, videoId), parts, details);
    const video = await this.deps.catalog.find(videoId);
    if (!video || video.state === 'deleted') throw new NotFound('video_not_found', 'No such video');
    return video;
  }

  private async queueUploaded(
    video: Video,
    parts: PartReference[],
    details: PublishedDetails,
  ): Promise<void> {
    if (video.state !== 'awaiting_upload' || !video.uploadId) return;
    const admitQueue = await this.deps.quota.checkQueue(video.ownerId, this.now());
    const key = rawKey(video.id);
    try {
      await this.deps.multipart.complete(key, video.uploadId, parts);
    } catch (error) {
      // A concurrent call may have completed it first.
      const current = await this.deps.videos.findById(video.id);
      if (current && current.state !== 'awaiting_upload') return;
      // Or an earlier call assembled the file and then lost the database before queueing the video:
      // storage no longer knows the upload, but holds its object. Queue it now.
      if (!(await this.deps.storage.headObject('raw', key))) {
        if (error instanceof UploadPartRefused)
          throw new InvalidInput('The parts listed are not the parts uploaded', 'parts');
        throw error;
      }
    }
    const stored = await this.deps.storage.headObject('raw', key);
    if (stored?.size !== video.source.size) {
      await this.deps.storage.deleteObject('raw', key);
      await this.deps.videos.delete(video.id);
      throw new InvalidInput(
        `The uploaded file has ${stored?.size ?? 0} bytes but ${video.source.size} were announced; upload it again`,
        'parts',
      );
    }
    await this.deps.states.queue(
      video.id,
      details,
      (trx) => this.deps.enqueueTranscode(video, trx),
      // Counted again under the account's lock: parallel completions cannot all slip under the limit.
      admitQueue,
    );
  }

  private async ownVideo(actorId: string, videoId: string): Promise<Video> {
    const video = await this.deps.videos.findById(videoId);
    if (!video) throw new NotFound('upload_not_found', 'No such upload');
    return ownedBy(video, actorId, 'video');
  }

  private async plan(video: Video): Promise<UploadPlan> {
    const partUrlsExpireAt = new Date(this.now().getTime() + PART_URL_LIFETIME_MS);
    const count = Math.max(1, Math.ceil(video.source.size / video.partSize));
    const parts = await Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const partNumber = index + 1;
        const bytes = Math.min(video.partSize, video.source.size - index * video.partSize);
        const url = await this.deps.multipart.partUrl(
          rawKey(video.id),
          video.uploadId ?? '',
          partNumber,
          bytes,
          partUrlsExpireAt,
        );
        return { partNumber, url };
      }),
    );
    return { video, parts, partUrlsExpireAt };
  }
}

/** At least 8 MiB (S3 wants 5), whole MiB, and few enough parts for S3's limit of 10 000. */
export function partSizeFor(size: number): number {
  return Math.max(MIN_PART_BYTES, Math.ceil(size / MAX_PART_NUMBER / MIB) * MIB);
}
