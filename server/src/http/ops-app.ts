// What a `vidstream worker` process serves on PORT: liveness, readiness and metrics (its transcode
// durations live only there), for the orchestrator and Prometheus. No API, no web app.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Platform } from '../platform.js';
import { registerErrorHandler } from './error-handler.js';
import { healthRoutes } from './routes/health.routes.js';
import { registerMetrics } from './routes/metrics.routes.js';

export async function buildOpsApp(platform: Platform): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: platform.logger as FastifyBaseLogger,
  }).withTypeProvider<TypeBoxTypeProvider>();
  registerErrorHandler(app);
  registerMetrics(app, platform.metrics);
  await app.register(healthRoutes, { readiness: platform.services.readiness });
  return app;
}
