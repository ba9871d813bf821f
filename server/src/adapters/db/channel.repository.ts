// SQL for channels. Handles are matched case-insensitively (unique index on lower(handle)).
// Every write reports the channel as changed once it is committed, for the caches that show it.
import { type Kysely, type Selection, sql } from 'kysely';
import type { Channel } from '../../domain/account.js';
import type { Database } from './schema.js';

export const CHANNEL_COLUMNS = [
  'channels.id',
  'channels.owner_id',
  'channels.handle',
  'channels.display_name',
  'channels.description',
  'channels.avatar_key',
  'channels.subscriber_count',
  'channels.video_count',
  'channels.created_at',
] as const;

type ChannelSelection = Selection<Database, 'channels', (typeof CHANNEL_COLUMNS)[number]>;

export function toChannel(row: ChannelSelection): Channel {
  return {
    id: row.id,
    ownerId: row.owner_id,
    handle: row.handle,
    displayName: row.display_name,
    description: row.description,
    avatarKey: row.avatar_key,
    subscriberCount: row.subscriber_count,
    videoCount: row.video_count,
    createdAt: row.created_at,
  };
}

export interface ChannelChanges {
  displayName?: string;
  description?: string;
}

/** Told after each committed write to a channel. */
export type ChannelChanged = (channelId: string) => Promise<void>;

export class ChannelRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly changed: ChannelChanged,
  ) {}

  async findByHandle(handle: string): Promise<Channel | undefined> {
    const row = await this.db
      .selectFrom('channels')
      .select(CHANNEL_COLUMNS)
      .where(sql`lower(handle)`, '=', handle.toLowerCase())
      .executeTakeFirst();
    return row && toChannel(row);
  }

  async update(channelId: string, changes: ChannelChanges): Promise<Channel> {
    const row = await this.db
      .updateTable('channels')
      .set({ display_name: changes.displayName, description: changes.description })
      .where('id', '=', channelId)
      .returning(CHANNEL_COLUMNS)
      .executeTakeFirstOrThrow();
    await this.changed(channelId);
    return toChannel(row);
  }

  /** Points the channel at a new avatar object and returns the key it replaced, if any. */
  async replaceAvatarKey(channelId: string, avatarKey: string): Promise<string | null> {
    const replaced = await this.db.transaction().execute(async (trx) => {
      const previous = await trx
        .selectFrom('channels')
        .select('avatar_key')
        .where('id', '=', channelId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      await trx.updateTable('channels').set({ avatar_key: avatarKey }).where('id', '=', channelId).execute();
      return previous.avatar_key;
    });
    await this.changed(channelId);
    return replaced;
  }
}
