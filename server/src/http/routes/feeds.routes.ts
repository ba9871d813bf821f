// Lists of videos, keyset-paged: `{items, nextCursor}`.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Page } from '../../domain/page.js';
import type { VideoWithChannel } from '../../domain/video.js';
import { currentAccount } from '../authentication.js';
import type { RouteDeps } from '../route-deps.js';
import { errorResponses, Handle, PageQuery } from '../schemas.js';
import { VideoPage } from '../video.schemas.js';

export const feedRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { videoLists, present, requireAccount },
) => {
  const presentPage = (page: Page<VideoWithChannel>) => ({
    items: page.items.map((video) => present.video(video, undefined)),
    nextCursor: page.nextCursor,
  });

  app.get(
    '/feed/home',
    {
      schema: {
        tags: ['feeds'],
        summary: 'Trending and newest public videos in turn',
        querystring: PageQuery,
        response: { 200: VideoPage, ...errorResponses(400) },
      },
    },
    async (request) => presentPage(await videoLists.home(request.query.limit, request.query.cursor)),
  );

  app.get(
    '/feed/trending',
    {
      schema: {
        tags: ['feeds'],
        summary: 'The most watched public videos of the last days (recomputed every few minutes)',
        querystring: PageQuery,
        response: { 200: VideoPage, ...errorResponses(400) },
      },
    },
    async (request) => presentPage(await videoLists.trending(request.query.limit, request.query.cursor)),
  );

  app.get(
    '/feed/newest',
    {
      schema: {
        tags: ['feeds'],
        summary: 'The newest public videos',
        querystring: PageQuery,
        response: { 200: VideoPage, ...errorResponses(400) },
      },
    },
    async (request) => presentPage(await videoLists.newest(request.query.limit, request.query.cursor)),
  );

  app.get(
    '/feed/subscriptions',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['feeds'],
        summary: 'The newest public videos of the channels I follow',
        querystring: PageQuery,
        response: { 200: VideoPage, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      return presentPage(await videoLists.followedBy(currentAccount(request).account.id, limit, cursor));
    },
  );

  app.get(
    '/channels/:handle/videos',
    {
      schema: {
        tags: ['feeds'],
        summary: "A channel's public videos, newest first",
        params: Type.Object({ handle: Handle }),
        querystring: PageQuery,
        response: { 200: VideoPage, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      return presentPage(await videoLists.ofChannel(request.params.handle, limit, cursor));
    },
  );
};
