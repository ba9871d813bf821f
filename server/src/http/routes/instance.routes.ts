// /instance — the instance's name, description and sign-up mode, for the web app's home and sign-up pages.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PublicInstance } from '../administration.schemas.js';
import type { RouteDeps } from '../route-deps.js';

/** Brief: a change shows within seconds, yet a burst of visitors asks once per browser and proxy. */
const CACHE_CONTROL = 'public, max-age=10';

const readInstance = {
  tags: ['instance'],
  summary: "The instance's name, description and whether it takes new accounts",
  response: { 200: PublicInstance },
};

export const instanceRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { instanceSettings }) => {
  app.get('/instance', { schema: readInstance }, async (_request, reply) => {
    reply.header('cache-control', CACHE_CONTROL);
    return instanceSettings.publicInstance();
  });
};
