// Prometheus scrape endpoint, and the request-latency histogram it reports. Keep it off the public
// internet (docs/operations.md).
import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../../metrics.js';

/** On the root instance, so the hook sees every route. */
export function registerMetrics(app: FastifyInstance, metrics: Metrics): void {
  // Labelled by route pattern, never by raw URL, so the number of series stays bounded.
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpRequestDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode },
      reply.elapsedTime / 1000,
    );
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}
