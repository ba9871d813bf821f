// Serves the built web app; any other non-API GET answers with the app so client routes survive a reload.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { VideoEmbedService } from '../../services/videos/video-embed.service.js';
import { replyNotFound } from '../error-handler.js';
import type { Presenter } from '../presenters.js';
import type { SharePresenter } from '../share-presenter.js';
import { playerLibraryFile } from '../watch-page-preloads.js';
import { pageRoutes } from './pages.routes.js';

const API_PATHS = /^\/(api|media)(\/|$)|^\/(healthz|readyz)$/;

function wantsApp(request: FastifyRequest): boolean {
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    !API_PATHS.test(request.url.split('?')[0] ?? '')
  );
}

/** What the pages the server shapes need (routes/pages.routes.ts). */
export interface ClientDeps {
  embeds: VideoEmbedService;
  share: SharePresenter;
  present: Presenter;
}

export async function registerClient(
  app: FastifyInstance,
  clientDir: string | undefined,
  deps: ClientDeps,
): Promise<void> {
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
  // Read once: a build replaces the files of a running server only together with the server.
  const embedFile = path.join(clientDir, 'embed.html');
  const templates = {
    app: readFileSync(path.join(clientDir, 'index.html'), 'utf8'),
    embed: existsSync(embedFile) ? readFileSync(embedFile, 'utf8') : undefined,
    playerLibrary: playerLibraryFile(clientDir),
  };
  await app.register(pageRoutes, { templates, ...deps });
  app.setNotFoundHandler((request, reply) => {
    if (!wantsApp(request)) return replyNotFound(request, reply);
    // Hashed asset files may be cached for ever; the page that names them must always be fresh.
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
