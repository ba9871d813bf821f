// SQL for stream keys, found by the hash of the key; a revoked key keeps its row but is never found again.
import type { Kysely, Selectable } from 'kysely';
import type { StreamKey } from '../../domain/stream-key.js';
import type { Database, StreamKeysTable } from './schema.js';

export class StreamKeyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Stores a key unless the channel already holds `limit` keys in use (then undefined). The channel's row
   * is locked while counting, so two requests at once cannot both take the last place.
   */
  create(
    key: { ownerId: string; channelId: string; name: string; keyHash: string },
    limit: number,
  ): Promise<StreamKey | undefined> {
    return this.db.transaction().execute(async (trx) => {
      await trx.selectFrom('channels').select('id').where('id', '=', key.channelId).forUpdate().execute();
      const { count } = await trx
        .selectFrom('stream_keys')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('channel_id', '=', key.channelId)
        .where('revoked_at', 'is', null)
        .executeTakeFirstOrThrow();
      if (Number(count) >= limit) return undefined;
      const row = await trx
        .insertInto('stream_keys')
        .values({ owner_id: key.ownerId, channel_id: key.channelId, name: key.name, key_hash: key.keyHash })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toStreamKey(row);
    });
  }

  /** The owner's keys in use, oldest first. */
  async listActive(ownerId: string): Promise<StreamKey[]> {
    const rows = await this.db
      .selectFrom('stream_keys')
      .selectAll()
      .where('owner_id', '=', ownerId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toStreamKey);
  }

  /** False when the owner has no such key in use (never had it, or revoked it already). */
  async revoke(ownerId: string, id: string): Promise<boolean> {
    const revoked = await this.db
      .updateTable('stream_keys')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('owner_id', '=', ownerId)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return revoked !== undefined;
  }

  async findActiveByHash(keyHash: string): Promise<StreamKey | undefined> {
    const row = await this.db
      .selectFrom('stream_keys')
      .selectAll()
      .where('key_hash', '=', keyHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row && toStreamKey(row);
  }
}

function toStreamKey(row: Selectable<StreamKeysTable>): StreamKey {
  return {
    id: row.id,
    ownerId: row.owner_id,
    channelId: row.channel_id,
    name: row.name,
    createdAt: row.created_at,
  };
}
