// The two pages whose HTML the server shapes. /watch/:id is the app with the video's preview tags in its
// head (oEmbed discovery, Open Graph), for crawlers that run no JS, and the preloads that let its player
// start without waiting for the app's scripts (watch-page-preloads.ts). /embed/:id is the embedded player, a
// page of its own that any site may frame (the only one: security-headers.ts).
import type { FastifyPluginAsync } from 'fastify';
import type { VideoEmbedService } from '../../services/videos/video-embed.service.js';
import type { Presenter } from '../presenters.js';
import { isVideoId } from '../share-links.js';
import { escapeHtml, type SharePresenter } from '../share-presenter.js';
import { watchPagePreloads } from '../watch-page-preloads.js';

export interface PageTemplates {
  /** The app's index.html. */
  app: string;
  /** The embedded player's embed.html; without it /embed/… is the app's (which shows "not found"). */
  embed: string | undefined;
  /** The player library's chunk, which a watch page preloads. */
  playerLibrary: string | undefined;
}

interface PageDeps {
  templates: PageTemplates;
  embeds: VideoEmbedService;
  share: SharePresenter;
  present: Presenter;
}

export const pageRoutes: FastifyPluginAsync<PageDeps> = async (
  app,
  { templates, embeds, share, present },
) => {
  app.get<{ Params: { id: string } }>('/watch/:id', { schema: { hide: true } }, async (request, reply) => {
    // A page that cannot say what it shows is still the app: a database outage must not take it down.
    const { id } = request.params;
    const shared = !isVideoId(id)
      ? undefined
      : await embeds.describe(id).catch((error: unknown) => {
          request.log.warn({ err: error }, 'the watch page is served without its preview tags');
          return undefined;
        });
    const html = shared
      ? intoHead(templates.app, shared.video.title, [
          watchPagePreloads(templates.playerLibrary, present.masterPlaylistUrl(shared.video)),
          share.previewTags(shared),
        ])
      : templates.app;
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  });

  const { embed } = templates;
  if (embed === undefined) return;
  app.get('/embed/:id', { schema: { hide: true }, config: { framable: true } }, async (_request, reply) =>
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(embed),
  );
};

/** The page titled after the video, with `tags` at the end of its head. */
function intoHead(template: string, title: string, tags: string[]): string {
  return template
    .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(title)} - VidStream</title>`)
    .replace('</head>', () => `${tags.filter(Boolean).join('\n')}\n</head>`);
}
