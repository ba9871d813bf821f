// /admin/jobs — administrators see the background jobs per name, the failed ones, and retry one.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { FailedJob, JobCounts } from '../../administration.schemas.js';
import { currentAccount } from '../../authentication.js';
import { OptionalReason } from '../../moderation.schemas.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses, PageQuery } from '../../schemas.js';

const countJobs = {
  tags: ['administration'],
  summary: 'How many jobs of each name wait, run and failed',
  response: { 200: Type.Object({ queues: Type.Array(JobCounts) }), ...errorResponses(401, 403) },
};

const readFailedJobs = {
  tags: ['administration'],
  summary: 'The jobs that failed their last attempt, newest first',
  querystring: PageQuery,
  response: {
    200: Type.Object({ items: Type.Array(FailedJob), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
    ...errorResponses(400, 401, 403),
  },
};

const retryJob = {
  tags: ['administration'],
  summary: "One more attempt for a failed job; a video's failed transcode sends the video back to the queue",
  params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
  body: OptionalReason,
  response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
};

export const adminJobRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { jobAdministration, present, requireAccount },
) => {
  app.get('/admin/jobs', { preHandler: requireAccount, schema: countJobs }, async (request) => ({
    queues: await jobAdministration.counts(currentAccount(request).account),
  }));

  app.get('/admin/jobs/failed', { preHandler: requireAccount, schema: readFailedJobs }, async (request) => {
    const { limit, cursor } = request.query;
    const page = await jobAdministration.failed(currentAccount(request).account, limit, cursor);
    return { items: page.items.map((job) => present.failedJob(job)), nextCursor: page.nextCursor };
  });

  app.post(
    '/admin/jobs/:id/retry',
    { preHandler: requireAccount, schema: retryJob },
    async (request, reply) => {
      const reason = request.body.reason ?? null;
      await jobAdministration.retry(currentAccount(request).account, request.params.id, reason);
      return reply.code(204).send(null);
    },
  );
};
