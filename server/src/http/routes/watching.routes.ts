// What the player reports while someone watches: time watched (views) and position (history, resume).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../authentication.js';
import type { RouteDeps } from '../route-deps.js';
import { errorResponses } from '../schemas.js';
import { VideoParams } from '../video.schemas.js';

const Seconds = Type.Number({ minimum: 0, maximum: 7 * 24 * 3600 });

export const watchingRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { views, history, identifyAccount, requireAccount },
) => {
  app.post(
    '/videos/:id/views',
    {
      preHandler: identifyAccount,
      schema: {
        tags: ['watching'],
        summary:
          'Report time watched: counts a view once per viewer and hour, after 10 s (or the whole video)',
        params: VideoParams,
        body: Type.Object(
          {
            sessionId: Type.String({
              pattern: '^[A-Za-z0-9_-]{8,64}$',
              description: "The player's own random id, kept for the browser session",
            }),
            watchedSeconds: Seconds,
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ counted: Type.Boolean() }), ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { sessionId, watchedSeconds } = request.body;
      const viewer = { userId: request.authenticated?.account.id, sessionId };
      return { counted: await views.record(request.params.id, viewer, watchedSeconds) };
    },
  );

  app.put(
    '/videos/:id/progress',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['watching'],
        summary: 'Remember where I am in a video (kept in my history unless I paused it)',
        params: VideoParams,
        body: Type.Object({ positionSeconds: Seconds }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const userId = currentAccount(request).account.id;
      await history.record(userId, request.params.id, request.body.positionSeconds);
      return reply.code(204).send(null);
    },
  );
};
