// /feed/* — the lists of public videos (home, trending, newest, my subscriptions), keyset-paged.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { currentAccount } from '../authentication.js';
import type { RouteDeps } from '../route-deps.js';
import { errorResponses, PageQuery } from '../schemas.js';
import { VideoPage } from '../video.schemas.js';

const homeFeed = {
  tags: ['feeds'],
  summary: 'Trending and newest public videos in turn',
  querystring: PageQuery,
  response: { 200: VideoPage, ...errorResponses(400) },
};

const trendingFeed = {
  tags: ['feeds'],
  summary: 'The most watched public videos of the last days (recomputed every few minutes)',
  querystring: PageQuery,
  response: { 200: VideoPage, ...errorResponses(400) },
};

const newestFeed = {
  tags: ['feeds'],
  summary: 'The newest public videos',
  querystring: PageQuery,
  response: { 200: VideoPage, ...errorResponses(400) },
};

const subscriptionsFeed = {
  tags: ['feeds'],
  summary: 'The newest public videos of the channels I follow',
  querystring: PageQuery,
  response: { 200: VideoPage, ...errorResponses(400, 401) },
};

export const feedRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { videoLists, present, requireAccount },
) => {
  app.get('/feed/home', { schema: homeFeed }, async (request) =>
    present.videoList(await videoLists.home(request.query.limit, request.query.cursor)),
  );

  app.get('/feed/trending', { schema: trendingFeed }, async (request) =>
    present.videoList(await videoLists.trending(request.query.limit, request.query.cursor)),
  );

  app.get('/feed/newest', { schema: newestFeed }, async (request) =>
    present.videoList(await videoLists.newest(request.query.limit, request.query.cursor)),
  );

  app.get(
    '/feed/subscriptions',
    { preHandler: requireAccount, schema: subscriptionsFeed },
    async (request) => {
      const { limit, cursor } = request.query;
      return present.videoList(
        await videoLists.followedBy(currentAccount(request).account.id, limit, cursor),
      );
    },
  );
};
