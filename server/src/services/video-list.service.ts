// Lists of videos: newest on the platform, a channel's, and those of the channels I follow. Only public,
// ready videos are ever listed; unlisted ones are reachable by their link alone.
import type { ChannelRepository } from '../adapters/db/channel.repository.js';
import type { ListFilter, VideoRepository } from '../adapters/db/video.repository.js';
import { NotFound } from './errors.js';
import { decodeCursor, type Page, toPage } from './page-cursor.js';
import type { VideoWithChannel } from './videos.js';

export class VideoListService {
  constructor(
    private readonly videos: VideoRepository,
    private readonly channels: ChannelRepository,
  ) {}

  newest(limit: number, cursor?: string): Promise<Page<VideoWithChannel>> {
    return this.list({}, limit, cursor);
  }

  async ofChannel(handle: string, limit: number, cursor?: string): Promise<Page<VideoWithChannel>> {
    const channel = await this.channels.findByHandle(handle);
    if (!channel) throw new NotFound('channel_not_found', `No channel has the handle @${handle}`);
    return this.list({ channelId: channel.id }, limit, cursor);
  }

  followedBy(userId: string, limit: number, cursor?: string): Promise<Page<VideoWithChannel>> {
    return this.list({ followedBy: userId }, limit, cursor);
  }

  private async list(filter: ListFilter, limit: number, cursor?: string): Promise<Page<VideoWithChannel>> {
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const rows = await this.videos.listListed(
      filter,
      limit + 1,
      after && { publishedAt: after.at, id: after.id },
    );
    // Listed videos are ready, so they have a publication time.
    return toPage(rows, limit, (video) => ({ at: video.publishedAt ?? video.createdAt, id: video.id }));
  }
}
