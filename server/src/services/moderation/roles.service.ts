// Roles: administrators give accounts a role through the API, the operator through the command line
// (`vidstream admin grant`); the instance always keeps an administrator. Each change is in the audit log.
import type { AccountRepository } from '../../adapters/db/account.repository.js';
import type { AuditLogRepository } from '../../adapters/db/audit-log.repository.js';
import { NotFound } from '../../domain/errors.js';
import { type Actor, type Role, withPower } from '../../domain/roles.js';

export interface RoleDeps {
  accounts: AccountRepository;
  auditLog: AuditLogRepository;
}

export class RoleService {
  constructor(private readonly deps: RoleDeps) {}

  async change(actor: Actor, userId: string, role: Role, reason: string | null): Promise<void> {
    withPower(actor, 'administer');
    await this.set(actor.id, userId, role, reason);
  }

  /** The command line's grant: whoever runs it on the server is trusted; the log names no actor. */
  async grant(email: string, role: Role): Promise<void> {
    const found = await this.deps.accounts.findByEmail(email.trim());
    if (!found) throw new NotFound('account_not_found', `No account has the email ${email}`);
    await this.set(null, found.account.id, role, 'granted on the command line');
  }

  private async set(
    actorId: string | null,
    userId: string,
    role: Role,
    reason: string | null,
  ): Promise<void> {
    const previous = await this.deps.accounts.setRole(userId, role, (from, trx) =>
      this.deps.auditLog.record({
        actorId,
        action: 'role_changed',
        targetKind: 'account',
        targetId: userId,
        reason,
        details: { from, to: role },
      })(trx),
    );
    if (previous === undefined) throw new NotFound('account_not_found', 'No such account');
  }
}
