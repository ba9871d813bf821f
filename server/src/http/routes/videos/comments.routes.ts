// /videos/:id/comments — a video's threads: read them, start one or reply in one.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../../authentication.js';
import { CommentPage, CommentText } from '../../comment.schemas.js';
import { requestLimit } from '../../request-limits.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses, PageQuery } from '../../schemas.js';
import { VideoParams } from '../../video.schemas.js';

const postComment = {
  tags: ['comments'],
  summary:
    'Comment on a video, or reply to a comment (a reply to a reply joins the same thread); refused when ' +
    "comments are turned off (comments_closed) or the channel's owner blocked me (blocked_by_channel)",
  params: VideoParams,
  body: Type.Object(
    { body: CommentText, parentId: Type.Optional(Type.String({ format: 'uuid' })) },
    { additionalProperties: false },
  ),
  response: { 201: Type.Ref('Comment'), ...errorResponses(400, 401, 403, 404, 409, 429) },
};

const listComments = {
  tags: ['comments'],
  summary: "A video's top-level comments, newest or most replied first",
  params: VideoParams,
  querystring: Type.Object({
    ...PageQuery.properties,
    sort: Type.Union([Type.Literal('newest'), Type.Literal('top')], { default: 'newest' }),
  }),
  response: { 200: CommentPage, ...errorResponses(400, 404) },
};

export const videoCommentRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { comments, present, identifyAccount, requireAccount, requestLimits },
) => {
  const perAddress = requestLimit('comment_rate_limit', requestLimits.commentsPerMinute, 60_000);
  app.post(
    '/videos/:id/comments',
    { config: perAddress, preHandler: requireAccount, schema: postComment },
    async (request, reply) => {
      const { body, parentId } = request.body;
      const actorId = currentAccount(request).account.id;
      const posted = await comments.post(request.params.id, actorId, body, parentId);
      return reply.code(201).send(present.comment(posted));
    },
  );

  app.get('/videos/:id/comments', { preHandler: identifyAccount, schema: listComments }, async (request) => {
    const { sort, limit, cursor } = request.query;
    const viewerId = request.authenticated?.account.id;
    return present.commentList(await comments.threads(request.params.id, viewerId, sort, limit, cursor));
  });
};
