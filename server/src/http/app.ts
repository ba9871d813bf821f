// The Fastify application: plugins registered explicitly, one route plugin per resource.
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { TrustProxy } from '../config.js';
import { addressGroup } from '../domain/client-address.js';
import { TooManyRequests } from '../domain/errors.js';
import type { Metrics } from '../metrics.js';
import { ChatMessageJson } from './chat.schemas.js';
import { Comment } from './comment.schemas.js';
import { refuseCrossSiteRequests } from './cross-site-requests.js';
import { registerErrorHandler } from './error-handler.js';
import { Playlist, PlaylistItem } from './playlist.schemas.js';
import { counterRateLimitStore, type WindowCounters } from './rate-limit-store.js';
import { OneLinePerRequest } from './request-log.js';
import type { RouteDeps } from './route-deps.js';
import { adminAccountRoutes } from './routes/admin/accounts.routes.js';
import { auditLogRoutes } from './routes/admin/audit-log.routes.js';
import { adminCommentRoutes } from './routes/admin/comments.routes.js';
import { adminJobRoutes } from './routes/admin/jobs.routes.js';
import { adminReportRoutes } from './routes/admin/reports.routes.js';
import { adminSettingsRoutes } from './routes/admin/settings.routes.js';
import { adminVideoRoutes } from './routes/admin/videos.routes.js';
import { authRoutes } from './routes/auth.routes.js';
import { channelRoutes } from './routes/channels.routes.js';
import { registerClient } from './routes/client.routes.js';
import { commentRoutes } from './routes/comments.routes.js';
import { feedRoutes } from './routes/feed.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { instanceRoutes } from './routes/instance.routes.js';
import { blockedAccountRoutes } from './routes/me/blocked-accounts.routes.js';
import { myChannelRoutes } from './routes/me/channel.routes.js';
import { heldCommentRoutes } from './routes/me/held-comments.routes.js';
import { historyRoutes } from './routes/me/history.routes.js';
import { meRoutes } from './routes/me/me.routes.js';
import { notificationRoutes } from './routes/me/notifications.routes.js';
import { myPlaylistRoutes } from './routes/me/playlists.routes.js';
import { streamKeyRoutes } from './routes/me/stream-keys.routes.js';
import { mySubscriptionRoutes } from './routes/me/subscriptions.routes.js';
import { myVideoRoutes } from './routes/me/videos.routes.js';
import { mediaRoutes } from './routes/media.routes.js';
import { registerMetrics } from './routes/metrics.routes.js';
import { oembedRoutes } from './routes/oembed.routes.js';
import { playlistItemRoutes } from './routes/playlists/items.routes.js';
import { playlistRoutes } from './routes/playlists/playlists.routes.js';
import { reportRoutes } from './routes/reports.routes.js';
import { searchRoutes } from './routes/search.routes.js';
import { uploadPartRoutes } from './routes/upload-parts.routes.js';
import { uploadRoutes } from './routes/uploads.routes.js';
import { captionRoutes } from './routes/videos/captions.routes.js';
import { chatRoutes } from './routes/videos/chat.routes.js';
import { videoCommentRoutes } from './routes/videos/comments.routes.js';
import { videoEmbedRoutes } from './routes/videos/embed.routes.js';
import { videoEventRoutes } from './routes/videos/events.routes.js';
import { presenceRoutes } from './routes/videos/presence.routes.js';
import { progressRoutes } from './routes/videos/progress.routes.js';
import { reactionRoutes } from './routes/videos/reaction.routes.js';
import { upNextRoutes } from './routes/videos/up-next.routes.js';
import { videoRoutes } from './routes/videos/videos.routes.js';
import { viewRoutes } from './routes/videos/views.routes.js';
import { watchTicketRoutes } from './routes/videos/watch-tickets.routes.js';
import { Channel, ErrorResponse, SubscriptionState, User } from './schemas.js';
import { registerSecurityHeaders } from './security-headers.js';
import { closeOnUnreadBody } from './unread-body.js';
import { ReactionSummary, UploadPlan, Video } from './video.schemas.js';

const API_ROUTES = [
  authRoutes,
  meRoutes,
  myChannelRoutes,
  mySubscriptionRoutes,
  myVideoRoutes,
  historyRoutes,
  notificationRoutes,
  heldCommentRoutes,
  blockedAccountRoutes,
  myPlaylistRoutes,
  streamKeyRoutes,
  channelRoutes,
  uploadRoutes,
  videoRoutes,
  reactionRoutes,
  videoEventRoutes,
  videoCommentRoutes,
  chatRoutes,
  captionRoutes,
  videoEmbedRoutes,
  upNextRoutes,
  watchTicketRoutes,
  viewRoutes,
  presenceRoutes,
  progressRoutes,
  commentRoutes,
  playlistRoutes,
  playlistItemRoutes,
  feedRoutes,
  searchRoutes,
  reportRoutes,
  adminReportRoutes,
  adminVideoRoutes,
  adminCommentRoutes,
  adminAccountRoutes,
  auditLogRoutes,
  instanceRoutes,
  adminSettingsRoutes,
  adminJobRoutes,
];

