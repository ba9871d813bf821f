// /admin/reports — the moderation queue (moderators and administrators): open reports gathered per item,
// and dismissing an item's reports.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../../authentication.js';
import { OptionalReason, ReportedItem } from '../../moderation.schemas.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses, PageQuery } from '../../schemas.js';

const listQueue = {
  tags: ['moderation'],
  summary: 'Reported items with open reports, most reported first, then the oldest',
  querystring: PageQuery,
  response: {
    200: Type.Object({
      items: Type.Array(ReportedItem),
      nextCursor: Type.Union([Type.String(), Type.Null()]),
    }),
    ...errorResponses(400, 401, 403),
  },
};

const dismissReports = {
  tags: ['moderation'],
  summary: "Close a reported item's open reports, leaving what they report as it is",
  params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
  body: OptionalReason,
  response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
};

export const adminReportRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { moderation, present, requireAccount },
) => {
  app.addHook('preHandler', requireAccount);

  app.get('/admin/reports', { schema: listQueue }, async (request) => {
    const { limit, cursor } = request.query;
    const page = await moderation.queue(currentAccount(request).account, limit, cursor);
    return { items: page.items.map((item) => present.reportedItem(item)), nextCursor: page.nextCursor };
  });

  app.post('/admin/reports/:id/dismiss', { schema: dismissReports }, async (request, reply) => {
    const actor = currentAccount(request).account;
    await moderation.dismiss(actor, request.params.id, request.body.reason ?? null);
    return reply.code(204).send(null);
  });
};
