// /me — the signed-in user and their channel.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../../authentication.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses } from '../../schemas.js';

const showMe = {
  tags: ['me'],
  summary: 'The signed-in user and their channel',
  response: {
    200: Type.Object({ user: Type.Ref('User'), channel: Type.Ref('Channel') }),
    ...errorResponses(401),
  },
};

export const meRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { present, requireAccount }) => {
  app.addHook('preHandler', requireAccount);

  app.get('/me', { schema: showMe }, async (request) => {
    const { account } = currentAccount(request);
    return { user: present.user(account), channel: present.channel(account.channel) };
  });
};
