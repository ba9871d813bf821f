// /admin/comments — moderators remove any comment.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../../authentication.js';
import { OptionalReason } from '../../moderation.schemas.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses } from '../../schemas.js';

const removeComment = {
  tags: ['moderation'],
  summary: 'Remove any comment (a thread with replies shows as deleted); closes its reports',
  params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
  querystring: OptionalReason,
  response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
};

export const adminCommentRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { moderation, requireAccount },
) => {
  app.delete(
    '/admin/comments/:id',
    { preHandler: requireAccount, schema: removeComment },
    async (request, reply) => {
      const actor = currentAccount(request).account;
      await moderation.removeComment(actor, request.params.id, request.query.reason ?? null);
      return reply.code(204).send(null);
    },
  );
};
