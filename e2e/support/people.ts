// Made-up people, unique per run so tests never collide on an email or handle.
import { randomBytes } from 'node:crypto';

export interface Account {
  email: string;
  password: string;
  handle: string;
  displayName: string;
}

export function newAccount(name: string): Account {
  const suffix = randomBytes(4).toString('hex');
  return {
    email: `${name.toLowerCase()}-${suffix}@example.test`,
    password: `correct horse ${suffix}`,
    handle: `${name.toLowerCase()}_${suffix}`,
    displayName: `${name} ${suffix.slice(0, 4)}`,
  };
}
