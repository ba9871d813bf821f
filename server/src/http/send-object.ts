// Answers GET and HEAD for one stored object the way players and CDNs expect: validators and 304,
// single byte ranges with 206 and 416, and a body streamed from storage (a playlist, small and polled by
// every viewer, from the copy the media service holds for a moment).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RangeNotSatisfiable } from '../domain/errors.js';
import type { MediaService, StoredObject } from '../services/media/media.service.js';
import { parseRange } from './byte-range.js';
import { isNotModified, rangeStillApplies } from './conditional-request.js';

export async function sendObject(
  media: MediaService,
  object: StoredObject,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const opened = await media.open(object);
  const { info } = opened;
  reply
    .header('etag', info.etag)
    .header('last-modified', info.lastModified.toUTCString())
    // What the object was stored with wins: a growing playlist is stored `no-cache`, as a CDN reading the
    // bucket would serve it.
    .header('cache-control', info.cacheControl ?? object.cacheControl)
    .header('accept-ranges', 'bytes');
  if (isNotModified(request.headers, info)) return reply.status(304).send();

  const wanted = rangeStillApplies(request.headers, info)
    ? parseRange(request.headers.range, info.size)
    : { kind: 'whole' as const };
  if (wanted.kind === 'unsatisfiable') throw new RangeNotSatisfiable(info.size);
  const range = wanted.kind === 'part' ? wanted.range : undefined;
  reply.header('content-type', object.contentType);
  if (range) {
    reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${info.size}`);
  }
  reply.header('content-length', range ? range.end - range.start + 1 : info.size);
  if (request.method === 'HEAD') return reply.send();

  return reply.send(await opened.read(range));
}
