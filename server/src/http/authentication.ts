// Who is asking: a session token from the `Authorization: Bearer` header or the session cookie.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '../domain/account.js';
import { Unauthorized } from '../domain/errors.js';
import type { AuthService, SignedIn } from '../services/auth/auth.service.js';

export const SESSION_COOKIE = 'vidstream_session';

export interface Authenticated {
  account: Account;
  tokenHash: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the `requireAccount` guard on routes that need a signed-in user. */
    authenticated?: Authenticated;
  }
}

export function sessionToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim() || undefined;
  return request.cookies[SESSION_COOKIE] || undefined;
}

/** A preHandler that refuses the request unless it carries a valid session. */
export function createAccountGuard(auth: AuthService) {
  return async function requireAccount(request: FastifyRequest): Promise<void> {
    const token = sessionToken(request);
    const found = token ? await auth.authenticate(token) : undefined;
    if (!found) throw new Unauthorized('unauthorized', 'Sign in to do this');
    request.authenticated = found;
  };
}

/** A preHandler that notes who is asking when the request carries a valid session, and lets anyone through. */
export function createOptionalAccountGuard(auth: AuthService) {
  return async function identifyAccount(request: FastifyRequest): Promise<void> {
    const token = sessionToken(request);
    request.authenticated = token ? await auth.authenticate(token) : undefined;
  };
}

/** The signed-in account on a route guarded by `requireAccount`. */
export function currentAccount(request: FastifyRequest): Authenticated {
  if (!request.authenticated) throw new Error('route is missing the requireAccount guard');
  return request.authenticated;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, session: SignedIn): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
  });
}
