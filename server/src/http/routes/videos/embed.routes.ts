// /videos/:id/embed — the video as the embedded player shows it on other sites: to nobody in particular
// (no session is read), and a private video is refused as such, so the player can say it is private.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses } from '../../schemas.js';
import { VideoParams } from '../../video.schemas.js';

const showEmbeddedVideo = {
  tags: ['embeds'],
  summary: 'A public or unlisted video for the embedded player (403 video_private for a private one)',
  params: VideoParams,
  response: { 200: Type.Ref('Video'), ...errorResponses(400, 403, 404) },
};

export const videoEmbedRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { embeds, present }) => {
  app.get('/videos/:id/embed', { schema: showEmbeddedVideo }, async (request) =>
    present.video(await embeds.play(request.params.id), undefined),
  );
};
