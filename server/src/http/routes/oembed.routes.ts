// /api/oembed — oEmbed 1.0 for this instance's watch pages, so chat apps and CMSs unfurl a video into
// its embedded player. Unversioned, at the address oEmbed consumers discover from the watch page.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { InvalidInput, NotImplemented } from '../../domain/errors.js';
import type { RouteDeps } from '../route-deps.js';
import { errorResponses } from '../schemas.js';

const Dimension = Type.Integer({ minimum: 1, maximum: 10_000 });

const describeVideo = {
  tags: ['embeds'],
  summary: 'oEmbed answer for the URL of a public or unlisted video’s watch page',
  querystring: Type.Object({
    url: Type.String({ maxLength: 2000, description: 'A watch page of this instance: …/watch/{id}[?t=90]' }),
    format: Type.String({ default: 'json', maxLength: 20, description: 'Only json (else 501)' }),
    maxwidth: Type.Optional(Dimension),
    maxheight: Type.Optional(Dimension),
  }),
  response: {
    200: Type.Object({
      version: Type.Literal('1.0'),
      type: Type.Literal('video'),
      title: Type.String(),
      author_name: Type.String(),
      author_url: Type.String(),
      provider_name: Type.String(),
      provider_url: Type.String(),
      cache_age: Type.Integer({ description: 'Seconds: the thumbnail URL expires with its playback token' }),
      html: Type.String({ description: 'The iframe of the embedded player (/embed/{id})' }),
      width: Type.Integer(),
      height: Type.Integer(),
      thumbnail_url: Type.Optional(Type.String()),
      thumbnail_width: Type.Optional(Type.Integer()),
      thumbnail_height: Type.Optional(Type.Integer()),
    }),
    ...errorResponses(400, 404, 501),
  },
};

export const oembedRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { embeds, share, shareLinks },
) => {
  app.get('/oembed', { schema: describeVideo }, async (request, reply) => {
    const { url, format, maxwidth, maxheight } = request.query;
    if (format !== 'json') throw new NotImplemented('format_not_supported', 'Only format=json is supported');
    const link = shareLinks.parseWatch(url);
    if (!link) throw new InvalidInput(`url must be a watch page of ${shareLinks.home()}`, 'url');
    const shared = await embeds.describeOrRefuse(link.videoId);
    // Nothing in the answer depends on who asks: pages of any site may read it.
    reply.header('access-control-allow-origin', '*');
    return share.oembed(shared, { maxwidth, maxheight }, link.startSeconds);
  });
};
