// A video's captions, which its owner uploads (WebVTT or SRT) and removes: each is read strictly,
// cleaned, stored as WebVTT with its one-segment playlist beside the ladder, and offered in the master
// playlist as a SUBTITLES rendition. Only a ready video takes captions: its length, which every cue must
// fit in, is known then, and the encoder no longer rewrites its master playlist.
import { buffer } from 'node:stream/consumers';
import type { VideoCaptionsRepository } from '../../adapters/db/video-captions.repository.js';
import type { ObjectStorage } from '../../adapters/storage/object-storage.js';
import { captionLanguage } from '../../domain/caption-languages.js';
import { Conflict, NotFound } from '../../domain/errors.js';
import type { Video } from '../../domain/video.js';
import {
  CAPTIONS_FOLDER,
  captionPlaylistName,
  captionTrackName,
  MASTER_PLAYLIST,
  processedPrefix,
} from '../../domain/video-files.js';
import { type CaptionFormat, parseCaptionFile } from '../../media/captions/caption-file.js';
import {
  withSubtitles,
  writeCaptionPlaylist,
  writeCaptionTrack,
} from '../../media/captions/caption-playlists.js';
import { describeOutput } from '../../media/published-files.js';
import type { VideoService } from './video.service.js';

export type { CaptionFormat };

export interface VideoCaptionsDeps {
  captions: VideoCaptionsRepository;
  storage: ObjectStorage;
  /** The video, if the actor owns it (403 for another's, 404 for one they cannot see). */
  videos: Pick<VideoService, 'getOwned'>;
}

export class VideoCaptionsService {
  constructor(private readonly deps: VideoCaptionsDeps) {}

  /** Adds or replaces the caption in `tag`'s language; nothing is stored unless the whole file is good. */
  async put(videoId: string, actorId: string, tag: string, format: CaptionFormat, file: Buffer) {
    const { language } = captionLanguage(tag);
    const video = readyForCaptions(await this.deps.videos.getOwned(videoId, actorId));
    const cues = parseCaptionFile(file, format, video.durationSeconds);
    const folder = `${processedPrefix(videoId)}${CAPTIONS_FOLDER}/`;
    await this.store(
      `${folder}${captionTrackName(language)}`,
      writeCaptionTrack(cues, video.mediaStartSeconds),
    );
    await this.store(
      `${folder}${captionPlaylistName(language)}`,
      writeCaptionPlaylist(video.durationSeconds, captionTrackName(language)),
    );
    await this.change(videoId, (languages) => [...new Set([...languages, language])].sort());
  }

  /** Removes the caption: first from the master playlist, then its files. */
  async delete(videoId: string, actorId: string, tag: string): Promise<void> {
    const { language } = captionLanguage(tag);
    const video = await this.deps.videos.getOwned(videoId, actorId);
    if (!video.captionLanguages.includes(language)) {
      throw new NotFound('caption_not_found', `This video has no caption in ${language}`);
    }
    await this.change(videoId, (languages) => languages.filter((other) => other !== language));
    const folder = `${processedPrefix(videoId)}${CAPTIONS_FOLDER}/`;
    await this.deps.storage.deleteObject('processed', `${folder}${captionPlaylistName(language)}`);
    await this.deps.storage.deleteObject('processed', `${folder}${captionTrackName(language)}`);
  }

  private async change(videoId: string, change: (languages: string[]) => string[]): Promise<void> {
    const changed = await this.deps.captions.change(videoId, change, (languages) =>
      this.publishMaster(videoId, languages),
    );
    if (!changed) throw new NotFound('video_not_found', 'No such video');
  }

  /** Rewrites only the master playlist: the ladder's playlists and segments stay as the encoder left them. */
  private async publishMaster(videoId: string, languages: string[]): Promise<void> {
    const key = `${processedPrefix(videoId)}${MASTER_PLAYLIST}`;
    const stored = await this.deps.storage.getObject('processed', key);
    if (!stored) throw new Conflict('video_not_ready', 'The video has no master playlist to add captions to');
    const tracks = languages.map((language) => ({
      language,
      label: captionLanguage(language).label,
      playlistUri: `${CAPTIONS_FOLDER}/${captionPlaylistName(language)}`,
    }));
    await this.store(key, withSubtitles((await buffer(stored.body)).toString('utf8'), tracks));
  }

  private async store(key: string, text: string): Promise<void> {
    const { contentType, cacheControl } = describeOutput(key);
    await this.deps.storage.putObject('processed', key, Buffer.from(text), { contentType, cacheControl });
  }
}

function readyForCaptions(video: Video): Video & { durationSeconds: number } {
  if (video.state !== 'ready' || video.durationSeconds === null) {
    throw new Conflict('video_not_ready', 'Captions can be added once the video has finished processing');
  }
  return { ...video, durationSeconds: video.durationSeconds };
}
