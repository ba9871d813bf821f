// /videos/:id/views — the player reports time watched on the ticket its page took when it opened
// (watch-tickets.routes.ts): a view counts once per viewer and hour, and only for time the server saw pass
// since the ticket. Reports are rate-limited per client address.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { addressGroup } from '../../../domain/client-address.js';
import { WATCH_TICKET_PATTERN } from '../../../services/views/watch-tickets.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses } from '../../schemas.js';
import { VideoParams, WatchedSeconds } from '../../video.schemas.js';

const reportViewing = {
  tags: ['watching'],
  summary: 'Report time watched: counts a view once per viewer and hour, after 10 s (or the whole video)',
  description:
    'Counts only with a ticket from `POST /videos/{id}/watch-tickets` issued at least `watchedSeconds` ' +
    'before; one client address adds a limited number of anonymous views per video and hour.',
  params: VideoParams,
  body: Type.Object(
    {
      ticket: Type.Optional(
        Type.String({ pattern: WATCH_TICKET_PATTERN, description: 'Without a good one nothing counts' }),
      ),
      sessionId: Type.Optional(
        Type.String({
          pattern: '^[A-Za-z0-9_-]{8,64}$',
          deprecated: true,
          description: 'Ignored (players before the viewer cookie sent their own id)',
        }),
      ),
      watchedSeconds: WatchedSeconds,
    },
    { additionalProperties: false },
  ),
  response: { 200: Type.Object({ counted: Type.Boolean() }), ...errorResponses(400, 404, 429) },
};

export const viewRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { views, identifyAccount } = deps;
  const perClient = { rateLimit: { max: deps.viewReportsPerMinute, timeWindow: 60_000 } };
  app.post(
    '/videos/:id/views',
    { preHandler: identifyAccount, schema: reportViewing, config: perClient },
    async (request) => {
      // One IPv6 connection holds a whole /64: its addresses are one client's.
      const viewer = { userId: request.authenticated?.account.id, address: addressGroup(request.ip) };
      return { counted: await views.record(request.params.id, viewer, request.body) };
    },
  );
};
