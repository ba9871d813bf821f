// /videos/:id/progress — where I am in a video, kept in my history so it resumes there.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../../authentication.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses } from '../../schemas.js';
import { VideoParams, WatchedSeconds } from '../../video.schemas.js';

const recordPosition = {
  tags: ['watching'],
  summary: 'Remember where I am in a video (kept in my history unless I paused it)',
  params: VideoParams,
  body: Type.Object({ positionSeconds: WatchedSeconds }, { additionalProperties: false }),
  response: { 204: Type.Null(), ...errorResponses(400, 401, 404) },
};

export const progressRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { history, requireAccount },
) => {
  app.addHook('preHandler', requireAccount);

  app.put('/videos/:id/progress', { schema: recordPosition }, async (request, reply) => {
    const userId = currentAccount(request).account.id;
    await history.record(userId, request.params.id, request.body.positionSeconds);
    return reply.code(204).send(null);
  });
};
