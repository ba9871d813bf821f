// Which stored file a media URL names, and whether its requester may have it. Every video file needs a
// playback token for that video, public ones too: a CDN in front of the bucket can then check access
// statelessly, without knowing any video's visibility (docs/architecture.md).
import type { Readable } from 'node:stream';
import type { ObjectStorage } from '../../adapters/storage/object-storage.js';
import { Forbidden, NotFound } from '../../domain/errors.js';
import type { ByteRange, ObjectInfo, StorageArea } from '../../domain/stored-object.js';
import { processedPrefix } from '../../domain/video-files.js';
import { mediaFileServing } from '../../media/published-files.js';
import { AVATAR_CACHE_CONTROL } from '../channel.service.js';
import type { PlaybackTokens } from './playback-tokens.js';

/** A stored object and how to serve it. */
export interface StoredObject {
  area: StorageArea;
  key: string;
  contentType: string;
  cacheControl: string;
}

export class MediaService {
  constructor(
    private readonly playbackTokens: PlaybackTokens,
    private readonly storage: ObjectStorage,
  ) {}

  /** What storage holds of the object: size and validators for the answer's headers. */
  async describe(object: StoredObject): Promise<ObjectInfo> {
    const info = await this.storage.headObject(object.area, object.key);
    if (!info) throw new NotFound('media_not_found', 'No such media');
    return info;
  }

  /** The object's bytes, or one range of them, streamed from storage. */
  async read(object: StoredObject, range?: ByteRange): Promise<Readable> {
    const opened = await this.storage.getObject(object.area, object.key, range);
    if (!opened) throw new NotFound('media_not_found', 'No such media');
    return opened.body;
  }

  avatar(channelId: string, file: string): StoredObject {
    const key = `avatars/${channelId}/${file}`;
    return { area: 'processed', key, contentType: 'image/webp', cacheControl: AVATAR_CACHE_CONTROL };
  }

  /** `file` is a path below the video's folder, already limited to the names a transcode writes. */
  videoFile(videoId: string, file: string, token: string): StoredObject {
    this.requireToken(token, videoId);
    const serving = mediaFileServing(file);
    if (!serving) throw new NotFound('media_not_found', 'No such media');
    return { area: 'processed', key: `${processedPrefix(videoId)}${file}`, ...serving };
  }

  private requireToken(token: string, videoId: string): void {
    const refusal = this.playbackTokens.check(token, videoId);
    if (refusal === 'expired')
      throw new Forbidden('playback_token_expired', 'This playback link has expired');
    if (refusal)
      throw new Forbidden('playback_token_invalid', 'This playback link is not valid for this video');
  }
}
