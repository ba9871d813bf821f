// The API application of an opened platform: what `vidstream api` serves and what tests drive.
import type { FastifyInstance } from 'fastify';
import { isDatabaseAway } from '../adapters/db/outage.js';
import { buildApp } from '../http/app.js';
import { createAccountGuard, createOptionalAccountGuard, sessionCookieFor } from '../http/authentication.js';
import { Presenter } from '../http/presenters.js';
import { PublicVideoAnswers } from '../http/public-video-answers.js';
import { ShareLinks } from '../http/share-links.js';
import { SharePresenter } from '../http/share-presenter.js';
import type { Platform } from './platform.js';

export function buildPlatformApp(platform: Platform, clientDir?: string): Promise<FastifyInstance> {
  const { config, services } = platform;
  const present = new Presenter(config.mediaBaseUrl, platform.playbackTokens);
  const shareLinks = new ShareLinks(config.publicUrl);
  const sessionCookie = sessionCookieFor(config.publicUrl);
  return buildApp({
    routes: {
      ...services,
      present,
      publicVideoAnswers: new PublicVideoAnswers(present),
      share: new SharePresenter(shareLinks, present),
      shareLinks,
      requireAccount: createAccountGuard(services.auth, sessionCookie),
      identifyAccount: createOptionalAccountGuard(services.auth, sessionCookie),
      sessionCookie,
      loginLimitPerIpPerMinute: config.loginLimits.perIpPerMinute,
      viewReportsPerMinute: config.viewLimits.reportsPerMinute,
      requestLimits: config.requestLimits,
    },
    logger: platform.logger,
    trustProxy: config.trustProxy,
    corsOrigins: config.corsOrigins,
    mediaBaseUrl: config.mediaBaseUrl,
    publicUrl: config.publicUrl,
    metrics: platform.metrics,
    metricsToken: config.metricsToken,
    isDatabaseAway,
    counters: platform.counters,
    clientDir,
  });
}
