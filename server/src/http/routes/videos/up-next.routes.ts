// /videos/:id/up-next — what to watch after a video: co-watched, then its channel's, then similar ones.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses, PageQuery } from '../../schemas.js';
import { VideoPage, VideoParams } from '../../video.schemas.js';

const listUpNext = {
  tags: ['feeds'],
  summary: "Public videos to watch next: what its viewers also watched, its channel's, similar titles",
  params: VideoParams,
  querystring: PageQuery,
  response: { 200: VideoPage, ...errorResponses(400, 404) },
};

export const upNextRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { upNext, present, identifyAccount },
) => {
  app.get('/videos/:id/up-next', { preHandler: identifyAccount, schema: listUpNext }, async (request) => {
    const { limit, cursor } = request.query;
    const viewerId = request.authenticated?.account.id;
    return present.videoList(await upNext.page(request.params.id, viewerId, limit, cursor));
  });
};
