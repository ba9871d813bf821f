// /me/playlists — my playlists, Watch later first, for my library and the save dialog.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../../authentication.js';
import { PlaylistList } from '../../playlist.schemas.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses, PageQuery } from '../../schemas.js';
import { VideoId } from '../../video.schemas.js';

const listMyPlaylists = {
  tags: ['playlists'],
  summary: 'My playlists, Watch later first, then the most recently changed; with videoId, which hold it',
  querystring: Type.Object({ ...PageQuery.properties, videoId: Type.Optional(VideoId) }),
  response: { 200: PlaylistList, ...errorResponses(400, 401) },
};

export const myPlaylistRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { playlists, present, requireAccount },
) => {
  app.get('/me/playlists', { preHandler: requireAccount, schema: listMyPlaylists }, async (request) => {
    const { limit, cursor, videoId } = request.query;
    const ownerId = currentAccount(request).account.id;
    return present.playlistList(await playlists.mine(ownerId, limit, cursor, videoId));
  });
};
