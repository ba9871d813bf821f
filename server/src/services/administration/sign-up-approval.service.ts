// Accounts that signed up while sign-ups needed approval: administrators list them, approve them (they
// may sign in from then on) or decline them (the account and its channel are deleted). Each decision is
// in the audit log.
import type { AuditLogRepository } from '../../adapters/db/audit-log.repository.js';
import type { Decision, PendingAccountRepository } from '../../adapters/db/pending-account.repository.js';
import type { PendingAccount } from '../../domain/account.js';
import { NotFound } from '../../domain/errors.js';
import { type Page, readPage } from '../../domain/page.js';
import { type Actor, withPower } from '../../domain/roles.js';

export interface SignUpApprovalDeps {
  pending: PendingAccountRepository;
  auditLog: AuditLogRepository;
}

export class SignUpApprovalService {
  constructor(private readonly deps: SignUpApprovalDeps) {}

  async waiting(actor: Actor, limit: number, cursor?: string): Promise<Page<PendingAccount>> {
    withPower(actor, 'administer');
    return readPage(
      cursor,
      limit,
      (count, after) => this.deps.pending.oldest(count, after),
      (account) => ({ at: account.createdAt, id: account.id }),
      'uuid',
    );
  }

  async decide(actor: Actor, userId: string, decision: Decision, reason: string | null): Promise<void> {
    withPower(actor, 'administer');
    const decided = await this.deps.pending.decide(userId, decision, (handle, trx) =>
      this.deps.auditLog.record({
        actorId: actor.id,
        action: decision === 'approve' ? 'account_approved' : 'account_declined',
        targetKind: 'account',
        targetId: userId,
        reason,
        details: { handle },
      })(trx),
    );
    if (!decided) throw new NotFound('account_not_pending', 'No account with this id awaits approval');
  }
}
