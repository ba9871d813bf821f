// /admin/accounts — administrators give an account its role.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentAccount } from '../../authentication.js';
import { RoleChange } from '../../moderation.schemas.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses } from '../../schemas.js';

const changeRole = {
  tags: ['administration'],
  summary: 'Give an account a role; 409 rather than leave the instance without an administrator',
  params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
  body: RoleChange,
  response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
};

export const adminAccountRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { roles, requireAccount },
) => {
  app.put(
    '/admin/accounts/:id/role',
    { preHandler: requireAccount, schema: changeRole },
    async (request, reply) => {
      const { role, reason } = request.body;
      await roles.change(currentAccount(request).account, request.params.id, role, reason ?? null);
      return reply.code(204).send(null);
    },
  );
};
