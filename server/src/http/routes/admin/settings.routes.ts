// /admin/settings — administrators read and change the instance settings (each change in the audit log).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { InstanceSettings, InstanceSettingsChange } from '../../administration.schemas.js';
import { currentAccount } from '../../authentication.js';
import type { RouteDeps } from '../../route-deps.js';
import { errorResponses } from '../../schemas.js';

const readSettings = {
  tags: ['administration'],
  summary: "The instance's name, description, sign-up mode and every account's upload quotas",
  response: { 200: InstanceSettings, ...errorResponses(401, 403) },
};

const changeSettings = {
  tags: ['administration'],
  summary: 'Change some settings; the others stay. Other API processes see it within 5 seconds',
  body: InstanceSettingsChange,
  response: { 200: InstanceSettings, ...errorResponses(400, 401, 403) },
};

export const adminSettingsRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (
  app,
  { instanceSettings, requireAccount },
) => {
  app.get('/admin/settings', { preHandler: requireAccount, schema: readSettings }, async (request) =>
    instanceSettings.read(currentAccount(request).account),
  );

  app.patch('/admin/settings', { preHandler: requireAccount, schema: changeSettings }, async (request) =>
    instanceSettings.change(currentAccount(request).account, request.body),
  );
};
