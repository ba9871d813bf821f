// Test helpers for accounts: unique registrations, roles and authorised requests through app.inject().
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Role } from '../../src/domain/roles.js';
import type { Platform } from '../../src/platform/platform.js';

export interface NewUser {
  email: string;
  password: string;
  handle: string;
  displayName: string;
}

export function newUser(overrides: Partial<NewUser> = {}): NewUser {
  const id = randomBytes(4).toString('hex');
  return {
    email: `viewer.${id}@example.test`,
    password: 'correct horse battery staple',
    handle: `viewer_${id}`,
    displayName: `Viewer ${id}`,
    ...overrides,
  };
}

/** A client address of its own, so per-IP rate limits of one request never touch another test's. */
export function randomAddress(): string {
  const [a, b, c] = randomBytes(3);
  return `10.${a}.${b}.${c}`;
}

export async function register(app: FastifyInstance, user: NewUser = newUser()) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: user,
    remoteAddress: randomAddress(),
  });
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json() as { token: string; user: { id: string; handle: string } };
  return { ...user, token: body.token, id: body.user.id, response };
}

export function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

/** Gives a registered person a role the way the command line does (`vidstream admin grant`). */
export async function promote(platform: Platform, person: { email: string }, role: Role): Promise<void> {
  await platform.services.roles.grant(person.email, role);
}
