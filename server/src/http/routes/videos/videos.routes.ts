// /videos/:id — a video as viewers and its owner see it; the owner edits or deletes it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../../authentication.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses } from '../../schemas.js';
import { CommentPolicy, VideoParams, Visibility } from '../../video.schemas.js';

const showVideo = {
  tags: ['videos'],
  summary: 'A video: its owner sees it in every state, with progress; others once it is playable',
  params: VideoParams,
  response: { 200: Type.Ref('Video'), ...errorResponses(400, 404) },
};

const editVideo = {
  tags: ['videos'],
  summary: 'Change the title, description, visibility or comment policy of a video (owner only)',
  params: VideoParams,
  body: Type.Object(
    {
      title: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })),
      description: Type.Optional(Type.String({ maxLength: 5000 })),
      visibility: Type.Optional(Visibility),
      commentPolicy: Type.Optional(CommentPolicy),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  response: { 200: Type.Ref('Video'), ...errorResponses(400, 401, 403, 404) },
};

const deleteVideo = {
  tags: ['videos'],
  summary: 'Delete a video and every file of it (owner only)',
  params: VideoParams,
  response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
};

export const videoRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { videos, videoPages, present, publicVideoAnswers, identifyAccount, requireAccount },
) => {
  app.get('/videos/:id', { preHandler: identifyAccount, schema: showVideo }, async (request, reply) => {
    const viewer = request.authenticated?.account;
    const page = await videoPages.show(request.params.id, viewer?.id, viewer?.role);
    if (viewer) return present.videoPage(page, viewer.id);
    // A live video's answer carries its viewer count, which changes apart from the video: presented anew.
    if (page.liveViewers !== undefined) return present.videoPage(page, undefined);
    // The hottest read: presented and serialized (by this route's schema) once, sent as it is.
    const body = publicVideoAnswers.body(page.video, (answer) => reply.serialize(answer));
    return reply.type('application/json; charset=utf-8').send(body);
  });

  app.patch('/videos/:id', { preHandler: requireAccount, schema: editVideo }, async (request) => {
    const actorId = currentAccount(request).account.id;
    const { title, ...rest } = request.body;
    const page = await videoPages.edit(request.params.id, actorId, { ...rest, title: title?.trim() });
    return present.videoPage(page, actorId);
  });

  app.delete('/videos/:id', { preHandler: requireAccount, schema: deleteVideo }, async (request, reply) => {
    await videos.delete(request.params.id, currentAccount(request).account.id);
    return reply.status(204).send(null);
  });
};
