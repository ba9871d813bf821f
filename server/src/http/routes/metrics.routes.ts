// Prometheus scrape endpoint, and the request-latency histogram it reports. Keep it off the public
// internet (docs/operations.md), or give it a token (METRICS_TOKEN) the scraper sends as a bearer.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Unauthorized } from '../../domain/errors.js';
import type { Metrics } from '../../metrics.js';

/** On the root instance, so the hook sees every route. */
export function registerMetrics(app: FastifyInstance, metrics: Metrics, token: string | undefined): void {
  // Labelled by route pattern, never by raw URL, so the number of series stays bounded.
  // Callback style: an async hook costs every request a promise and a turn of the microtask queue.
  app.addHook('onResponse', (request, reply, done) => {
    metrics.httpRequestDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode },
      reply.elapsedTime / 1000,
    );
    done();
  });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (token !== undefined && !sameSecret(request.headers.authorization ?? '', `Bearer ${token}`)) {
      throw new Unauthorized('metrics_token_required', 'Send the metrics token as a bearer token');
    }
    return reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}

/** Compared as digests, so neither the length nor the first wrong character shows in the timing. */
const sameSecret = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));
const digest = (text: string) => createHash('sha256').update(text).digest();
