// Channels: public lookup by handle, and changes by their owner (profile fields and avatar).
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { ChannelChanges, ChannelRepository } from '../adapters/db/channel.repository.js';
import type { SubscriptionRepository } from '../adapters/db/subscription.repository.js';
import type { ObjectStorage } from '../adapters/storage/object-storage.js';
import type { Channel } from '../domain/account.js';
import { NotFound } from '../domain/errors.js';
import { ownedBy } from '../domain/ownership.js';
import { type Actor, holds } from '../domain/roles.js';
import { renderAvatar } from '../media/avatar-image.js';

export interface ChannelDeps {
  channels: ChannelRepository;
  subscriptions: SubscriptionRepository;
  storage: ObjectStorage;
  logger: Logger;
}

/** Avatars never change once written: a new upload gets a new key, so it can be cached forever. */
export const AVATAR_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export class ChannelService {
  constructor(private readonly deps: ChannelDeps) {}

  async getByHandle(handle: string): Promise<Channel> {
    const channel = await this.deps.channels.findByHandle(handle);
    if (!channel) throw new NotFound('channel_not_found', `No channel has the handle @${handle}`);
    return channel;
  }

  async getById(id: string): Promise<Channel> {
    const channel = await this.deps.channels.findById(id);
    if (!channel) throw new NotFound('channel_not_found', 'No such channel');
    return channel;
  }

  /**
   * A channel's page: with whether the viewer follows it, when someone is signed in. A suspended account's
   * channel is there for moderators and administrators only.
   */
  async getForViewer(
    handle: string,
    viewer: Actor | undefined,
  ): Promise<{ channel: Channel; subscribed: boolean | undefined }> {
    const channel = await this.getByHandle(handle);
    if (channel.suspended && !(viewer && holds(viewer.role, 'moderate')))
      throw new NotFound('channel_not_found', `No channel has the handle @${handle}`);
    const subscribed = viewer ? await this.deps.subscriptions.isSubscribed(viewer.id, channel.id) : undefined;
    return { channel, subscribed };
  }

  async update(actorId: string, handle: string, changes: ChannelChanges): Promise<Channel> {
    const channel = await this.channelOwnedBy(actorId, handle);
    return this.deps.channels.update(channel.id, changes);
  }

  async replaceAvatar(actorId: string, handle: string, upload: Buffer): Promise<Channel> {
    const channel = await this.channelOwnedBy(actorId, handle);
    const image = await renderAvatar(upload);
    const key = `avatars/${channel.id}/${randomBytes(9).toString('base64url')}.webp`;
    await this.deps.storage.putObject('processed', key, image, {
      contentType: 'image/webp',
      cacheControl: AVATAR_CACHE_CONTROL,
    });
    const previousKey = await this.deps.channels.replaceAvatarKey(channel.id, key);
    if (previousKey) {
      // The old image is no longer referenced; failing to remove it only wastes a few kilobytes.
      await this.deps.storage.deleteObject('processed', previousKey).catch((error: unknown) => {
        this.deps.logger.warn({ err: error, key: previousKey }, 'could not delete replaced avatar');
      });
    }
    return { ...channel, avatarKey: key };
  }

  private async channelOwnedBy(actorId: string, handle: string): Promise<Channel> {
    return ownedBy(await this.getByHandle(handle), actorId, 'channel');
  }
}
