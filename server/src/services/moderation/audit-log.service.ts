// The audit log as administrators read it: every moderation action, newest first.
import type { AuditLogRepository } from '../../adapters/db/audit-log.repository.js';
import type { AuditEntry } from '../../domain/moderation.js';
import { type Page, readPage } from '../../domain/page.js';
import { type Actor, withPower } from '../../domain/roles.js';

export class AuditLogService {
  constructor(private readonly auditLog: AuditLogRepository) {}

  async read(actor: Actor, limit: number, cursor?: string): Promise<Page<AuditEntry>> {
    withPower(actor, 'administer');
    return readPage(
      cursor,
      limit,
      (count, after) => this.auditLog.newest(count, after),
      (entry) => ({ at: entry.createdAt, id: entry.id }),
      'counted',
    );
  }
}
