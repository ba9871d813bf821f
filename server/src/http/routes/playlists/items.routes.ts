// /playlists/:id/items — a playlist's videos in order; its owner adds, removes and moves them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { MAX_PLAYLIST_ITEMS } from '../../../domain/playlist.js';
import { currentAccount } from '../../authentication.js';
import {
  ItemPlacement,
  NewPlaylistItem,
  PlaylistItemParams,
  PlaylistParams,
} from '../../playlist.schemas.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses, PageQuery } from '../../schemas.js';

const listItems = {
  tags: ['playlists'],
  summary: 'The videos of a playlist in order; its owner also sees those no longer available (video: null)',
  params: PlaylistParams,
  querystring: PageQuery,
  response: {
    200: Type.Object({
      items: Type.Array(Type.Ref('PlaylistItem')),
      nextCursor: Type.Union([Type.String(), Type.Null()]),
    }),
    ...errorResponses(400, 404),
  },
};

const addItem = {
  tags: ['playlists'],
  summary: `Add a video at the end of my playlist (once; at most ${MAX_PLAYLIST_ITEMS} videos: 409)`,
  params: PlaylistParams,
  body: NewPlaylistItem,
  response: { 201: Type.Ref('PlaylistItem'), ...errorResponses(400, 401, 403, 404, 409) },
};

const removeItem = {
  tags: ['playlists'],
  summary: 'Take an item out of my playlist',
  params: PlaylistItemParams,
  response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
};

const moveItem = {
  tags: ['playlists'],
  summary: 'Move an item of my playlist just before or just after another',
  params: PlaylistItemParams,
  body: ItemPlacement,
  response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
};

export const playlistItemRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { playlists, present, requireAccount, identifyAccount },
) => {
  app.get('/playlists/:id/items', { preHandler: identifyAccount, schema: listItems }, async (request) => {
    const { limit, cursor } = request.query;
    const viewerId = request.authenticated?.account.id;
    const page = await playlists.items(request.params.id, viewerId, limit, cursor);
    return {
      items: page.items.map((item) => present.playlistItem(item, viewerId)),
      nextCursor: page.nextCursor,
    };
  });

  app.post(
    '/playlists/:id/items',
    { preHandler: requireAccount, schema: addItem },
    async (request, reply) => {
      const actorId = currentAccount(request).account.id;
      const item = await playlists.addItem(actorId, request.params.id, request.body.videoId);
      return reply.code(201).send(present.playlistItem(item, actorId));
    },
  );

  app.delete(
    '/playlists/:id/items/:itemId',
    { preHandler: requireAccount, schema: removeItem },
    async (request, reply) => {
      const { id, itemId } = request.params;
      await playlists.removeItem(currentAccount(request).account.id, id, itemId);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/playlists/:id/items/:itemId/position',
    { preHandler: requireAccount, schema: moveItem },
    async (request, reply) => {
      const { id, itemId } = request.params;
      const { before, after } = request.body;
      // The schema takes exactly one of the two.
      const placement = before === undefined ? { after: after as string } : { before };
      await playlists.moveItem(currentAccount(request).account.id, id, itemId, placement);
      return reply.code(204).send(null);
    },
  );
};
