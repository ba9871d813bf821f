// /me/held-comments — the comments awaiting my approval, on all my videos.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { currentAccount } from '../../authentication.js';
import { HeldCommentPage } from '../../comment.schemas.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses, PageQuery } from '../../schemas.js';

const listHeldComments = {
  tags: ['me'],
  summary: 'The comments held for my approval on all my videos, oldest first, each with its video',
  querystring: PageQuery,
  response: { 200: HeldCommentPage, ...errorResponses(400, 401) },
};

export const heldCommentRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { comments, present, requireAccount },
) => {
  app.addHook('preHandler', requireAccount);

  app.get('/me/held-comments', { schema: listHeldComments }, async (request) => {
    const { limit, cursor } = request.query;
    const page = await comments.held(currentAccount(request).account.id, limit, cursor);
    return { items: page.items.map((held) => present.heldComment(held)), nextCursor: page.nextCursor };
  });
};
