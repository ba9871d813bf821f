// SQL for the audit log: every moderation action, written in the transaction of the action itself, and read
// newest first by administrators. Actors and targets are kept by id, so the log outlives both.
import type { Kysely } from 'kysely';
import type { AuditEntry, NewAuditEntry } from '../../domain/moderation.js';
import type { PagePosition } from '../../domain/page.js';
import type { InTransaction } from './in-transaction.js';
import { rowsAfter } from './keyset.js';
import type { Database } from './schema.js';

export class AuditLogRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Writes the entry in the transaction it is given: the action's own. */
  record(entry: NewAuditEntry): InTransaction {
    return (trx) =>
      trx
        .insertInto('audit_log')
        .values({
          actor_id: entry.actorId,
          action: entry.action,
          target_kind: entry.targetKind,
          target_id: entry.targetId,
          reason: entry.reason,
          details: JSON.stringify(entry.details),
          created_at: new Date(),
        })
        .execute();
  }

  /**
   * Newest first, keyset-paged on (created_at, id), with the handle of each actor's channel; the id orders
   * entries of the same millisecond as they were written.
   */
  async newest(limit: number, after?: PagePosition): Promise<AuditEntry[]> {
    let query = this.db
      .selectFrom('audit_log')
      .leftJoin('channels', 'channels.owner_id', 'audit_log.actor_id')
      .selectAll('audit_log')
      .select('channels.handle as actor_handle');
    if (after) query = query.where(rowsAfter(['audit_log.created_at', 'audit_log.id'], [after.at, after.id]));
    const rows = await query
      .orderBy('audit_log.created_at', 'desc')
      .orderBy('audit_log.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      actorId: row.actor_id,
      actorHandle: row.actor_handle,
      action: row.action,
      targetKind: row.target_kind,
      targetId: row.target_id,
      reason: row.reason,
      details: row.details,
      createdAt: row.created_at,
    }));
  }
}
