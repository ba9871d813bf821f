// /me/stream-keys — the keys encoders publish my channel's live stream with.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../../authentication.js';
import { NewStreamKey, NewStreamKeyRequest, StreamKeyList } from '../../live.schemas.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses } from '../../schemas.js';

const createStreamKey = {
  tags: ['live'],
  summary: 'Make a stream key for my channel: the answer holds the key, shown this once',
  body: NewStreamKeyRequest,
  response: { 201: NewStreamKey, ...errorResponses(400, 401, 409) },
};

const listStreamKeys = {
  tags: ['live'],
  summary: 'My stream keys in use, oldest first, without the keys themselves; each with the video live on it',
  response: { 200: StreamKeyList, ...errorResponses(401) },
};

const revokeStreamKey = {
  tags: ['live'],
  summary: 'Revoke a stream key: every later publish with it is refused',
  params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
  response: { 204: Type.Null(), ...errorResponses(400, 401, 404) },
};

export const streamKeyRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { streamKeys, present, requireAccount },
) => {
  app.addHook('preHandler', requireAccount);

  app.post('/me/stream-keys', { schema: createStreamKey }, async (request, reply) => {
    const made = await streamKeys.create(currentAccount(request).account, request.body.name);
    return reply.code(201).send(present.newStreamKey(made));
  });

  app.get('/me/stream-keys', { schema: listStreamKeys }, async (request) => ({
    items: (await streamKeys.list(currentAccount(request).account.id)).map((key) =>
      present.streamKeyInUse(key),
    ),
  }));

  app.delete('/me/stream-keys/:id', { schema: revokeStreamKey }, async (request, reply) => {
    await streamKeys.revoke(currentAccount(request).account.id, request.params.id);
    return reply.code(204).send(null);
  });
};
