// SQL for the administrators' users list: accounts newest first, found by the start of their handle,
// display name or email, each with the storage its uploads take and its number of videos.
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { AccountOverview } from '../../domain/account.js';
import type { PagePosition } from '../../domain/page.js';
import { rowsAfter } from './keyset.js';
import type { Database } from './schema.js';

/** What counts: every video not deleted, by the size of its upload (the only size recorded). */
const STORED = sql<SqlBool>`videos.state <> 'deleted'`;

export class AccountListRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async newest(search: string, limit: number, after?: PagePosition): Promise<AccountOverview[]> {
    let query = this.db
      .selectFrom('users')
      .innerJoin('channels', 'channels.owner_id', 'users.id')
      // Per row of one page (at most 101), through the owner's index on videos.
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('videos')
            .select([
              sql<string>`coalesce(sum(videos.source_size), 0)`.as('bytes'),
              sql<string>`count(*)`.as('videos'),
            ])
            .whereRef('videos.owner_id', '=', 'users.id')
            .where(STORED)
            .as('stored'),
        (join) => join.onTrue(),
      )
      .select([
        'users.id',
        'users.email',
        'users.role',
        'users.suspended_at',
        'users.created_at',
        'channels.handle',
        'channels.display_name',
        'stored.bytes',
        'stored.videos',
      ]);
    const prefix = search.trim().replace(/^@/, '').toLowerCase();
    if (prefix !== '') {
      const pattern = `${prefix.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
      query = query.where((eb) =>
        eb.or([
          eb(sql`lower(channels.handle)`, 'like', pattern),
          eb(sql`lower(channels.display_name)`, 'like', pattern),
          eb(sql`lower(users.email)`, 'like', pattern),
        ]),
      );
    }
    if (after) query = query.where(rowsAfter(['users.created_at', 'users.id'], [after.at, after.id]));
    const rows = await query
      .orderBy('users.created_at', 'desc')
      .orderBy('users.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      email: row.email,
      handle: row.handle,
      displayName: row.display_name,
      role: row.role,
      suspendedAt: row.suspended_at,
      createdAt: row.created_at,
      storageBytes: Number(row.bytes),
      videoCount: Number(row.videos),
    }));
  }

  /** What every account's uploads take together. */
  async totalStorageBytes(): Promise<number> {
    const row = await this.db
      .selectFrom('videos')
      .select(sql<string>`coalesce(sum(videos.source_size), 0)`.as('bytes'))
      .where(STORED)
      .executeTakeFirstOrThrow();
    return Number(row.bytes);
  }
}
