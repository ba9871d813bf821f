// /videos/:id/chat — live chat beside the player: write, read the history, follow it live (Server-Sent
// Events: `message` and `deleted`, each with its revision as the event id, so a browser's EventSource
// that comes back sends it as Last-Event-ID and misses nothing), and delete a message.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../../authentication.js';
import { ChatPage, ChatText, chatMessageJson } from '../../chat.schemas.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses, PageQuery } from '../../schemas.js';
import { clientGone, openEventStream } from '../../server-sent-events.js';
import { VideoParams } from '../../video.schemas.js';

const REVISION = '^[0-9]{1,18}$';

const postMessage = {
  tags: ['chat'],
  summary: 'Write in the chat of a video (a few messages per account every few seconds: chat_rate_limit)',
  params: VideoParams,
  body: Type.Object({ text: ChatText }, { additionalProperties: false }),
  response: { 201: Type.Ref('ChatMessage'), ...errorResponses(400, 401, 403, 404, 409, 429) },
};

const listMessages = {
  tags: ['chat'],
  summary: "A video's chat, newest first",
  params: VideoParams,
  querystring: PageQuery,
  response: { 200: ChatPage, ...errorResponses(400, 404) },
};

const followChat = {
  tags: ['chat'],
  summary:
    'Server-Sent Events: `message` (a ChatMessage) and `deleted` ({id}) from now, or after the revision ' +
    'in Last-Event-ID or `after`',
  params: VideoParams,
  querystring: Type.Object({ after: Type.Optional(Type.String({ pattern: REVISION })) }),
  headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ pattern: REVISION })) }),
  produces: ['text/event-stream'],
  response: { ...errorResponses(400, 404, 429) },
};

const deleteMessage = {
  tags: ['chat'],
  summary: "Delete a chat message (its author or the video's owner)",
  params: Type.Object({ id: VideoParams.properties.id, messageId: Type.String({ pattern: REVISION }) }),
  response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
};

export const chatRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { chat, identifyAccount, requireAccount },
) => {
  app.post(
    '/videos/:id/chat',
    { preHandler: requireAccount, schema: postMessage },
    async (request, reply) => {
      const actorId = currentAccount(request).account.id;
      const message = await chat.post(request.params.id, actorId, request.body.text);
      return reply.code(201).send(chatMessageJson(message));
    },
  );

  app.get('/videos/:id/chat', { preHandler: identifyAccount, schema: listMessages }, async (request) => {
    const { limit, cursor } = request.query;
    const page = await chat.history(request.params.id, request.authenticated?.account.id, limit, cursor);
    return { items: page.items.map(chatMessageJson), nextCursor: page.nextCursor };
  });

  app.get(
    '/videos/:id/chat/events',
    { preHandler: identifyAccount, schema: followChat },
    async (request, reply) => {
      const after = request.headers['last-event-id'] ?? request.query.after;
      const viewerId = request.authenticated?.account.id;
      const updates = await chat.follow(request.params.id, viewerId, request.ip, after, clientGone(reply));
      const stream = openEventStream(reply);
      for await (const update of updates) {
        if (stream.closed) break;
        if (update.kind === 'heartbeat') stream.comment('still here');
        else if (update.change.kind === 'message')
          stream.send('message', chatMessageJson(update.change.message), update.change.message.revision);
        else stream.send('deleted', { id: update.change.id }, update.change.revision);
      }
      stream.close();
    },
  );

  app.delete(
    '/videos/:id/chat/:messageId',
    { preHandler: requireAccount, schema: deleteMessage },
    async (request, reply) => {
      await chat.delete(request.params.id, request.params.messageId, currentAccount(request).account.id);
      return reply.code(204).send(null);
    },
  );
};
