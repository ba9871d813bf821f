// /me/blocked-accounts — the people I blocked from commenting on my channel.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../../authentication.js';
import { BlockedAccountPage } from '../../comment.schemas.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses, PageQuery } from '../../schemas.js';

const AccountParams = Type.Object({ accountId: Type.String({ format: 'uuid' }) });

const listBlockedAccounts = {
  tags: ['me'],
  summary: 'The people I blocked from commenting on my channel, most recent first',
  querystring: PageQuery,
  response: { 200: BlockedAccountPage, ...errorResponses(400, 401) },
};

const blockAccount = {
  tags: ['me'],
  summary:
    'Block a person from commenting on my videos: new comments are refused, earlier ones hidden from ' +
    'everyone but their author (nothing is deleted)',
  params: AccountParams,
  response: { 204: Type.Null(), ...errorResponses(400, 401, 404, 409) },
};

const unblockAccount = {
  tags: ['me'],
  summary: 'Unblock a person: their earlier comments on my videos show again',
  params: AccountParams,
  response: { 204: Type.Null(), ...errorResponses(400, 401) },
};

export const blockedAccountRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { channelBlocks, present, requireAccount },
) => {
  app.addHook('preHandler', requireAccount);

  app.get('/me/blocked-accounts', { schema: listBlockedAccounts }, async (request) => {
    const { limit, cursor } = request.query;
    const page = await channelBlocks.list(currentAccount(request).account.id, limit, cursor);
    return {
      items: page.items.map((blocked) => present.blockedAccount(blocked)),
      nextCursor: page.nextCursor,
    };
  });

  app.put('/me/blocked-accounts/:accountId', { schema: blockAccount }, async (request, reply) => {
    await channelBlocks.block(currentAccount(request).account.id, request.params.accountId);
    return reply.code(204).send(null);
  });

  app.delete('/me/blocked-accounts/:accountId', { schema: unblockAccount }, async (request, reply) => {
    await channelBlocks.unblock(currentAccount(request).account.id, request.params.accountId);
    return reply.code(204).send(null);
  });
};
