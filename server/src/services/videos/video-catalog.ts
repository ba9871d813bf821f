// Videos as their pages show them, read through the cache. Every committed write to a video deletes its
// entry (the repositories report their writes); subscriber counts may lag by up to the entry's TTL
// (docs/architecture.md, "The read path").
import type { ReadThrough } from '../../adapters/cache/read-through.js';
import type { VideoRepository } from '../../adapters/db/video.repository.js';
import type { LiveFacts, VideoWithChannel } from '../../domain/video.js';

/** v6: the entry carries the video's live facts; older entries, without them, are never read. */
export const videoCacheKey = (videoId: string) => `video:v6:${videoId}`;

type Cached = Omit<
  VideoWithChannel,
  'createdAt' | 'updatedAt' | 'publishedAt' | 'uploadExpiresAt' | 'live'
> & {
  live: (Omit<LiveFacts, 'startedAt' | 'endedAt'> & { startedAt: string; endedAt: string | null }) | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  uploadExpiresAt: string | null;
};

export class VideoCatalog {
  constructor(
    private readonly videos: VideoRepository,
    private readonly readThrough: ReadThrough,
    private readonly forgetKeys: (...keys: string[]) => Promise<void>,
  ) {}

  /** The result is shared by every caller reading the same version of the video: do not change it. */
  find(videoId: string): Promise<VideoWithChannel | undefined> {
    return this.readThrough.get(
      videoCacheKey(videoId),
      () => this.videos.findWithChannel(videoId),
      (json) => revive(json as Cached),
    );
  }

  /** A channel's name or avatar changed: every page of its videos shows them. */
  async forgetChannel(channelId: string): Promise<void> {
    const ids = await this.videos.idsOfChannel(channelId);
    for (let start = 0; start < ids.length; start += 500) {
      await this.forgetKeys(...ids.slice(start, start + 500).map(videoCacheKey));
    }
  }
}

function revive(cached: Cached): VideoWithChannel {
  const date = (value: string | null) => (value === null ? null : new Date(value));
  return {
    ...cached,
    createdAt: new Date(cached.createdAt),
    updatedAt: new Date(cached.updatedAt),
    publishedAt: date(cached.publishedAt),
    uploadExpiresAt: date(cached.uploadExpiresAt),
    live: cached.live && {
      ...cached.live,
      startedAt: new Date(cached.live.startedAt),
      endedAt: date(cached.live.endedAt),
    },
  };
}
