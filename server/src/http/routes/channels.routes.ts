// Channels: public profile by handle; profile and avatar changes by the owner.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../authentication.js';
import type { RouteDeps } from '../route-deps.js';
import { ChannelDescription, DisplayName, errorResponses, Handle } from '../schemas.js';

export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;
const AVATAR_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

const ChannelChanges = Type.Object(
  { displayName: Type.Optional(DisplayName), description: Type.Optional(ChannelDescription) },
  { additionalProperties: false, minProperties: 1 },
);
const HandleParams = Type.Object({ handle: Handle });

export const channelRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { channels, subscriptions, present, requireAccount, identifyAccount },
) => {
  app.addContentTypeParser(
    AVATAR_TYPES,
    { parseAs: 'buffer', bodyLimit: AVATAR_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.get(
    '/channels/:handle',
    {
      preHandler: identifyAccount,
      schema: {
        tags: ['channels'],
        summary: 'A channel by its handle (with whether I follow it, when signed in)',
        params: HandleParams,
        response: { 200: Type.Ref('Channel'), ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const channel = await channels.getByHandle(request.params.handle);
      const viewerId = request.authenticated?.account.id;
      const subscribed = viewerId ? await subscriptions.isSubscribed(viewerId, channel.id) : undefined;
      return present.channel(channel, subscribed);
    },
  );

  app.put(
    '/channels/:handle/subscription',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['channels'],
        summary: 'Subscribe to a channel (again is harmless; not to your own)',
        params: HandleParams,
        response: { 200: Type.Ref('SubscriptionState'), ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request) => subscriptions.subscribe(currentAccount(request).account.id, request.params.handle),
  );

  app.delete(
    '/channels/:handle/subscription',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['channels'],
        summary: 'Unsubscribe from a channel (again is harmless)',
        params: HandleParams,
        response: { 200: Type.Ref('SubscriptionState'), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => subscriptions.unsubscribe(currentAccount(request).account.id, request.params.handle),
  );

  app.patch(
    '/channels/:handle',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['channels'],
        summary: "Change a channel's name or description (owner only)",
        params: HandleParams,
        body: ChannelChanges,
        response: { 200: Type.Ref('Channel'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { account } = currentAccount(request);
      return present.channel(await channels.update(account.id, request.params.handle, request.body));
    },
  );

  app.patch(
    '/me/channel',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['channels'],
        summary: "Change my channel's name or description",
        body: ChannelChanges,
        response: { 200: Type.Ref('Channel'), ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { account } = currentAccount(request);
      return present.channel(await channels.update(account.id, account.channel.handle, request.body));
    },
  );

  app.put(
    '/me/channel/avatar',
    {
      preHandler: requireAccount,
      schema: {
        tags: ['channels'],
        summary: 'Replace my avatar',
        description: `Body: the image itself (${AVATAR_TYPES.join(', ')}), at most 5 MiB; stored as 256×256 WebP.`,
        consumes: AVATAR_TYPES,
        response: { 200: Type.Ref('Channel'), ...errorResponses(400, 401, 413, 415) },
      },
    },
    async (request) => {
      const { account } = currentAccount(request);
      const image = request.body as Buffer;
      return present.channel(await channels.replaceAvatar(account.id, account.channel.handle, image));
    },
  );
};
