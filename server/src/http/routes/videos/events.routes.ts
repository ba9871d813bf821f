// /videos/:id/events — processing progress, streamed to the owner as Server-Sent Events.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { currentAccount } from '../../authentication.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses } from '../../schemas.js';
import { clientGone, openEventStream } from '../../server-sent-events.js';
import { VideoParams } from '../../video.schemas.js';

const followProgress = {
  tags: ['videos'],
  summary:
    'Server-Sent Events for the owner: `progress` with state, percent and playable, until ready or failed',
  params: VideoParams,
  produces: ['text/event-stream'],
  response: { ...errorResponses(401, 403, 404, 429) },
};

export const videoEventRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { progress, requireAccount },
) => {
  app.addHook('preHandler', requireAccount);

  app.get('/videos/:id/events', { schema: followProgress }, async (request, reply) => {
    const account = currentAccount(request).account;
    const updates = await progress.follow(request.params.id, account.id, request.ip, clientGone(reply));
    const stream = openEventStream(reply);
    for await (const update of updates) {
      if (stream.closed) break;
      if (update.kind === 'progress') stream.send('progress', update.event);
      else stream.comment('still here');
    }
    stream.close();
  });
};
