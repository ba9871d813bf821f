// The signed-in user's own account, the channels they follow and their own videos.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../authentication.js';
import type { RouteDeps } from '../route-deps.js';
import { errorResponses, PageQuery } from '../schemas.js';
import { VideoPage } from '../video.schemas.js';

export const meRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { present, requireAccount, subscriptions, videoLists },
) => {
  app.get(
    '/me',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['me'],
        summary: 'The signed-in user and their channel',
        response: {
          200: Type.Object({ user: Type.Ref('User'), channel: Type.Ref('Channel') }),
          ...errorResponses(401),
        },
      },
    },
    async (request) => {
      const { account } = currentAccount(request);
      return { user: present.user(account), channel: present.channel(account.channel) };
    },
  );

  app.get(
    '/me/subscriptions',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['me'],
        summary: 'The channels I follow, most recent first',
        querystring: PageQuery,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                channel: Type.Ref('Channel'),
                subscribedAt: Type.String({ format: 'date-time' }),
              }),
            ),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errorResponses(400, 401),
        },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const page = await subscriptions.list(currentAccount(request).account.id, limit, cursor);
      return { items: page.items.map((item) => present.subscription(item)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/me/videos',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['me'],
        summary:
          'All my videos, newest upload first, in every state and visibility, with processing progress',
        querystring: PageQuery,
        response: { 200: VideoPage, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const ownerId = currentAccount(request).account.id;
      const page = await videoLists.ownedBy(ownerId, limit, cursor);
      return { items: page.items.map((video) => present.video(video, ownerId)), nextCursor: page.nextCursor };
    },
  );
};
