// Which stored file a media URL names, and whether its requester may have it. Public videos' files are
// open to all once the video is ready; private and unlisted ones need a playback token for that video.
import type { StorageArea } from '../adapters/storage/object-storage.js';
import { mediaFileServing } from '../media/published-files.js';
import { AVATAR_CACHE_CONTROL } from './channel.service.js';
import { Forbidden, NotFound } from './errors.js';
import type { PlaybackTokens } from './playback-tokens.js';
import type { VideoCatalog } from './video-catalog.js';
import { processedPrefix } from './videos.js';

/** A stored object and how to serve it. */
export interface StoredObject {
  area: StorageArea;
  key: string;
  contentType: string;
  cacheControl: string;
}

export interface MediaDeps {
  catalog: VideoCatalog;
  playbackTokens: PlaybackTokens;
}

export class MediaService {
  constructor(private readonly deps: MediaDeps) {}

  avatar(channelId: string, file: string): StoredObject {
    const key = `avatars/${channelId}/${file}`;
    return { area: 'processed', key, contentType: 'image/webp', cacheControl: AVATAR_CACHE_CONTROL };
  }

  /** `file` is a path below the video's folder, already limited to the names a transcode writes. */
  async videoFile(videoId: string, file: string, token: string | undefined): Promise<StoredObject> {
    if (token === undefined) await this.requirePublic(videoId);
    else this.requireToken(token, videoId);
    const serving = mediaFileServing(file);
    if (!serving) throw new NotFound('media_not_found', 'No such media');
    return { area: 'processed', key: `${processedPrefix(videoId)}${file}`, ...serving };
  }

  /** Private, unlisted, unfinished and unknown videos all answer alike, so no id can be probed. */
  private async requirePublic(videoId: string): Promise<void> {
    const video = await this.deps.catalog.find(videoId);
    if (video?.visibility !== 'public' || video.state !== 'ready') {
      throw new Forbidden('playback_token_required', 'This video plays only through the URL the API gives');
    }
  }

  private requireToken(token: string, videoId: string): void {
    const refusal = this.deps.playbackTokens.check(token, videoId);
    if (refusal === 'expired')
      throw new Forbidden('playback_token_expired', 'This playback link has expired');
    if (refusal)
      throw new Forbidden('playback_token_invalid', 'This playback link is not valid for this video');
  }
}
