// /me/subscriptions — the channels I follow.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../../authentication.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses, PageQuery } from '../../schemas.js';

const listMySubscriptions = {
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
};

export const mySubscriptionRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { subscriptions, present, requireAccount },
) => {
  app.addHook('preHandler', requireAccount);

  app.get('/me/subscriptions', { schema: listMySubscriptions }, async (request) => {
    const { limit, cursor } = request.query;
    const page = await subscriptions.list(currentAccount(request).account.id, limit, cursor);
    return { items: page.items.map((item) => present.subscription(item)), nextCursor: page.nextCursor };
  });
};
