// SQL for accounts that signed up while sign-ups needed approval: listed oldest first, approved (they may
// sign in from then on) or declined (deleted with their channel), with the audit entry in the same
// transaction.
import type { Kysely } from 'kysely';
import type { PendingAccount } from '../../domain/account.js';
import type { PagePosition } from '../../domain/page.js';
import { rowsAfter } from './keyset.js';
import type { Database } from './schema.js';

export type Decision = 'approve' | 'decline';

export class PendingAccountRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Oldest first, keyset-paged on (created_at, id). */
  async oldest(limit: number, after?: PagePosition): Promise<PendingAccount[]> {
    let query = this.db
      .selectFrom('users')
      .innerJoin('channels', 'channels.owner_id', 'users.id')
      .select(['users.id', 'users.email', 'users.created_at', 'channels.handle', 'channels.display_name'])
      .where('users.awaiting_approval', '=', true);
    if (after) query = query.where(rowsAfter(['users.created_at', 'users.id'], [after.at, after.id], 'asc'));
    const rows = await query.orderBy('users.created_at').orderBy('users.id').limit(limit).execute();
    return rows.map((row) => ({
      id: row.id,
      email: row.email,
      handle: row.handle,
      displayName: row.display_name,
      createdAt: row.created_at,
    }));
  }

  /**
   * Approves or declines a waiting account and runs `record` in the same transaction, told its handle.
   * False when no account with this id waits.
   */
  async decide(
    userId: string,
    decision: Decision,
    record: (handle: string, transaction: Kysely<Database>) => Promise<unknown>,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const waiting = await trx
        .selectFrom('users')
        .innerJoin('channels', 'channels.owner_id', 'users.id')
        .select('channels.handle')
        .where('users.id', '=', userId)
        .where('users.awaiting_approval', '=', true)
        .forUpdate()
        .executeTakeFirst();
      if (!waiting) return false;
      if (decision === 'approve')
        await trx.updateTable('users').set({ awaiting_approval: false }).where('id', '=', userId).execute();
      else await trx.deleteFrom('users').where('id', '=', userId).execute();
      await record(waiting.handle, trx);
      return true;
    });
  }
}
