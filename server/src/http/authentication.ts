// Who is asking: a session token from the `Authorization: Bearer` header or the session cookie.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '../domain/account.js';
import { Unauthorized } from '../domain/errors.js';
import type { AuthService, SignedIn } from '../services/auth/auth.service.js';

export const SESSION_COOKIE = 'vidstream_session';

/** The session cookie's name and whether it is always Secure, from PUBLIC_URL. */
export interface SessionCookie {
  name: string;
  secure: boolean;
}

/**
 * Over https the cookie is `__Host-vidstream_session`: browsers then accept it only Secure, for path `/`
 * and this host alone, so a sibling subdomain cannot plant or overwrite it. Over http the prefix is not
 * allowed, and the plain name is used.
 */
export function sessionCookieFor(publicUrl: string): SessionCookie {
  return new URL(publicUrl).protocol === 'https:'
    ? { name: `__Host-${SESSION_COOKIE}`, secure: true }
    : { name: SESSION_COOKIE, secure: false };
}

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

/** The bearer token sent, if any: browsers never add one on their own, so it needs no CSRF check. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() || undefined : undefined;
}

export function sessionToken(request: FastifyRequest, cookie: SessionCookie): string | undefined {
  return bearerToken(request) ?? (request.cookies[cookie.name] || undefined);
}

/** A preHandler that refuses the request unless it carries a valid session. */
export function createAccountGuard(auth: AuthService, cookie: SessionCookie) {
  return async function requireAccount(request: FastifyRequest): Promise<void> {
    const token = sessionToken(request, cookie);
    const found = token ? await auth.authenticate(token) : undefined;
    if (!found) throw new Unauthorized('unauthorized', 'Sign in to do this');
    request.authenticated = found;
  };
}

/** A preHandler that notes who is asking when the request carries a valid session, and lets anyone through. */
export function createOptionalAccountGuard(auth: AuthService, cookie: SessionCookie) {
  return async function identifyAccount(request: FastifyRequest): Promise<void> {
    const token = sessionToken(request, cookie);
    request.authenticated = token ? await auth.authenticate(token) : undefined;
  };
}

/** The signed-in account on a route guarded by `requireAccount`. */
export function currentAccount(request: FastifyRequest): Authenticated {
  if (!request.authenticated) throw new Error('route is missing the requireAccount guard');
  return request.authenticated;
}

export function setSessionCookie(
  cookie: SessionCookie,
  request: FastifyRequest,
  reply: FastifyReply,
  session: SignedIn,
): void {
  reply.setCookie(cookie.name, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: cookie.secure || request.protocol === 'https',
    path: '/',
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(
  cookie: SessionCookie,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  reply.clearCookie(cookie.name, {
    httpOnly: true,
    sameSite: 'lax',
    secure: cookie.secure || request.protocol === 'https',
    path: '/',
  });
}
