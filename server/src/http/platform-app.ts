// The API application of an opened platform: what `vidstream api` serves and what tests drive.
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../platform.js';
import { buildApp } from './app.js';
import { createAccountGuard, createOptionalAccountGuard } from './authentication.js';
import { Presenter } from './presenters.js';

export function buildPlatformApp(platform: Platform, clientDir?: string): Promise<FastifyInstance> {
  const { config, services } = platform;
  return buildApp({
    routes: {
      ...services,
      storage: platform.storage,
      present: new Presenter(config.mediaBaseUrl, platform.playbackTokens),
      requireAccount: createAccountGuard(services.auth),
      identifyAccount: createOptionalAccountGuard(services.auth),
      loginLimitPerIpPerMinute: config.loginLimits.perIpPerMinute,
    },
    logger: platform.logger,
    trustProxy: config.trustProxy,
    corsOrigins: config.corsOrigins,
    mediaBaseUrl: config.mediaBaseUrl,
    metrics: platform.metrics,
    rateLimitRedis: platform.redis?.client,
    clientDir,
  });
}
