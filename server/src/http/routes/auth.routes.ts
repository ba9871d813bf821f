// /auth/* — sign-up, log-in and log-out.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { clearSessionCookie, currentAccount, setSessionCookie } from '../authentication.js';
import type { RouteDeps } from '../route-deps.js';
import { DisplayName, errorResponses, Handle } from '../schemas.js';

const Email = Type.String({ format: 'email', maxLength: 254 });
const Password = Type.String({ minLength: 8, maxLength: 256, description: '8–256 characters' });
const SignedInResponse = Type.Object({
  user: Type.Ref('User'),
  token: Type.String({ description: 'Session token; also set as an httpOnly cookie' }),
});

const register = {
  tags: ['auth'],
  summary:
    'Create an account and its channel, and sign in; 202 when the account awaits approval, 403 when sign-ups are closed',
  body: Type.Object(
    { email: Email, password: Password, handle: Handle, displayName: DisplayName },
    { additionalProperties: false },
  ),
  response: {
    201: SignedInResponse,
    202: Type.Object({
      awaitingApproval: Type.Literal(true),
      message: Type.String({ description: 'What the person is told' }),
    }),
    ...errorResponses(400, 403, 409, 429),
  },
};

const logIn = {
  tags: ['auth'],
  summary: 'Sign in with email and password; a suspended account is refused (403 account_suspended)',
  body: Type.Object(
    { email: Email, password: Type.String({ maxLength: 256 }) },
    { additionalProperties: false },
  ),
  response: { 200: SignedInResponse, ...errorResponses(400, 401, 403, 429) },
};

const logOut = {
  tags: ['auth'],
  summary: 'End this session',
  response: { 204: Type.Null(), ...errorResponses(401) },
};

const logOutEverywhere = {
  tags: ['auth'],
  summary: 'End every session of this account, on every device',
  response: { 200: Type.Object({ sessionsEnded: Type.Integer() }), ...errorResponses(401) },
};

const AWAITS =
  'Your account is created and awaits approval by an administrator; you can sign in once approved';

export const authRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { auth, present, requireAccount } = deps;
  const perIp = { rateLimit: { max: deps.loginLimitPerIpPerMinute, timeWindow: 60_000 } };
  const client = (request: { headers: Record<string, unknown>; ip: string }) => ({
    userAgent:
      typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'].slice(0, 512) : null,
    ip: request.ip,
  });

  app.post('/auth/register', { config: perIp, schema: register }, async (request, reply) => {
    const registered = await auth.register(request.body, client(request));
    if (registered.awaitingApproval)
      return reply.status(202).send({ awaitingApproval: true, message: AWAITS });
    setSessionCookie(deps.sessionCookie, request, reply, registered);
    return reply.status(201).send({ user: present.user(registered.account), token: registered.token });
  });

  app.post('/auth/login', { config: perIp, schema: logIn }, async (request, reply) => {
    const session = await auth.logIn(request.body.email, request.body.password, client(request));
    setSessionCookie(deps.sessionCookie, request, reply, session);
    return { user: present.user(session.account), token: session.token };
  });

  app.post('/auth/logout', { preHandler: requireAccount, schema: logOut }, async (request, reply) => {
    await auth.logOut(currentAccount(request).tokenHash);
    clearSessionCookie(deps.sessionCookie, request, reply);
    return reply.status(204).send(null);
  });

  app.post(
    '/auth/logout-all',
    { preHandler: requireAccount, schema: logOutEverywhere },
    async (request, reply) => {
      const sessionsEnded = await auth.logOutEverywhere(currentAccount(request).account.id);
      clearSessionCookie(deps.sessionCookie, request, reply);
      return { sessionsEnded };
    },
  );
};
