// /videos/:id/watch-tickets and /videos/:id/views — a watch page takes a ticket when it opens, and its
// player reports time watched on it: a view counts once per viewer and hour, and only for time the server
// saw pass since the ticket. Anonymous viewers are known by a signed id the server keeps in a cookie;
// tickets and reports are rate-limited per client address.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { addressGroup } from '../../../domain/client-address.js';
import { WATCH_TICKET_PATTERN } from '../../../services/views/watch-tickets.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses } from '../../schemas.js';
import { VideoParams, WatchedSeconds } from '../../video.schemas.js';

export const VIEWER_COOKIE = 'vidstream_viewer';
const VIEWER_COOKIE_DAYS = 365;

const startWatching = {
  tags: ['watching'],
  summary: 'Open a video to watch: a ticket its view report must carry, issued now',
  description:
    'A view counts only on a ticket issued at least the reported time watched before. ' +
    `Anonymous viewers are told apart by the signed \`${VIEWER_COOKIE}\` cookie this route sets.`,
  params: VideoParams,
  response: {
    200: Type.Object({
      ticket: Type.String({ description: 'Signed: this video, this viewer, the time it was issued' }),
      expiresInSeconds: Type.Integer({ description: 'After this, open the video again for a new one' }),
    }),
    ...errorResponses(400, 404, 429),
  },
};

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
    '/videos/:id/watch-tickets',
    { preHandler: identifyAccount, schema: startWatching, config: perClient },
    async (request, reply) => {
      const userId = request.authenticated?.account.id;
      const { issuedViewerId, ...start } = await views.startWatching(
        request.params.id,
        userId,
        request.cookies[VIEWER_COOKIE],
      );
      if (issuedViewerId) {
        reply.setCookie(VIEWER_COOKIE, issuedViewerId, {
          httpOnly: true,
          sameSite: 'lax',
          secure: request.protocol === 'https',
          path: '/api/v1/videos',
          maxAge: VIEWER_COOKIE_DAYS * 86_400,
        });
      }
      return start;
    },
  );

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
