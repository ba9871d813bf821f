// /videos/:id/captions/:language — a video's caption in one language, uploaded or removed by its owner.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { CaptionFormat } from '../../../services/videos/video-captions.service.js';
import { currentAccount } from '../../authentication.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses } from '../../schemas.js';
import { VideoId } from '../../video.schemas.js';

const CAPTION_MAX_BYTES = 1024 * 1024;
const FORMATS: Record<string, CaptionFormat> = { 'text/vtt': 'webvtt', 'application/x-subrip': 'srt' };

const CaptionParams = Type.Object({
  id: VideoId,
  language: Type.String({ minLength: 1, maxLength: 35, description: 'A BCP 47 tag: en, fr, pt-BR, zh-Hant' }),
});

const putCaption = {
  tags: ['videos'],
  summary: "Add or replace a ready video's caption in one language (owner only)",
  description:
    'Body: the caption file itself, WebVTT (text/vtt) or SRT (application/x-subrip), UTF-8, at most 1 MiB. ' +
    'It is read strictly (a problem is a 400 naming its line), every cue must end within the video, and ' +
    'only cue times, position/line/align/size settings and text with WebVTT markup (b i u c v lang ruby rt) ' +
    'are kept. The video must be ready (409 video_not_ready).',
  consumes: Object.keys(FORMATS),
  params: CaptionParams,
  response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
};

const deleteCaption = {
  tags: ['videos'],
  summary: "Remove a video's caption in one language (owner only)",
  params: CaptionParams,
  response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
};

export const captionRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { captions, requireAccount },
) => {
  // Before the body is read: a stranger's megabyte is refused unread.
  app.addHook('onRequest', requireAccount);
  // Only caption files in this plugin: any other body, JSON included, is 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    Object.keys(FORMATS),
    { parseAs: 'buffer', bodyLimit: CAPTION_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.put('/videos/:id/captions/:language', { schema: putCaption }, async (request, reply) => {
    const { id, language } = request.params;
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    // A body always has one of the two types (any other is 415); an empty one may have none, and is refused as empty.
    const format = FORMATS[mediaType ?? ''] ?? 'webvtt';
    const file = (request.body as Buffer | undefined) ?? Buffer.alloc(0);
    await captions.put(id, currentAccount(request).account.id, language, format, file);
    return reply.status(204).send(null);
  });

  app.delete('/videos/:id/captions/:language', { schema: deleteCaption }, async (request, reply) => {
    const { id, language } = request.params;
    await captions.delete(id, currentAccount(request).account.id, language);
    return reply.status(204).send(null);
  });
};
