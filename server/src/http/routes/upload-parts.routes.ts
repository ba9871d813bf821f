// Local-disk storage only: the endpoint its signed part URLs point at. The body is streamed to disk,
// never held in memory; the URL's signature is the permission, so no session is needed.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { MAX_PART_NUMBER } from '../../domain/upload.js';
import type { PartReceiverService } from '../../services/part-receiver.service.js';
import { errorResponses } from '../schemas.js';

/** Where the local-disk storage's signed part URLs point. */
const storePart = {
  tags: ['uploads'],
  summary: 'Store one part (local-disk storage); URLs come from the upload plan',
  params: Type.Object({
    uploadId: Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' }),
    partNumber: Type.Integer({ minimum: 1, maximum: MAX_PART_NUMBER }),
  }),
  querystring: Type.Object({
    expires: Type.Integer(),
    maxBytes: Type.Integer({ minimum: 1 }),
    signature: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }),
  }),
  response: {
    200: Type.Object({ partNumber: Type.Integer(), etag: Type.String(), size: Type.Integer() }),
    ...errorResponses(400, 403, 404, 413),
  },
};

export const LOCAL_PART_PATH = '/api/v1/upload-parts';

export const uploadPartRoutes: FastifyPluginAsyncTypebox<{ partReceiver: PartReceiverService }> = async (
  app,
  { partReceiver },
) => {
  // Whatever the client calls it, the body is the part's raw bytes: hand the stream through untouched.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  app.put('/:uploadId/:partNumber', { schema: storePart }, async (request, reply) => {
    const { uploadId, partNumber } = request.params;
    const { expires, maxBytes, signature } = request.query;
    const part = await partReceiver.receive(
      { uploadId, partNumber, expiresAt: expires, maxBytes },
      signature,
      request.raw,
    );
    return reply.header('etag', part.etag).send(part);
  });
};
