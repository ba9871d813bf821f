// /me/history — videos I watched and where I stopped; clear it, pause and resume recording.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../../authentication.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses, PageQuery } from '../../schemas.js';

const HistoryPage = Type.Object({
  items: Type.Array(
    Type.Object({
      video: Type.Ref('Video'),
      positionSeconds: Type.Number(),
      watchedAt: Type.String({ format: 'date-time' }),
    }),
  ),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  paused: Type.Boolean({ description: 'While paused, nothing new is recorded' }),
});
const PauseState = Type.Object({ paused: Type.Boolean() });

const listHistory = {
  tags: ['history'],
  summary: 'Videos I watched, most recent first, with where I stopped',
  querystring: PageQuery,
  response: { 200: HistoryPage, ...errorResponses(400, 401) },
};

const clearHistory = {
  tags: ['history'],
  summary: 'Clear my watch history',
  response: { 204: Type.Null(), ...errorResponses(401) },
};

export const historyRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { history, present, requireAccount },
) => {
  app.addHook('preHandler', requireAccount);

  app.get('/me/history', { schema: listHistory }, async (request) => {
    const userId = currentAccount(request).account.id;
    const page = await history.list(userId, request.query.limit, request.query.cursor);
    return {
      items: page.items.map(({ video, positionSeconds, watchedAt }) => ({
        video: present.video(video, userId),
        positionSeconds,
        watchedAt: watchedAt.toISOString(),
      })),
      nextCursor: page.nextCursor,
      paused: page.paused,
    };
  });

  app.delete('/me/history', { schema: clearHistory }, async (request, reply) => {
    await history.clear(currentAccount(request).account.id);
    return reply.code(204).send(null);
  });

  for (const [method, paused] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/me/history/pause',
      schema: {
        tags: ['history'],
        summary: paused ? 'Pause my watch history' : 'Record my watch history again',
        response: { 200: PauseState, ...errorResponses(401) },
      },
      handler: async (request) => {
        await history.setPaused(currentAccount(request).account.id, paused);
        return { paused };
      },
    });
  }
};
