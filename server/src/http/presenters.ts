// Shapes domain objects into the JSON the API answers with.
import type { Account, Channel } from '../services/accounts.js';
import type { ChannelBody, UserBody } from './schemas.js';

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

  private avatarUrl(channel: Channel): string | null {
    return channel.avatarKey ? `${this.mediaBaseUrl}/${channel.avatarKey}` : null;
  }
}
