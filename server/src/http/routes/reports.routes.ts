// /reports — anyone signed in reports a video, a comment or a channel to the moderators.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../authentication.js';
import { NewReport } from '../moderation.schemas.js';
import { requestLimit } from '../request-limits.js';
import type { RouteDeps } from '../route-deps.js';
import { errorResponses } from '../schemas.js';

const fileReport = {
  tags: ['moderation'],
  summary: 'Report a video, comment or channel I can see; 409 while my earlier report on it is open',
  body: NewReport,
  response: { 204: Type.Null(), ...errorResponses(400, 401, 404, 409, 429) },
};

export const reportRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { reports, requireAccount, requestLimits },
) => {
  const perAddress = requestLimit('report_rate_limit', requestLimits.reportsPerMinute, 60_000);

  app.post(
    '/reports',
    { preHandler: requireAccount, config: perAddress, schema: fileReport },
    async (request, reply) => {
      await reports.file(currentAccount(request).account.id, request.body);
      return reply.code(204).send(null);
    },
  );
};
