// Serves the built web app; any other non-API GET answers with the app so client routes survive a reload.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { replyNotFound } from '../error-handler.js';

const API_PATHS = /^\/(api|media)(\/|$)|^\/(healthz|readyz)$/;

function wantsApp(request: FastifyRequest): boolean {
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    !API_PATHS.test(request.url.split('?')[0] ?? '')
  );
}

export async function registerClient(app: FastifyInstance, clientDir: string | undefined): Promise<void> {
  const hasBuild = clientDir !== undefined && existsSync(path.join(clientDir, 'index.html'));
  if (!hasBuild) {
    app.setNotFoundHandler(replyNotFound);
    return;
  }
  // The build writes brotli and gzip copies of its text files (client/build/precompressed.ts).
  await app.register(fastifyStatic, {
    root: clientDir,
    wildcard: false,
    index: false,
    cacheControl: false,
    preCompressed: true,
  });
  app.setNotFoundHandler((request, reply) => {
    if (!wantsApp(request)) return replyNotFound(request, reply);
    // Hashed asset files may be cached for ever; the page that names them must always be fresh.
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