export interface AppOptions {
  routes: RouteDeps;
  logger: Logger;
  trustProxy: TrustProxy;
  corsOrigins: string[];
  mediaBaseUrl: string;
  /** The address people open; over http, pages do not ask browsers to upgrade their requests to https. */
  publicUrl: string;
  metrics: Metrics;
  /** When set, /metrics answers only a scraper sending it as a bearer token. */
  metricsToken: string | undefined;
  /** Tells a database outage (503) from a failure (500). */
  isDatabaseAway: (error: unknown) => boolean;
  /** Where rate limits count: shared across API instances, never evicted. */
  counters: WindowCounters;
  /** The built web app (client/dist); the API runs without it. */
  clientDir?: string;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    trustProxy: trustedProxies(options.trustProxy),
    bodyLimit: 1024 * 1024,
    logController: new OneLinePerRequest(),
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerErrorHandler(app, options.isDatabaseAway);
  closeOnUnreadBody(app);
  registerMetrics(app, options.metrics, options.metricsToken);
  for (const schema of [
    ErrorResponse,
    User,
    Channel,
    SubscriptionState,
    Video,
    ReactionSummary,
    UploadPlan,
    Comment,
    Playlist,
    PlaylistItem,
    ChatMessageJson,
  ])
    app.addSchema(schema);

  registerSecurityHeaders(app, contentSecurity(options.mediaBaseUrl, options.publicUrl), answersData);
  await app.register(fastifyCors, {
    origin: options.corsOrigins.length > 0 ? options.corsOrigins : false,
    credentials: true,
  });
  await app.register(fastifyCookie);
  refuseCrossSiteRequests(app, options.routes.sessionCookie, options.publicUrl, options.corsOrigins);
  await app.register(fastifyRateLimit, {
    global: false,
    store: counterRateLimitStore(options.counters),
    // The counters fall back to this process's memory themselves: a limit is never skipped.
    skipOnError: false,
    keyGenerator: (request) => addressGroup(request.ip),
    errorResponseBuilder: (_request, context) =>
      new TooManyRequests(`Too many requests; try again in ${context.after}`, Math.ceil(context.ttl / 1000)),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'VidStream API', version: '1.0.0', description: 'Upload, transcode and stream video.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: options.routes.sessionCookie.name },
        },
      },
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) => String(json.$id ?? `def-${index}`),
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes, options.routes);
  // The API: a URL's handler is in routes/<first segment>.routes.ts, or routes/<first>/<next>.routes.ts
  // where the first segment is a folder (docs/architecture.md, "Finding a route").
  for (const routes of API_ROUTES) await app.register(routes, { ...options.routes, prefix: '/api/v1' });
  const { partReceiver } = options.routes;
  if (partReceiver) await app.register(uploadPartRoutes, { partReceiver, prefix: partReceiver.path });
  await app.register(oembedRoutes, { ...options.routes, prefix: '/api' });
  await app.register(mediaRoutes, { ...options.routes, prefix: '/media' });
  await registerClient(app, options.clientDir, options.routes);
  return app;
}

/** The API's routes (JSON and event streams) and its OpenAPI document; `/api/docs` is a page. */
const answersData = (url: string) => url.startsWith('/api/') && !url.startsWith('/api/docs');

/**
 * A hop count trusts that many proxies nearest the API, whatever their address (Express's meaning:
 * Fastify 5.12 reads a bare number as "trust nothing"). Only safe where clients cannot reach the API
 * around its proxies; an address list is safe everywhere.
 */
function trustedProxies(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

function contentSecurity(mediaBaseUrl: string, publicUrl: string) {
  const media = new URL(mediaBaseUrl).origin;
  return {
    defaultSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:', media],
    // data: for the empty `data:,WEBVTT` source hls.js gives each caption track (browsers keep its cues).
    mediaSrc: ["'self'", 'blob:', 'data:', media],
    connectSrc: ["'self'", media],
    workerSrc: ["'self'", 'blob:'],
    styleSrc: ["'self'", "'unsafe-inline'"],
    // helmet's default. Served over http on any name but localhost (a LAN name or address), browsers would
    // then fetch the app's own scripts over https, which such a server does not answer, and show nothing.
    upgradeInsecureRequests: new URL(publicUrl).protocol === 'https:' ? [] : null,
  };
}
