// Which stored file a media URL names, and whether its requester may have it. Every video file needs a
// playback token for that video, public ones too: a CDN in front of the bucket can then check access
// statelessly, without knowing any video's visibility (docs/architecture.md).
import type { StorageArea } from '../adapters/storage/object-storage.js';
import { Forbidden, NotFound } from '../domain/errors.js';
import { processedPrefix } from '../domain/video-files.js';
import { mediaFileServing } from '../media/published-files.js';
import { AVATAR_CACHE_CONTROL } from './channel.service.js';
import type { PlaybackTokens } from './playback-tokens.js';

/** A stored object and how to serve it. */
export interface StoredObject {
  area: StorageArea;
  key: string;
  contentType: string;
  cacheControl: string;
}

export class MediaService {
  constructor(private readonly playbackTokens: PlaybackTokens) {}

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
