// The real VidStream API (the server's own config loader, platform and app, on embedded defaults in a
// scratch folder) started with what a deployment ships, and driven with requests shaped as its proxy
// delivers them: how each proxy treats X-Forwarded-For is written here once, from its documentation.
import { randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../server/src/config.js';
import { buildPlatformApp } from '../../server/src/platform/api-app.js';
import { openPlatform } from '../../server/src/platform/platform.js';

export interface RunningApi {
  app: FastifyInstance;
  close(): Promise<void>;
}

/** A fresh embedded database is migrated first: seconds, more while other suites share the cores. */
export const STARTUP_MS = 60_000;

/** Opens the API with `environment` (what a deployment sets) over an embedded database of its own. */
export async function startApi(environment: Record<string, string>): Promise<RunningApi> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-deploy-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...environment });
  const platform = await openPlatform(config, pino({ level: 'silent' }));
  const app = await buildPlatformApp(platform);
  await app.ready();
  return {
    app,
    async close() {
      await app.close();
      await platform.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The API for the enclosing describe, started once with `environment`. */
export function apiFor(environment: Record<string, string>): () => RunningApi {
  let api: RunningApi | undefined;
  beforeAll(async () => {
    api = await startApi(environment);
  }, STARTUP_MS);
  afterAll(() => api?.close());
  return () => {
    if (!api) throw new Error('the API did not start');
    return api;
  };
}

/** A request as it leaves a proxy: the connection's peer (the proxy) and the X-Forwarded-For it sends. */
export interface Delivered {
  remoteAddress: string;
  forwardedFor: string;
}

/**
 * An Application Load Balancer in `append` mode (routing.http.xff_header_processing.mode, its default):
 * the address it saw is added after whatever the client sent.
 */
export function throughLoadBalancer(client: string, sent: string | undefined, node: string): Delivered {
  return { remoteAddress: node, forwardedFor: sent ? `${sent}, ${client}` : client };
}

/**
 * Caddy's reverse_proxy: a client that is not among its `trusted_proxies` (none are configured) has its
 * X-Forwarded-For replaced by the address Caddy saw; from a trusted one it would append.
 */
export function throughCaddy(
  client: string,
  sent: string | undefined,
  caddy: string,
  trusted = false,
): Delivered {
  return { remoteAddress: caddy, forwardedFor: trusted && sent ? `${sent}, ${client}` : client };
}

/** A public IPv4 address, different on every call (documentation ranges are too small to vary). */
export function someAddress(): string {
  return `${randomInt(11, 99)}.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 254)}`;
}

/** Sends a failing log-in for each delivered request, in order; the statuses answered. */
export async function failedLogIns(app: FastifyInstance, requests: Delivered[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const { remoteAddress, forwardedFor } of requests) {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { email: 'nobody@example.test', password: 'not-the-password' },
      remoteAddress,
    });
    statuses.push(response.statusCode);
  }
  return statuses;
}
