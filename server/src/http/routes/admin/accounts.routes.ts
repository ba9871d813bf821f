// /admin/accounts — administrators list accounts, give one its role, and approve or decline the accounts
// that signed up while sign-ups needed approval; moderators and administrators suspend an account and lift
// its suspension.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PendingAccount } from '../../administration.schemas.js';
import { currentAccount } from '../../authentication.js';
import {
  AccountOverview,
  AccountSearch,
  OptionalReason,
  RoleChange,
  Suspension,
} from '../../moderation.schemas.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses, PageQuery } from '../../schemas.js';

const AccountParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const listAccounts = {
  tags: ['administration'],
  summary: 'Accounts, newest first, found by the start of a handle, display name or email; storage they take',
  querystring: AccountSearch,
  response: {
    200: Type.Object({
      items: Type.Array(AccountOverview),
      nextCursor: Type.Union([Type.String(), Type.Null()]),
      totalStorageBytes: Type.Integer({ description: "Every account's uploads together" }),
    }),
    ...errorResponses(400, 401, 403),
  },
};

const changeRole = {
  tags: ['administration'],
  summary: 'Give an account a role; 409 rather than leave the instance without an administrator',
  params: AccountParams,
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

const suspend = {
  tags: ['moderation'],
  summary: 'Suspend an account: its sessions end, its channel and videos are withdrawn; 409 if it already is',
  params: AccountParams,
  body: Suspension,
  response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
};

const lift = {
  tags: ['moderation'],
  summary: 'Lift a suspension: everything comes back as it was; 409 if the account is not suspended',
  params: AccountParams,
  querystring: OptionalReason,
  response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
};

export const adminAccountRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { roles, suspensions, accountList, signUpApprovals, present, requireAccount },
) => {
  app.addHook('preHandler', requireAccount);

  app.get('/admin/accounts', { schema: listAccounts }, async (request) => {
    const { q, limit, cursor } = request.query;
    const list = await accountList.list(currentAccount(request).account, q, limit, cursor);
    return { ...list, items: list.items.map((account) => present.accountOverview(account)) };
  });

  app.put('/admin/accounts/:id/role', { schema: changeRole }, async (request, reply) => {
    const { role, reason } = request.body;
    await roles.change(currentAccount(request).account, request.params.id, role, reason ?? null);
    return reply.code(204).send(null);
  });

  app.put('/admin/accounts/:id/suspension', { schema: suspend }, async (request, reply) => {
    await suspensions.suspend(currentAccount(request).account, request.params.id, request.body.reason);
    return reply.code(204).send(null);
  });

  app.delete('/admin/accounts/:id/suspension', { schema: lift }, async (request, reply) => {
    const actor = currentAccount(request).account;
    await suspensions.lift(actor, request.params.id, request.query.reason ?? null);
    return reply.code(204).send(null);
  });

  app.get('/admin/accounts/pending', { schema: readPendingAccounts }, async (request) => {
    const { limit, cursor } = request.query;
    const page = await signUpApprovals.waiting(currentAccount(request).account, limit, cursor);
    return {
      items: page.items.map((account) => present.pendingAccount(account)),
      nextCursor: page.nextCursor,
    };
  });

  for (const [method, decision, schema] of [
    ['POST', 'approve', approveAccount],
    ['DELETE', 'decline', declineAccount],
  ] as const) {
    app.route({
      method,
      url: '/admin/accounts/:id/approval',
      schema,
      handler: async (request, reply) => {
        const { account } = currentAccount(request);
        await signUpApprovals.decide(account, request.params.id, decision, request.body.reason ?? null);
        return reply.code(204).send(null);
      },
    });
  }
};
