// /me/videos — all my videos, in every state and visibility: the studio's list.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { currentAccount } from '../../authentication.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses, PageQuery } from '../../schemas.js';
import { VideoPage } from '../../video.schemas.js';

const listMyVideos = {
  tags: ['me'],
  summary: 'All my videos, newest upload first, in every state and visibility, with processing progress',
  querystring: PageQuery,
  response: { 200: VideoPage, ...errorResponses(400, 401) },
};

export const myVideoRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { videoLists, present, requireAccount },
) => {
  app.addHook('preHandler', requireAccount);

  app.get('/me/videos', { schema: listMyVideos }, async (request) => {
    const { limit, cursor } = request.query;
    const ownerId = currentAccount(request).account.id;
    return present.videoList(await videoLists.ownedBy(ownerId, limit, cursor), ownerId);
  });
};
