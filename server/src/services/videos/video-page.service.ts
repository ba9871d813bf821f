// A video as its page shows it to one person: the video (through the cache) and, for someone signed in,
// their reaction and where they stopped last time; for a live video, how many are watching.

import type { ReactionValue } from '../../domain/reaction.js';
import type { Role } from '../../domain/roles.js';
import type { VideoEdit, VideoWithChannel } from '../../domain/video.js';
import type { ReactionService } from '../reaction.service.js';
import type { LivePresenceService } from '../views/live-presence.service.js';
import type { WatchHistoryService } from '../watch-history.service.js';
import type { VideoService } from './video.service.js';

/** What a video page shows only to the signed-in viewer it is for. */
export interface ViewerState {
  reaction: ReactionValue | undefined;
  resumeAtSeconds: number | null;
}

export interface VideoPage {
  video: VideoWithChannel;
  /** Only for a signed-in viewer. */
  viewer?: ViewerState;
  /** Only while the video is live: people watching it now. */
  liveViewers?: number;
}

export class VideoPageService {
  constructor(
    private readonly videos: VideoService,
    private readonly reactions: ReactionService,
    private readonly history: WatchHistoryService,
    private readonly presence: LivePresenceService,
  ) {}

  /** `role` lets moderators see a video they or others hid. */
  async show(videoId: string, viewerId: string | undefined, role?: Role): Promise<VideoPage> {
    const video = await this.videos.getForViewer(videoId, viewerId, role);
    const liveViewers = video.live?.state === 'live' ? await this.presence.viewers(video.id) : undefined;
    if (!viewerId) return { video, liveViewers };
    const [reaction, resumeAtSeconds] = await Promise.all([
      this.reactions.mine(video.id, viewerId),
      this.history.resumePosition(viewerId, video),
    ]);
    return { video, viewer: { reaction, resumeAtSeconds }, liveViewers };
  }

  /** The owner's change, then the page as the owner now sees it. */
  async edit(videoId: string, actorId: string, edit: VideoEdit): Promise<VideoPage> {
    await this.videos.edit(videoId, actorId, edit);
    return this.show(videoId, actorId);
  }
}
