// SQL for subscriptions. The row and the channel's subscriber count change in one transaction; an insert
// that finds the row already there, or a delete that finds none, changes no count, so racing requests
// keep the count exact without a lock.
import type { Kysely } from 'kysely';
import type { SubscribedChannel } from '../../domain/account.js';
import { rowsAfter } from './keyset.js';
import { CHANNEL_COLUMNS, toChannel } from './rows.js';
import type { Database } from './schema.js';

/** Where a page of my subscriptions ends: the next page starts strictly after it. */
export interface SubscriptionCursor {
  subscribedAt: Date;
  channelId: string;
}

export class SubscriptionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Returns the channel's subscriber count after the change. */
  async subscribe(subscriberId: string, channelId: string): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('subscriptions')
        // Milliseconds, as a JS Date holds them, so a page cursor compares exactly with the stored time.
        .values({ subscriber_id: subscriberId, channel_id: channelId, created_at: new Date() })
        .onConflict((conflict) => conflict.doNothing())
        .returning('channel_id')
        .executeTakeFirst();
      return this.adjustCount(trx, channelId, inserted ? 1 : 0);
    });
  }

  async unsubscribe(subscriberId: string, channelId: string): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const deleted = await trx
        .deleteFrom('subscriptions')
        .where('subscriber_id', '=', subscriberId)
        .where('channel_id', '=', channelId)
        .returning('channel_id')
        .executeTakeFirst();
      return this.adjustCount(trx, channelId, deleted ? -1 : 0);
    });
  }

  async isSubscribed(subscriberId: string, channelId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('subscriptions')
      .select('channel_id')
      .where('subscriber_id', '=', subscriberId)
      .where('channel_id', '=', channelId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Newest first, keyset-paged: no OFFSET, however many there are. */
  async list(subscriberId: string, limit: number, after?: SubscriptionCursor): Promise<SubscribedChannel[]> {
    let query = this.db
      .selectFrom('subscriptions')
      .innerJoin('channels', 'channels.id', 'subscriptions.channel_id')
      .select([...CHANNEL_COLUMNS, 'subscriptions.created_at as subscribed_at'])
      .where('subscriptions.subscriber_id', '=', subscriberId)
      // A suspended account's channel is out of sight, here too; the subscription stays for its return.
      .where('channels.suspended_at', 'is', null);
    if (after) {
      query = query.where(
        rowsAfter(
          ['subscriptions.created_at', 'subscriptions.channel_id'],
          [after.subscribedAt, after.channelId],
        ),
      );
    }
    const rows = await query
      .orderBy('subscriptions.created_at', 'desc')
      .orderBy('subscriptions.channel_id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ channel: toChannel(row), subscribedAt: row.subscribed_at }));
  }

  private async adjustCount(trx: Kysely<Database>, channelId: string, by: number): Promise<number> {
    const row = await trx
      .updateTable('channels')
      .set((eb) => ({ subscriber_count: eb('subscriber_count', '+', by) }))
      .where('id', '=', channelId)
      .returning('subscriber_count')
      .executeTakeFirstOrThrow();
    return row.subscriber_count;
  }
}
