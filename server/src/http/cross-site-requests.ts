// CSRF beyond SameSite: a state-changing request authenticated by the session cookie (no bearer token)
// must come from this site's own pages or an allowed CORS origin. SameSite=Lax alone lets a sibling
// subdomain (same site) and some older browsers through; Origin and Sec-Fetch-Site close that.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Forbidden } from '../domain/errors.js';
import { bearerToken, type SessionCookie } from './authentication.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The rule, in order: with an `Origin` header, it must be PUBLIC_URL's origin or one of CORS_ORIGINS
 * (`null` never is); without one, `Sec-Fetch-Site` must be `same-origin` or `none` (typed or bookmarked);
 * with neither header the client is not a browser (curl, scripts, apps), which no other site can drive,
 * and it passes.
 */
export function isCrossSite(request: FastifyRequest, allowedOrigins: ReadonlySet<string>): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined) return !allowedOrigins.has(origin);
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite !== undefined) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  return false;
}

export function refuseCrossSiteRequests(
  app: FastifyInstance,
  cookie: SessionCookie,
  publicUrl: string,
  corsOrigins: string[],
): void {
  const allowedOrigins = new Set([
    new URL(publicUrl).origin,
    ...corsOrigins.map((origin) => origin.replace(/\/$/, '')),
  ]);
  // Callback style: an async hook costs every request (reads included) a promise and a microtask.
  app.addHook('onRequest', (request, _reply, done) => {
    if (!STATE_CHANGING.has(request.method) || bearerToken(request) || !request.cookies[cookie.name]) {
      done();
    } else if (isCrossSite(request, allowedOrigins)) {
      done(new Forbidden('cross_site_request', 'This request came from another site and was refused'));
    } else {
      done();
    }
  });
}
