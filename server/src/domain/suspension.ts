// Who may suspend whom: moderators and administrators suspend members; only administrators suspend staff;
// nobody suspends themselves. Suspending twice, or lifting a suspension that is not there, is a conflict
// a client can tell apart from success.
import { Conflict, Forbidden } from './errors.js';
import { type Actor, holds, type Role, withPower } from './roles.js';

export type SuspensionChange = 'suspend' | 'lift';

/** Refuses the change with the error the API answers; returns when it may happen. */
export function admitSuspensionChange(
  actor: Actor,
  target: { id: string; role: Role; suspendedAt: Date | null },
  change: SuspensionChange,
): void {
  withPower(actor, 'moderate');
  if (target.id === actor.id)
    throw new Forbidden('own_account', 'Nobody can suspend their own account or lift its suspension');
  if (target.role !== 'member' && !holds(actor.role, 'administer'))
    throw new Forbidden('target_is_staff', 'Only administrators can suspend moderators and administrators');
  if (change === 'suspend' && target.suspendedAt !== null)
    throw new Conflict('already_suspended', 'This account is already suspended');
  if (change === 'lift' && target.suspendedAt === null)
    throw new Conflict('not_suspended', 'This account is not suspended');
}

/** What a suspended account is told when it tries to sign in, upload or comment. */
export function accountSuspended(): Forbidden {
  return new Forbidden('account_suspended', 'This account is suspended');
}
