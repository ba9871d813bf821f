// Test helpers for moderation: reports filed, the queue and the audit log read, through the API.
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { bearer, randomAddress } from './accounts.js';

export interface QueueItem {
  id: string;
  kind: string;
  itemId: string;
  reportCount: number;
  reasons: string[];
  firstReportedAt: string;
  content: Record<string, unknown> | null;
}

export interface AuditEntry {
  id: string;
  actor: { id: string; handle: string | null } | null;
  action: string;
  target: { kind: string; id: string };
  reason: string | null;
  details: Record<string, unknown>;
  createdAt: string;
}

/** Files a report from an address of its own, so the per-address limit never counts a test's setup. */
export function fileReport(app: FastifyInstance, token: string, payload: object) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: bearer(token),
    payload,
    remoteAddress: randomAddress(),
  });
}

/** Every page of a list, followed by its cursors. */
async function everyPage<T>(app: FastifyInstance, token: string, url: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${cursor}` : '';
    const response = await app.inject({ url: `${url}?limit=100${query}`, headers: bearer(token) });
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as { items: T[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** The whole moderation queue, as a moderator reads it. */
export const openItems = (app: FastifyInstance, token: string) =>
  everyPage<QueueItem>(app, token, '/api/v1/admin/reports');

/** The whole audit log, newest first, as an administrator reads it. */
export const auditLog = (app: FastifyInstance, token: string) =>
  everyPage<AuditEntry>(app, token, '/api/v1/admin/audit-log');
