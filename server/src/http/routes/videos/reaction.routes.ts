// /videos/:id/reaction — my like or dislike of a video.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../../authentication.js';
import { requestLimit } from '../../request-limits.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses } from '../../schemas.js';
import { ReactionValue, VideoParams } from '../../video.schemas.js';

const setReaction = {
  tags: ['videos'],
  summary: 'Like or dislike a video (replaces my earlier reaction)',
  params: VideoParams,
  body: Type.Object({ value: ReactionValue }, { additionalProperties: false }),
  response: { 200: Type.Ref('ReactionSummary'), ...errorResponses(400, 401, 404, 409, 429) },
};

const clearReaction = {
  tags: ['videos'],
  summary: 'Take back my like or dislike',
  params: VideoParams,
  response: { 200: Type.Ref('ReactionSummary'), ...errorResponses(401, 404, 409, 429) },
};

export const reactionRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { reactions, present, requireAccount, requestLimits },
) => {
  app.addHook('preHandler', requireAccount);
  // Liking and taking it back each count against the same number, per route.
  const perAddress = requestLimit('reaction_rate_limit', requestLimits.reactionsPerMinute, 60_000);

  app.put('/videos/:id/reaction', { config: perAddress, schema: setReaction }, async (request) => {
    const viewerId = currentAccount(request).account.id;
    return present.reaction(await reactions.react(request.params.id, viewerId, request.body.value));
  });

  app.delete('/videos/:id/reaction', { config: perAddress, schema: clearReaction }, async (request) => {
    const viewerId = currentAccount(request).account.id;
    return present.reaction(await reactions.react(request.params.id, viewerId, undefined));
  });
};
