// /videos/:id/presence — a player playing a live video says its viewer is here, every 15 s: the
// video's "N watching" counts the viewers heard from in the last 30 s (live-presence.service.ts).
// Anonymous viewers are known by the watch ticket their page took; reports share the view reports'
// per-address rate limit, counted apart.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { WATCH_TICKET_PATTERN } from '../../../services/views/watch-tickets.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses } from '../../schemas.js';
import { VideoParams } from '../../video.schemas.js';

const reportPresence = {
  tags: ['watching'],
  summary: 'Say I am watching a live video now (every 15 s while it plays): its live.viewers count',
  description:
    'Counts a signed-in account, or the viewer of a ticket from `POST /videos/{id}/watch-tickets`; ' +
    '`present` is false when the video is not live or the viewer is unknown.',
  params: VideoParams,
  body: Type.Object(
    {
      ticket: Type.Optional(
        Type.String({ pattern: WATCH_TICKET_PATTERN, description: 'Names a viewer not signed in' }),
      ),
    },
    { additionalProperties: false },
  ),
  response: { 200: Type.Object({ present: Type.Boolean() }), ...errorResponses(400, 404, 429) },
};

export const presenceRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { livePresence, identifyAccount } = deps;
  const perClient = { rateLimit: { max: deps.viewReportsPerMinute, timeWindow: 60_000 } };
  app.post(
    '/videos/:id/presence',
    { preHandler: identifyAccount, schema: reportPresence, config: perClient },
    async (request) => {
      const userId = request.authenticated?.account.id;
      return { present: await livePresence.report(request.params.id, userId, request.body.ticket) };
    },
  );
};
