// Suspending an account and lifting it (moderators and administrators): the account can no longer sign in
// and its channel and videos are withdrawn from everyone else, until the suspension is lifted. Each change
// closes the open reports on the account's channel and is in the audit log, in its own transaction.
import type { AccountRepository } from '../../adapters/db/account.repository.js';
import type {
  AccountSuspensionRepository,
  AdmitSuspension,
} from '../../adapters/db/account-suspension.repository.js';
import type { AuditLogRepository } from '../../adapters/db/audit-log.repository.js';
import { inSequence } from '../../adapters/db/in-transaction.js';
import type { ReportRepository } from '../../adapters/db/report.repository.js';
import { NotFound } from '../../domain/errors.js';
import { type Actor, withPower } from '../../domain/roles.js';
import { admitSuspensionChange, type SuspensionChange } from '../../domain/suspension.js';

export interface AccountSuspensionDeps {
  accounts: AccountRepository;
  suspensions: AccountSuspensionRepository;
  reports: ReportRepository;
  auditLog: AuditLogRepository;
}

const OUTCOMES = { suspend: 'account_suspended', lift: 'suspension_lifted' } as const;

export class AccountSuspensionService {
  constructor(private readonly deps: AccountSuspensionDeps) {}

  suspend(actor: Actor, userId: string, reason: string): Promise<void> {
    return this.change(actor, userId, 'suspend', reason);
  }

  lift(actor: Actor, userId: string, reason: string | null): Promise<void> {
    return this.change(actor, userId, 'lift', reason);
  }

  private async change(
    actor: Actor,
    userId: string,
    change: SuspensionChange,
    reason: string | null,
  ): Promise<void> {
    // A member learns nothing of which accounts exist; the other rules are checked under the row's lock.
    withPower(actor, 'moderate');
    const account = await this.deps.accounts.findById(userId);
    if (!account) throw new NotFound('account_not_found', 'No such account');
    const outcome = OUTCOMES[change];
    const record = inSequence(
      this.deps.reports.closeOpenOn({ kind: 'channel', itemId: account.channel.id }, outcome),
      this.deps.auditLog.record({
        actorId: actor.id,
        action: outcome,
        targetKind: 'account',
        targetId: userId,
        reason,
        details: { handle: account.channel.handle },
      }),
    );
    const admit: AdmitSuspension = (target) => admitSuspensionChange(actor, target, change);
    const changed = await this.deps.suspensions[change](userId, admit, record);
    if (!changed) throw new NotFound('account_not_found', 'No such account');
  }
}
