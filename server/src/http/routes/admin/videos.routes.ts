// /admin/videos — moderators hide a video from everyone but its owner and moderators, or show it again.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../../authentication.js';
import { VideoModeration } from '../../moderation.schemas.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses } from '../../schemas.js';
import { VideoParams } from '../../video.schemas.js';

const moderateVideo = {
  tags: ['moderation'],
  summary: 'Hide a video (its media links stop working at once) or show it again; closes its reports',
  params: VideoParams,
  body: VideoModeration,
  response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
};

export const adminVideoRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { moderation, requireAccount },
) => {
  app.put(
    '/admin/videos/:id/moderation',
    { preHandler: requireAccount, schema: moderateVideo },
    async (request, reply) => {
      const { state, reason } = request.body;
      await moderation.moderateVideo(currentAccount(request).account, request.params.id, state, reason);
      return reply.code(204).send(null);
    },
  );
};
