// Who runs the instance: administrators (everything, roles included), moderators (reports, hiding videos,
// removing comments) and members (everyone else). One check per power, so every refusal reads the same.
import { Forbidden } from './errors.js';

export const ROLES = ['administrator', 'moderator', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** Who acts: their id for the audit log, their role for the right to. */
export interface Actor {
  id: string;
  role: Role;
}

/** What a role may do beyond a member's. */
export type Power = 'moderate' | 'administer';

const HOLDERS: Record<Power, readonly Role[]> = {
  moderate: ['administrator', 'moderator'],
  administer: ['administrator'],
};

const REFUSALS: Record<Power, string> = {
  moderate: 'Only moderators and administrators can do this',
  administer: 'Only administrators can do this',
};

export function holds(role: Role, power: Power): boolean {
  return HOLDERS[power].includes(role);
}

/** Returns `actor` when its role holds `power`; refuses with 403 otherwise. */
export function withPower<T extends { role: Role }>(actor: T, power: Power): T {
  if (holds(actor.role, power)) return actor;
  throw new Forbidden(`not_${power === 'moderate' ? 'moderator' : 'administrator'}`, REFUSALS[power]);
}
