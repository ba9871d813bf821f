// /videos/:id/watch-tickets — a watch page takes a ticket when it opens; its view report counts only for
// time the server saw pass since (views.routes.ts). Anonymous viewers are known by a signed id the server
// keeps in a cookie. Tickets share the view reports' per-address rate limit, counted apart.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses } from '../../schemas.js';
import { VideoParams } from '../../video.schemas.js';

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

export const watchTicketRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
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
};
