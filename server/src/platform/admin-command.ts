// `vidstream admin grant EMAIL [--role administrator|moderator|member]`: the operator's way, on the server
// itself, to give an account a role (an administrator by default), before any administrator can sign in.
import { ROLES, type Role } from '../domain/roles.js';
import type { RoleService } from '../services/moderation/roles.service.js';

export const ADMIN_USAGE = `Usage: vidstream admin grant EMAIL [--role ${ROLES.join('|')}]`;

export interface Grant {
  email: string;
  role: Role;
}

/** A command line that is not one `vidstream admin` understands. */
export class AdminUsageError extends Error {
  constructor(problem: string) {
    super(`${problem}\n${ADMIN_USAGE}`);
  }
}

/** Reads the words after `vidstream admin`; checked before anything is opened. */
export function parseAdminCommand(words: string[]): Grant {
  const [command, email, ...options] = words;
  if (command !== 'grant') throw new AdminUsageError(`Unknown admin command "${command ?? ''}".`);
  if (!email || email.startsWith('--')) throw new AdminUsageError('Name the account by its email.');
  if (options.length === 0) return { email, role: 'administrator' };
  const [flag, role] = options;
  if (flag !== '--role' || options.length !== 2)
    throw new AdminUsageError(`Unexpected "${options.join(' ')}".`);
  if (!ROLES.includes(role as Role)) throw new AdminUsageError(`"${role}" is not a role.`);
  return { email, role: role as Role };
}

export async function runAdminCommand(grant: Grant, roles: RoleService): Promise<string> {
  await roles.grant(grant.email, grant.role);
  return `${grant.email} is now ${grant.role === 'member' ? 'a member' : `an ${grant.role}`}`;
}
