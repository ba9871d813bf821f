// /comments/:id — one comment: its replies, its author's edit or deletion, its video owner's approval.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../authentication.js';
import { CommentPage, CommentText } from '../comment.schemas.js';
import type { RouteDeps } from '../route-deps.js';
import { errorResponses, PageQuery } from '../schemas.js';

const CommentParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const listReplies = {
  tags: ['comments'],
  summary: "A comment's replies, oldest first",
  params: CommentParams,
  querystring: PageQuery,
  response: { 200: CommentPage, ...errorResponses(400, 404) },
};

const editComment = {
  tags: ['comments'],
  summary: 'Change the text of my comment (it shows as edited)',
  params: CommentParams,
  body: Type.Object({ body: CommentText }, { additionalProperties: false }),
  response: { 200: Type.Ref('Comment'), ...errorResponses(400, 401, 403, 404) },
};

const deleteComment = {
  tags: ['comments'],
  summary: "Delete a comment (its author or the video's owner); a thread with replies shows as deleted",
  params: CommentParams,
  response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
};

const approveComment = {
  tags: ['comments'],
  summary: "Approve a comment held for approval, so everyone sees it (the video's owner only)",
  params: CommentParams,
  response: { 200: Type.Ref('Comment'), ...errorResponses(400, 401, 403, 404) },
};

export const commentRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { comments, present, identifyAccount, requireAccount },
) => {
  app.get('/comments/:id/replies', { preHandler: identifyAccount, schema: listReplies }, async (request) => {
    const { limit, cursor } = request.query;
    const viewerId = request.authenticated?.account.id;
    return present.commentList(await comments.replies(request.params.id, viewerId, limit, cursor));
  });

  app.patch('/comments/:id', { preHandler: requireAccount, schema: editComment }, async (request) => {
    const actorId = currentAccount(request).account.id;
    return present.comment(await comments.edit(request.params.id, actorId, request.body.body));
  });

  app.post(
    '/comments/:id/approval',
    { preHandler: requireAccount, schema: approveComment },
    async (request) => {
      const actorId = currentAccount(request).account.id;
      return present.comment(await comments.approve(request.params.id, actorId));
    },
  );

  app.delete(
    '/comments/:id',
    { preHandler: requireAccount, schema: deleteComment },
    async (request, reply) => {
      await comments.delete(request.params.id, currentAccount(request).account.id);
      return reply.code(204).send(null);
    },
  );
};
