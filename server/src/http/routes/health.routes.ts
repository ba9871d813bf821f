// Liveness (`/healthz`: the process answers) and readiness (`/readyz`: its dependencies answer).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../route-deps.js';

const DependencyStatus = Type.Object({
  status: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  latencyMs: Type.Integer(),
  error: Type.Optional(Type.String()),
});
const ReadinessReport = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('degraded'), Type.Literal('unavailable')]),
  checks: Type.Record(Type.String(), DependencyStatus),
});

const livenessCheck = {
  tags: ['health'],
  summary: 'The process is up',
  response: { 200: Type.Object({ status: Type.Literal('ok') }) },
};

const readinessCheck = {
  tags: ['health'],
  summary: 'Database, storage and queue answer (cache down only degrades)',
  response: { 200: ReadinessReport, 503: ReadinessReport },
};

export const healthRoutes: FastifyPluginAsyncTypebox<Pick<RouteDeps, 'readiness'>> = async (
  app,
  { readiness },
) => {
  app.get('/healthz', { schema: livenessCheck }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', { schema: readinessCheck }, async (_request, reply) => {
    const report = await readiness.check();
    return reply.status(report.status === 'unavailable' ? 503 : 200).send(report);
  });
};
