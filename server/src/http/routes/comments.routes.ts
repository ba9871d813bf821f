// Comments: threads on a video, replies in a thread, edit and delete.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Comment } from '../../domain/comment.js';
import type { Page } from '../../domain/page.js';
import { currentAccount } from '../authentication.js';
import { CommentBody, CommentPage } from '../comment.schemas.js';
import type { RouteDeps } from '../route-deps.js';
import { errorResponses, PageQuery } from '../schemas.js';
import { VideoParams } from '../video.schemas.js';

const CommentParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const commentRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { comments, present, identifyAccount, requireAccount },
) => {
  const presentPage = (page: Page<Comment>) => ({
    items: page.items.map((comment) => present.comment(comment)),
    nextCursor: page.nextCursor,
  });

  app.post(
    '/videos/:id/comments',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['comments'],
        summary: 'Comment on a video, or reply to a comment (a reply to a reply joins the same thread)',
        params: VideoParams,
        body: Type.Object(
          { body: CommentBody, parentId: Type.Optional(Type.String({ format: 'uuid' })) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('Comment'), ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const { body, parentId } = request.body;
      const actorId = currentAccount(request).account.id;
      const posted = await comments.post(request.params.id, actorId, body, parentId);
      return reply.code(201).send(present.comment(posted));
    },
  );

  app.get(
    '/videos/:id/comments',
    {
      preHandler: identifyAccount,
      schema: {
        tags: ['comments'],
        summary: "A video's top-level comments, newest or most replied first",
        params: VideoParams,
        querystring: Type.Object({
          ...PageQuery.properties,
          sort: Type.Union([Type.Literal('newest'), Type.Literal('top')], { default: 'newest' }),
        }),
        response: { 200: CommentPage, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { sort, limit, cursor } = request.query;
      const viewerId = request.authenticated?.account.id;
      return presentPage(await comments.threads(request.params.id, viewerId, sort, limit, cursor));
    },
  );

  app.get(
    '/comments/:id/replies',
    {
      preHandler: identifyAccount,
      schema: {
        tags: ['comments'],
        summary: "A comment's replies, oldest first",
        params: CommentParams,
        querystring: PageQuery,
        response: { 200: CommentPage, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const viewerId = request.authenticated?.account.id;
      return presentPage(await comments.replies(request.params.id, viewerId, limit, cursor));
    },
  );

  app.patch(
    '/comments/:id',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['comments'],
        summary: 'Change the text of my comment (it shows as edited)',
        params: CommentParams,
        body: Type.Object({ body: CommentBody }, { additionalProperties: false }),
        response: { 200: Type.Ref('Comment'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actorId = currentAccount(request).account.id;
      return present.comment(await comments.edit(request.params.id, actorId, request.body.body));
    },
  );

  app.delete(
    '/comments/:id',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['comments'],
        summary: "Delete a comment (its author or the video's owner); a thread with replies shows as deleted",
        params: CommentParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await comments.delete(request.params.id, currentAccount(request).account.id);
      return reply.code(204).send(null);
    },
  );
};
