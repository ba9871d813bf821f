// /videos/:id/views — time watched, reported by the player: counted as a view once per viewer and hour.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses } from '../../schemas.js';
import { VideoParams, WatchedSeconds } from '../../video.schemas.js';

const reportViewing = {
  tags: ['watching'],
  summary: 'Report time watched: counts a view once per viewer and hour, after 10 s (or the whole video)',
  params: VideoParams,
  body: Type.Object(
    {
      sessionId: Type.String({
        pattern: '^[A-Za-z0-9_-]{8,64}$',
        description: "The player's own random id, kept for the browser session",
      }),
      watchedSeconds: WatchedSeconds,
    },
    { additionalProperties: false },
  ),
  response: { 200: Type.Object({ counted: Type.Boolean() }), ...errorResponses(400, 404) },
};

export const viewRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { views, identifyAccount }) => {
  app.post('/videos/:id/views', { preHandler: identifyAccount, schema: reportViewing }, async (request) => {
    const { sessionId, watchedSeconds } = request.body;
    const viewer = { userId: request.authenticated?.account.id, sessionId };
    return { counted: await views.record(request.params.id, viewer, watchedSeconds) };
  });
};
