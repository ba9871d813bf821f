// What a client sees while PostgreSQL is away and once it is back, for the tests that take it away (a
// relay cut or stalled, a real restart or crash): reads that need it answer a prompt 503, then 200 again.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/** Reads that need the database (lists, search, uncached pages) of a channel with a few videos. */
export function databaseReads(channelHandle: string): string[] {
  return [
    '/api/v1/feed/newest?limit=5',
    '/api/v1/search?q=video',
    '/api/v1/feed/trending',
    `/api/v1/channels/${channelHandle}/videos`,
  ];
}

/** The answer, or a failure if none came within `ms`: a hung request is the bug looked for here. */
export async function answerWithin(
  app: FastifyInstance,
  ms: number,
  request: string | InjectOptions,
): Promise<LightMyRequestResponse> {
  const what = typeof request === 'string' ? request : JSON.stringify(request);
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} had no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([app.inject(request), hung]);
  } finally {
    clearTimeout(timer);
  }
}

/** A refusal as a client should get it while PostgreSQL is away: 503, the code, and when to retry. */
export function expectDatabaseUnavailable(answer: LightMyRequestResponse, what: string): void {
  expect(answer.statusCode, `${what}: ${answer.body}`).toBe(503);
  expect(answer.json().error.code).toBe('database_unavailable');
  expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
}

/** Every read answers 503 promptly (within 8 s, the outage's longest timeout and then some). */
export async function expectReadsUnavailable(app: FastifyInstance, reads: string[]): Promise<void> {
  const answers = await Promise.all(reads.map((url) => answerWithin(app, 8_000, url)));
  for (const [index, answer] of answers.entries()) expectDatabaseUnavailable(answer, reads[index] ?? '');
}

/** Polls until every read answers 200 (the pool has recovered), failing past `ms`. */
export async function expectReadsRecoveredWithin(
  app: FastifyInstance,
  reads: string[],
  ms: number,
): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const answers = await Promise.all(reads.map((url) => app.inject({ url })));
    if (answers.every((answer) => answer.statusCode === 200)) return;
    if (Date.now() > deadline) {
      throw new Error(`not recovered: ${answers.map((answer) => answer.statusCode).join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
