// A video as other sites show it: in an embedded player, in an oEmbed answer, in the preview tags of its
// watch page. Nobody is signed in there, whoever asks: private videos never play (not even for their
// owner) and unlisted ones do, since whoever has the link may watch them; hidden ones do not exist there.
import { Forbidden, NotFound } from '../../domain/errors.js';
import { type VideoWithChannel, watchable } from '../../domain/video.js';
import { posterSize } from '../../media/poster.js';
import type { VideoCatalog } from './video-catalog.js';

/** A video other sites may show, with the size of its poster (null while the poster is not made). */
export interface SharedVideo {
  video: VideoWithChannel;
  poster: { width: number; height: number } | null;
}

export class VideoEmbedService {
  constructor(private readonly catalog: VideoCatalog) {}

  /** What an embedded player plays; a private video is refused as such, so the player can say why. */
  async play(videoId: string): Promise<VideoWithChannel> {
    const video = await this.catalog.find(videoId);
    if (!video || !watchable(video) || video.hidden) throw notFound();
    if (video.visibility === 'private') throw new Forbidden('video_private', 'This video is private');
    return video;
  }

  /** What a link preview shows: nothing at all of a private, hidden or unknown video. */
  async describe(videoId: string): Promise<SharedVideo | undefined> {
    const video = await this.catalog.find(videoId);
    if (!video || !watchable(video) || video.hidden || video.visibility === 'private') return undefined;
    const display = video.width && video.height ? { width: video.width, height: video.height } : null;
    return { video, poster: video.state === 'ready' && display ? posterSize(display) : null };
  }

  /** `describe` for an answer that says 404 when there is nothing to describe. */
  async describeOrRefuse(videoId: string): Promise<SharedVideo> {
    const shared = await this.describe(videoId);
    if (!shared) throw notFound();
    return shared;
  }
}

const notFound = () => new NotFound('video_not_found', 'No such video');
