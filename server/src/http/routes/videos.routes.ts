// Videos as viewers and owners see them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../route-deps.js';
import { errorResponses } from '../schemas.js';

export const videoRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { videos, present, identifyAccount },
) => {
  app.get(
    '/videos/:id',
    {
      preHandler: identifyAccount,
      schema: {
        tags: ['videos'],
        summary: 'A video: its owner sees it in every state, with progress; others once it is ready',
        params: Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{11}$' }) }),
        response: { 200: Type.Ref('Video'), ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const viewerId = request.authenticated?.account.id;
      return present.video(await videos.getForViewer(request.params.id, viewerId), viewerId);
    },
  );
};
