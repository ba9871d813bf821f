// /me/channel — my channel's name, description and avatar.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../../authentication.js';
import { requestLimit } from '../../request-limits.js';
import type { RouteDeps } from '../../route-deps.js';
import { ChannelChanges, errorResponses } from '../../schemas.js';

const AVATAR_MAX_BYTES = 5 * 1024 * 1024;
const AVATAR_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

const editMyChannel = {
  tags: ['channels'],
  summary: "Change my channel's name or description",
  body: ChannelChanges,
  response: { 200: Type.Ref('Channel'), ...errorResponses(400, 401) },
};

const replaceMyAvatar = {
  tags: ['channels'],
  summary: 'Replace my avatar',
  description: `Body: the image itself (${AVATAR_TYPES.join(', ')}), at most 5 MiB; stored as 256×256 WebP.`,
  consumes: AVATAR_TYPES,
  response: { 200: Type.Ref('Channel'), ...errorResponses(400, 401, 413, 415, 429) },
};

export const myChannelRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { channels, present, requireAccount, requestLimits },
) => {
  const perAddress = requestLimit('avatar_rate_limit', requestLimits.avatarUploadsPerHour, 3_600_000);
  // Before the body is read (onRequest, not preHandler): a stranger's 5 MiB is refused unread.
  app.addHook('onRequest', requireAccount);

  app.addContentTypeParser(
    AVATAR_TYPES,
    { parseAs: 'buffer', bodyLimit: AVATAR_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.patch('/me/channel', { schema: editMyChannel }, async (request) => {
    const { account } = currentAccount(request);
    return present.channel(await channels.update(account.id, account.channel.handle, request.body));
  });

  app.put('/me/channel/avatar', { config: perAddress, schema: replaceMyAvatar }, async (request) => {
    const { account } = currentAccount(request);
    const image = request.body as Buffer;
    return present.channel(await channels.replaceAvatar(account.id, account.channel.handle, image));
  });
};
