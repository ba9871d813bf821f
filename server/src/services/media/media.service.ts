// Which stored file a media URL names, and whether its requester may have it. Every video file needs a
// playback token for that video, public ones too: a CDN in front of the bucket can then check access
// without knowing any video's visibility (docs/architecture.md). A token issued before the video's playback
// version moved on (made private, hidden by a moderator, deleted) is refused: the version comes from the cached video read, so
// a segment request stays a cache hit.
import type { Readable } from 'node:stream';
import type { PlaylistReads } from '../../adapters/storage/held-playlists.js';
import type { ObjectStorage } from '../../adapters/storage/object-storage.js';
import { Forbidden, NotFound } from '../../domain/errors.js';
import type { ByteRange, ObjectInfo, StorageArea } from '../../domain/stored-object.js';
import { PLAYLIST_EXTENSION, processedPrefix } from '../../domain/video-files.js';
import { mediaFileServing } from '../../media/published-files.js';
import { AVATAR_CACHE_CONTROL } from '../channel.service.js';
import type { VideoCatalog } from '../videos/video-catalog.js';
import type { PlaybackTokens } from './playback-tokens.js';

/** A stored object and how to serve it. */
export interface StoredObject {
  area: StorageArea;
  key: string;
  contentType: string;
  cacheControl: string;
}

/** A stored object found: its facts for the answer's headers, and its bytes (or one range of them). */
export interface OpenedObject {
  info: ObjectInfo;
  read(range?: ByteRange): Promise<Readable | Buffer>;
}

export class MediaService {
  constructor(
    private readonly playbackTokens: PlaybackTokens,
    private readonly storage: ObjectStorage,
    private readonly playlists: PlaylistReads,
    private readonly catalog: VideoCatalog,
  ) {}

  /**
   * The object, or NotFound. A playlist comes whole from a copy shared by every viewer of the moment, its
   * facts and bytes from one read; anything else is streamed from storage when its body is wanted.
   */
  async open(object: StoredObject): Promise<OpenedObject> {
    if (object.key.endsWith(PLAYLIST_EXTENSION)) {
      const held = await this.playlists.readPlaylist(object.area, object.key);
      if (!held) throw new NotFound('media_not_found', 'No such media');
      const { info, bytes } = held;
      return { info, read: async (range) => (range ? bytes.subarray(range.start, range.end + 1) : bytes) };
    }
    const info = await this.storage.headObject(object.area, object.key);
    if (!info) throw new NotFound('media_not_found', 'No such media');
    return { info, read: (range) => this.stream(object, range) };
  }

  private async stream(object: StoredObject, range?: ByteRange): Promise<Readable> {
    const opened = await this.storage.getObject(object.area, object.key, range);
    if (!opened) throw new NotFound('media_not_found', 'No such media');
    return opened.body;
  }

  avatar(channelId: string, file: string): StoredObject {
    const key = `avatars/${channelId}/${file}`;
    return { area: 'processed', key, contentType: 'image/webp', cacheControl: AVATAR_CACHE_CONTROL };
  }

  /** `file` is a path below the video's folder, already limited to the names a transcode writes. */
  async videoFile(videoId: string, file: string, token: string): Promise<StoredObject> {
    const version = this.tokenVersion(token, videoId);
    const serving = mediaFileServing(file);
    if (!serving) throw new NotFound('media_not_found', 'No such media');
    const video = await this.catalog.find(videoId);
    if (!video || video.state === 'deleted' || version < video.playbackVersion)
      throw new Forbidden(
        'playback_token_revoked',
        'This playback link was withdrawn: the video was made private, hidden or deleted',
      );
    return { area: 'processed', key: `${processedPrefix(videoId)}${file}`, ...serving };
  }

  /** Checked before any look-up, so forged tokens cost nothing but a hash. */
  private tokenVersion(token: string, videoId: string): number {
    const checked = this.playbackTokens.check(token, videoId);
    if (!('refusal' in checked)) return checked.version;
    if (checked.refusal === 'expired')
      throw new Forbidden('playback_token_expired', 'This playback link has expired');
    throw new Forbidden('playback_token_invalid', 'This playback link is not valid for this video');
  }
}
