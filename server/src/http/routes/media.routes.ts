// The embedded default's media origin (`MEDIA_BASE_URL` points at a CDN in production).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AVATAR_CACHE_CONTROL } from '../../services/channel.service.js';
import type { RouteDeps } from '../route-deps.js';
import { errorResponses } from '../schemas.js';

export const mediaRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { media }) => {
  app.get(
    '/avatars/:channelId/:file',
    {
      schema: {
        tags: ['media'],
        summary: 'A channel avatar image',
        params: Type.Object({
          channelId: Type.String({ format: 'uuid' }),
          file: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}\\.webp$' }),
        }),
        response: { 304: Type.Null(), ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { channelId, file } = request.params;
      const { info, body } = await media.openPublic(`avatars/${channelId}/${file}`);
      reply
        .header('etag', info.etag)
        .header('last-modified', info.lastModified.toUTCString())
        .header('cache-control', AVATAR_CACHE_CONTROL);
      if (request.headers['if-none-match'] === info.etag) {
        body.destroy();
        return reply.status(304).send(null);
      }
      return reply.header('content-type', info.contentType).header('content-length', info.size).send(body);
    },
  );
};
