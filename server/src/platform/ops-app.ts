// What a `vidstream worker` process serves on PORT: liveness, readiness and metrics (its transcode
// durations live only there), for the orchestrator and Prometheus. No API, no web app.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { isDatabaseAway } from '../adapters/db/outage.js';
import { registerErrorHandler } from '../http/error-handler.js';
import { healthRoutes } from '../http/routes/health.routes.js';
import { registerMetrics } from '../http/routes/metrics.routes.js';
import type { Platform } from './platform.js';

export async function buildOpsApp(platform: Platform): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: platform.logger as FastifyBaseLogger,
  }).withTypeProvider<TypeBoxTypeProvider>();
  registerErrorHandler(app, isDatabaseAway);
  registerMetrics(app, platform.metrics, platform.config.metricsToken);
  await app.register(healthRoutes, { readiness: platform.services.readiness });
  return app;
}
