// Shapes domain objects into the JSON the API answers with.
import type { Account, Channel } from '../services/accounts.js';
import type { UploadPlan as UploadPlanData } from '../services/upload.service.js';
import type { Video } from '../services/videos.js';
import type { ChannelBody, UserBody } from './schemas.js';
import type { VideoBody } from './video.schemas.js';

export class Presenter {
  constructor(private readonly mediaBaseUrl: string) {}

  user(account: Account): UserBody {
    return {
      id: account.id,
      email: account.email,
      handle: account.channel.handle,
      displayName: account.channel.displayName,
      avatarUrl: this.avatarUrl(account.channel),
      createdAt: account.createdAt.toISOString(),
    };
  }

  channel(channel: Channel): ChannelBody {
    return {
      id: channel.id,
      handle: channel.handle,
      displayName: channel.displayName,
      description: channel.description,
      avatarUrl: this.avatarUrl(channel),
      subscriberCount: channel.subscriberCount,
      videoCount: channel.videoCount,
      createdAt: channel.createdAt.toISOString(),
    };
  }

  /** Processing progress and errors are the owner's business only. */
  video(video: Video, viewerId: string | undefined): VideoBody {
    const owner = video.ownerId === viewerId;
    return {
      id: video.id,
      channelId: video.channelId,
      title: video.title,
      description: video.description,
      state: video.state,
      visibility: video.visibility,
      ...(owner ? { progress: video.progress, error: video.error } : {}),
      durationSeconds: video.durationSeconds,
      width: video.width,
      height: video.height,
      renditions: (video.renditions ?? []).map(({ name, width, height, frameRate }) => ({
        name,
        width,
        height,
        frameRate,
      })),
      createdAt: video.createdAt.toISOString(),
      publishedAt: video.publishedAt?.toISOString() ?? null,
    };
  }

  uploadPlan({ video, parts, partUrlsExpireAt }: UploadPlanData) {
    return {
      uploadId: video.id,
      videoId: video.id,
      state: video.state,
      size: video.source.size,
      partSize: video.partSize,
      parts,
      expiresAt: partUrlsExpireAt.toISOString(),
    };
  }

  private avatarUrl(channel: Channel): string | null {
    return channel.avatarKey ? `${this.mediaBaseUrl}/${channel.avatarKey}` : null;
  }
}
