// /videos/:id/views — time watched, reported by the player: counted as a view once per viewer and hour.
// Anonymous viewers are known by a signed id the server issues in a cookie; reports are rate-limited per
// client address.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses } from '../../schemas.js';
import { VideoParams, WatchedSeconds } from '../../video.schemas.js';

export const VIEWER_COOKIE = 'vidstream_viewer';
const VIEWER_COOKIE_DAYS = 365;

const reportViewing = {
  tags: ['watching'],
  summary: 'Report time watched: counts a view once per viewer and hour, after 10 s (or the whole video)',
  description:
    `Anonymous viewers are told apart by the signed \`${VIEWER_COOKIE}\` cookie this route sets; ` +
    'one client address adds a limited number of anonymous views per video and hour.',
  params: VideoParams,
  body: Type.Object(
    {
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
    async (request, reply) => {
      const { viewerId, issued } = views.identify(request.cookies[VIEWER_COOKIE]);
      if (issued) {
        reply.setCookie(VIEWER_COOKIE, issued, {
          httpOnly: true,
          sameSite: 'lax',
          secure: request.protocol === 'https',
          path: '/api/v1/videos',
          maxAge: VIEWER_COOKIE_DAYS * 86_400,
        });
      }
      const viewer = { userId: request.authenticated?.account.id, viewerId, address: request.ip };
      return { counted: await views.record(request.params.id, viewer, request.body.watchedSeconds) };
    },
  );
};
