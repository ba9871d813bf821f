// /channels/:handle — a channel's page, videos and playlists, following it, and its owner's changes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../authentication.js';
import { PlaylistList } from '../playlist.schemas.js';
import type { RouteDeps } from '../route-deps.js';
import { ChannelChanges, errorResponses, Handle, PageQuery } from '../schemas.js';
import { VideoPage } from '../video.schemas.js';

const HandleParams = Type.Object({ handle: Handle });

const showChannel = {
  tags: ['channels'],
  summary: 'A channel by its handle (with whether I follow it, when signed in)',
  params: HandleParams,
  response: { 200: Type.Ref('Channel'), ...errorResponses(400, 404) },
};

const editChannel = {
  tags: ['channels'],
  summary: "Change a channel's name or description (owner only)",
  params: HandleParams,
  body: ChannelChanges,
  response: { 200: Type.Ref('Channel'), ...errorResponses(400, 401, 403, 404) },
};

const subscribe = {
  tags: ['channels'],
  summary: 'Subscribe to a channel (again is harmless; not to your own)',
  params: HandleParams,
  response: { 200: Type.Ref('SubscriptionState'), ...errorResponses(400, 401, 404, 409) },
};

const unsubscribe = {
  tags: ['channels'],
  summary: 'Unsubscribe from a channel (again is harmless)',
  params: HandleParams,
  response: { 200: Type.Ref('SubscriptionState'), ...errorResponses(400, 401, 404) },
};

const listChannelVideos = {
  tags: ['feeds'],
  summary: "A channel's public videos, newest first",
  params: HandleParams,
  querystring: PageQuery,
  response: { 200: VideoPage, ...errorResponses(400, 404) },
};

const listChannelPlaylists = {
  tags: ['playlists'],
  summary: "A channel's public playlists, the most recently changed first",
  params: HandleParams,
  querystring: PageQuery,
  response: { 200: PlaylistList, ...errorResponses(400, 404) },
};

export const channelRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { channels, subscriptions, videoLists, playlists, present, requireAccount, identifyAccount },
) => {
  app.get('/channels/:handle', { preHandler: identifyAccount, schema: showChannel }, async (request) => {
    const { channel, subscribed } = await channels.getForViewer(
      request.params.handle,
      request.authenticated?.account.id,
    );
    return present.channel(channel, subscribed);
  });

  app.patch('/channels/:handle', { preHandler: requireAccount, schema: editChannel }, async (request) => {
    const { account } = currentAccount(request);
    return present.channel(await channels.update(account.id, request.params.handle, request.body));
  });

  app.put(
    '/channels/:handle/subscription',
    { preHandler: requireAccount, schema: subscribe },
    async (request) => subscriptions.subscribe(currentAccount(request).account.id, request.params.handle),
  );

  app.delete(
    '/channels/:handle/subscription',
    { preHandler: requireAccount, schema: unsubscribe },
    async (request) => subscriptions.unsubscribe(currentAccount(request).account.id, request.params.handle),
  );

  app.get('/channels/:handle/videos', { schema: listChannelVideos }, async (request) => {
    const { limit, cursor } = request.query;
    return present.videoList(await videoLists.ofChannel(request.params.handle, limit, cursor));
  });

  app.get('/channels/:handle/playlists', { schema: listChannelPlaylists }, async (request) => {
    const { limit, cursor } = request.query;
    return present.playlistList(await playlists.ofChannel(request.params.handle, limit, cursor));
  });
};
