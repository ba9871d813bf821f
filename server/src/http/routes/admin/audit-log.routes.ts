// /admin/audit-log — every moderation action, newest first (administrators).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../../authentication.js';
import { AuditEntry } from '../../moderation.schemas.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses, PageQuery } from '../../schemas.js';

const readAuditLog = {
  tags: ['administration'],
  summary: 'Who did what to which item, when and why: role changes, dismissals, hidden videos, removals',
  querystring: PageQuery,
  response: {
    200: Type.Object({ items: Type.Array(AuditEntry), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
    ...errorResponses(400, 401, 403),
  },
};

export const auditLogRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { auditLog, present, requireAccount },
) => {
  app.get('/admin/audit-log', { preHandler: requireAccount, schema: readAuditLog }, async (request) => {
    const { limit, cursor } = request.query;
    const page = await auditLog.read(currentAccount(request).account, limit, cursor);
    return { items: page.items.map((entry) => present.auditEntry(entry)), nextCursor: page.nextCursor };
  });
};
