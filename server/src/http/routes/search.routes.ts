// /search — public videos matching the words typed, keyset-paged.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requestLimit } from '../request-limits.js';
import type { RouteDeps } from '../route-deps.js';
import { errorResponses, PageQuery } from '../schemas.js';

const Seconds = Type.Integer({ minimum: 0, maximum: 7 * 24 * 3600 });

const searchVideos = {
  tags: ['search'],
  summary: 'Search public videos by title, channel and description',
  querystring: Type.Object({
    ...PageQuery.properties,
    q: Type.String({ minLength: 1, maxLength: 200 }),
    sort: Type.Union([Type.Literal('relevance'), Type.Literal('date'), Type.Literal('views')], {
      default: 'relevance',
    }),
    uploadedAfter: Type.Optional(Type.String({ format: 'date-time' })),
    minDuration: Type.Optional(Seconds),
    maxDuration: Type.Optional(Seconds),
  }),
  response: {
    200: Type.Object({
      items: Type.Array(Type.Ref('Video')),
      nextCursor: Type.Union([Type.String(), Type.Null()]),
    }),
    ...errorResponses(400, 429),
  },
};

export const searchRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { search, present, requestLimits },
) => {
  const perAddress = requestLimit('search_rate_limit', requestLimits.searchesPerMinute, 60_000);
  app.get('/search', { config: perAddress, schema: searchVideos }, async (request) => {
    const { q, sort, uploadedAfter, minDuration, maxDuration, limit, cursor } = request.query;
    const page = await search.search(
      {
        text: q,
        sort,
        ...(uploadedAfter ? { uploadedAfter: new Date(uploadedAfter) } : {}),
        ...(minDuration === undefined ? {} : { minDurationSeconds: minDuration }),
        ...(maxDuration === undefined ? {} : { maxDurationSeconds: maxDuration }),
      },
      limit,
      cursor,
    );
    return present.videoList(page);
  });
};
