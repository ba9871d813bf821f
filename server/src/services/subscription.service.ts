// Subscriptions: follow a channel (not your own), stop following, list what I follow.
import type { ChannelRepository } from '../adapters/db/channel.repository.js';
import type { SubscriptionRepository } from '../adapters/db/subscription.repository.js';
import type { Channel, SubscribedChannel } from '../domain/account.js';
import { Conflict, NotFound } from '../domain/errors.js';
import { type Page, readPage } from '../domain/page.js';

export interface SubscriptionState {
  subscribed: boolean;
  subscriberCount: number;
}

export class SubscriptionService {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly channels: ChannelRepository,
  ) {}

  /** Subscribing twice is harmless: the second call changes nothing. */
  async subscribe(actorId: string, handle: string): Promise<SubscriptionState> {
    const channel = await this.channel(handle);
    if (channel.ownerId === actorId) {
      throw new Conflict('own_channel', 'You cannot subscribe to your own channel');
    }
    return { subscribed: true, subscriberCount: await this.subscriptions.subscribe(actorId, channel.id) };
  }

  async unsubscribe(actorId: string, handle: string): Promise<SubscriptionState> {
    const channel = await this.channel(handle);
    return { subscribed: false, subscriberCount: await this.subscriptions.unsubscribe(actorId, channel.id) };
  }

  async list(actorId: string, limit: number, cursor?: string): Promise<Page<SubscribedChannel>> {
    return readPage(
      cursor,
      limit,
      (count, after) =>
        this.subscriptions.list(actorId, count, after && { subscribedAt: after.at, channelId: after.id }),
      (row) => ({ at: row.subscribedAt, id: row.channel.id }),
      'uuid',
    );
  }

  private async channel(handle: string): Promise<Channel> {
    const channel = await this.channels.findByHandle(handle);
    if (!channel) throw new NotFound('channel_not_found', `No channel has the handle @${handle}`);
    return channel;
  }
}
