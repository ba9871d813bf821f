// SQL for channels. Handles are matched case-insensitively (unique index on lower(handle)).
// Every write reports the channel as changed once it is committed, for the caches that show it.
import { type Kysely, sql } from 'kysely';
import type { Channel } from '../../domain/account.js';
import type { ChannelChanged } from './changes.js';
import { CHANNEL_COLUMNS, toChannel } from './rows.js';
import type { Database } from './schema.js';

export interface ChannelChanges {
  displayName?: string;
  description?: string;
}

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

  async findById(id: string): Promise<Channel | undefined> {
    const row = await this.db
      .selectFrom('channels')
      .select(CHANNEL_COLUMNS)
      .where('id', '=', id)
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
