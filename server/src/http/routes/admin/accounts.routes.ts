// /admin/accounts — administrators give an account its role, and approve or decline the accounts that
// signed up while sign-ups needed approval.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PendingAccount } from '../../administration.schemas.js';
import { currentAccount } from '../../authentication.js';
import { OptionalReason, RoleChange } from '../../moderation.schemas.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses, PageQuery } from '../../schemas.js';

const changeRole = {
  tags: ['administration'],
  summary: 'Give an account a role; 409 rather than leave the instance without an administrator',
  params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
  body: RoleChange,
  response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
};

const readPendingAccounts = {
  tags: ['administration'],
  summary: 'The accounts that await approval, oldest first',
  querystring: PageQuery,
  response: {
    200: Type.Object({
      items: Type.Array(PendingAccount),
      nextCursor: Type.Union([Type.String(), Type.Null()]),
    }),
    ...errorResponses(400, 401, 403),
  },
};

const pendingAccount = {
  params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
  body: OptionalReason,
  response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
};

const approveAccount = {
  tags: ['administration'],
  summary: 'Let an account that awaits approval in: it may sign in from now on',
  ...pendingAccount,
};

const declineAccount = {
  tags: ['administration'],
  summary: 'Decline an account that awaits approval: it is deleted with its channel',
  ...pendingAccount,
};

export const adminAccountRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { roles, signUpApprovals, present, requireAccount },
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

  app.get(
    '/admin/accounts/pending',
    { preHandler: requireAccount, schema: readPendingAccounts },
    async (request) => {
      const { limit, cursor } = request.query;
      const page = await signUpApprovals.waiting(currentAccount(request).account, limit, cursor);
      return {
        items: page.items.map((account) => present.pendingAccount(account)),
        nextCursor: page.nextCursor,
      };
    },
  );

  for (const [method, decision, schema] of [
    ['POST', 'approve', approveAccount],
    ['DELETE', 'decline', declineAccount],
  ] as const) {
    app.route({
      method,
      url: '/admin/accounts/:id/approval',
      preHandler: requireAccount,
      schema,
      handler: async (request, reply) => {
        const { account } = currentAccount(request);
        await signUpApprovals.decide(account, request.params.id, decision, request.body.reason ?? null);
        return reply.code(204).send(null);
      },
    });
  }
};
