// /playlists — make a playlist, read one (anyone with the link, unless it is private), change or delete it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../../authentication.js';
import { NewPlaylist, PlaylistChanges, PlaylistParams } from '../../playlist.schemas.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses } from '../../schemas.js';

const createPlaylist = {
  tags: ['playlists'],
  summary: 'Make a playlist of mine',
  body: NewPlaylist,
  response: { 201: Type.Ref('Playlist'), ...errorResponses(400, 401) },
};

const showPlaylist = {
  tags: ['playlists'],
  summary: 'A playlist: public and unlisted ones for anyone, a private one for its owner',
  params: PlaylistParams,
  response: { 200: Type.Ref('Playlist'), ...errorResponses(400, 404) },
};

const editPlaylist = {
  tags: ['playlists'],
  summary: 'Rename, describe or share my playlist (Watch later stays as it is: 409)',
  params: PlaylistParams,
  body: PlaylistChanges,
  response: { 200: Type.Ref('Playlist'), ...errorResponses(400, 401, 403, 404, 409) },
};

const deletePlaylist = {
  tags: ['playlists'],
  summary: 'Delete my playlist (not Watch later: 409); its videos stay',
  params: PlaylistParams,
  response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
};

export const playlistRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { playlists, present, requireAccount, identifyAccount },
) => {
  app.post('/playlists', { preHandler: requireAccount, schema: createPlaylist }, async (request, reply) => {
    const { title, description = '', visibility } = request.body;
    const playlist = await playlists.create(currentAccount(request).account, {
      title,
      description,
      visibility,
    });
    return reply.code(201).send(present.playlist(playlist));
  });

  app.get('/playlists/:id', { preHandler: identifyAccount, schema: showPlaylist }, async (request) =>
    present.playlist(await playlists.get(request.params.id, request.authenticated?.account.id)),
  );

  app.patch('/playlists/:id', { preHandler: requireAccount, schema: editPlaylist }, async (request) => {
    const actorId = currentAccount(request).account.id;
    return present.playlist(await playlists.update(actorId, request.params.id, request.body));
  });

  app.delete(
    '/playlists/:id',
    { preHandler: requireAccount, schema: deletePlaylist },
    async (request, reply) => {
      await playlists.delete(currentAccount(request).account.id, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
