// Per-route request limits (@fastify/rate-limit over the security counters): how many calls one client
// address may make in a window, refused with a 429 whose code names the limit reached.
import type { FastifyRequest } from 'fastify';
import { TooManyRequests } from '../domain/errors.js';

interface LimitContext {
  ttl: number;
}

/** Route `config` that allows `max` requests per client address in `windowMs`; `code` names the limit. */
export function requestLimit(code: string, max: number, windowMs: number) {
  return {
    rateLimit: {
      max,
      timeWindow: windowMs,
      errorResponseBuilder: (_request: FastifyRequest, context: LimitContext) => {
        const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
        return new TooManyRequests(
          `Too many requests (${code}: ${max} per ${windowMs / 1000} s); try again in ${seconds} s`,
          seconds,
          code,
        );
      },
    },
  };
}
