// Videos as viewers and owners see them.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { watchable } from '../../domain/video.js';
import { currentAccount } from '../authentication.js';
import type { RouteDeps } from '../route-deps.js';
import { errorResponses } from '../schemas.js';
import { openEventStream } from '../server-sent-events.js';
import { ReactionValue, VideoParams, Visibility } from '../video.schemas.js';

/** How often a progress stream looks at the video: the worker may be on another machine, so it asks the database. */
const POLL_INTERVAL_MS = 1_000;
const HEARTBEAT_EVERY = 15;
const FINAL_STATES = new Set(['ready', 'failed', 'deleted']);

export const videoRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { videos, reactions, history, present, identifyAccount, requireAccount },
) => {
  const videoAsSeenBy = async (videoId: string, viewerId: string | undefined) => {
    const video = await videos.getForViewer(videoId, viewerId);
    if (!viewerId) return present.video(video, viewerId);
    const [reaction, resumeAtSeconds] = await Promise.all([
      reactions.mine(video.id, viewerId),
      history.resumePosition(viewerId, video),
    ]);
    return present.video(video, viewerId, { reaction, resumeAtSeconds });
  };

  app.get(
    '/videos/:id',
    {
      preHandler: identifyAccount,
      schema: {
        tags: ['videos'],
        summary: 'A video: its owner sees it in every state, with progress; others once it is playable',
        params: VideoParams,
        response: { 200: Type.Ref('Video'), ...errorResponses(400, 404) },
      },
    },
    async (request) => videoAsSeenBy(request.params.id, request.authenticated?.account.id),
  );

  app.put(
    '/videos/:id/reaction',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['videos'],
        summary: 'Like or dislike a video (replaces my earlier reaction)',
        params: VideoParams,
        body: Type.Object({ value: ReactionValue }, { additionalProperties: false }),
        response: { 200: Type.Ref('ReactionSummary'), ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request) => {
      const viewerId = currentAccount(request).account.id;
      return present.reaction(await reactions.react(request.params.id, viewerId, request.body.value));
    },
  );

  app.delete(
    '/videos/:id/reaction',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['videos'],
        summary: 'Take back my like or dislike',
        params: VideoParams,
        response: { 200: Type.Ref('ReactionSummary'), ...errorResponses(401, 404, 409) },
      },
    },
    async (request) => {
      const viewerId = currentAccount(request).account.id;
      return present.reaction(await reactions.react(request.params.id, viewerId, undefined));
    },
  );

  app.patch(
    '/videos/:id',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['videos'],
        summary: 'Change the title, description or visibility of a video (owner only)',
        params: VideoParams,
        body: Type.Object(
          {
            title: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })),
            description: Type.Optional(Type.String({ maxLength: 5000 })),
            visibility: Type.Optional(Visibility),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Type.Ref('Video'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actorId = currentAccount(request).account.id;
      const { title, ...rest } = request.body;
      await videos.edit(request.params.id, actorId, { ...rest, title: title?.trim() });
      return videoAsSeenBy(request.params.id, actorId);
    },
  );

  app.delete(
    '/videos/:id',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['videos'],
        summary: 'Delete a video and every file of it (owner only)',
        params: VideoParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await videos.delete(request.params.id, currentAccount(request).account.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/videos/:id/events',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['videos'],
        summary:
          'Server-Sent Events for the owner: `progress` with state, percent and playable, until ready or failed',
        params: VideoParams,
        produces: ['text/event-stream'],
        response: { ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const actorId = currentAccount(request).account.id;
      let video = await videos.getOwned(request.params.id, actorId);
      const stream = openEventStream(reply);
      let last = '';
      for (let tick = 0; !stream.closed; tick += 1) {
        const event = {
          state: video.state,
          progress: video.progress,
          playable: watchable(video),
          error: video.error,
        };
        const serialized = JSON.stringify(event);
        if (serialized !== last) stream.send('progress', event);
        else if (tick % HEARTBEAT_EVERY === 0) stream.comment('still here');
        last = serialized;
        if (FINAL_STATES.has(video.state)) break;
        await sleep(POLL_INTERVAL_MS);
        video = await videos
          .getOwned(video.id, actorId)
          .catch(() => ({ ...video, state: 'deleted' as const }));
      }
      stream.close();
    },
  );
};
