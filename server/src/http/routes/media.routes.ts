// The embedded default's media origin: what a CDN serves from the processed bucket in production
// (`MEDIA_BASE_URL`). Answers players on any origin; a file name is checked against the names a
// transcode writes before it becomes a storage key, so no path can climb out of a video's folder.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Forbidden } from '../../domain/errors.js';
import { VIDEO_FILE_PATTERN } from '../../domain/video-files.js';
import { PLAYBACK_TOKEN_PATTERN } from '../../services/media/playback-tokens.js';
import type { RouteDeps } from '../route-deps.js';
import { errorResponses } from '../schemas.js';
import { sendObject } from '../send-object.js';

const VideoId = Type.String({ pattern: '^[A-Za-z0-9_-]{11}$' });
const VideoFile = Type.String({ pattern: VIDEO_FILE_PATTERN, maxLength: 200 });
const mediaResponses = { 206: Type.Unknown(), 304: Type.Null(), ...errorResponses(400, 403, 404, 416) };

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'content-length, content-range, accept-ranges, etag, last-modified',
  // Players on other origins (and <img> without CORS) may load these.
  'cross-origin-resource-policy': 'cross-origin',
};

const refuseUntokened = {
  tags: ['media'],
  summary: 'Refused: video files are served only through the tokened URLs the API hands out',
  response: errorResponses(403),
};

export const mediaRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { media }) => {
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(CORS_HEADERS);
  });

  app.options('/*', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .status(204)
      .headers({
        'access-control-allow-methods': 'GET, HEAD',
        'access-control-allow-headers': 'range, if-none-match, if-modified-since, if-range',
        'access-control-max-age': '86400',
      })
      .send(),
  );

  // GET and HEAD together: Fastify's own HEAD for a GET route would announce a length of 0.
  app.route({
    method: ['GET', 'HEAD'],
    url: '/avatars/:channelId/:file',
    schema: {
      tags: ['media'],
      summary: 'A channel avatar image',
      params: Type.Object({
        channelId: Type.String({ format: 'uuid' }),
        file: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}\\.webp$' }),
      }),
      response: mediaResponses,
    },
    handler: async (request, reply) => {
      const { channelId, file } = request.params;
      return sendObject(media, media.avatar(channelId, file), request, reply);
    },
  });

  app.get('/videos/:id/*', { schema: refuseUntokened }, async () => {
    throw new Forbidden('playback_token_required', 'Play this video through the hlsUrl the API gives');
  });

  app.route({
    method: ['GET', 'HEAD'],
    url: '/t/:token/videos/:id/*',
    schema: {
      tags: ['media'],
      summary:
        'A file of a video (playlist, segment, poster, storyboard), with the playback token of its hlsUrl',
      params: Type.Object({
        token: Type.String({ pattern: PLAYBACK_TOKEN_PATTERN }),
        id: VideoId,
        '*': VideoFile,
      }),
      response: mediaResponses,
    },
    handler: async (request, reply) => {
      const { token, id, '*': file } = request.params;
      return sendObject(media, await media.videoFile(id, file, token), request, reply);
    },
  });
};
