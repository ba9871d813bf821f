// Test helpers for comments and what a creator controls of them, through the API: each request from an
// address of its own, so the per-address comment limit never counts a test's setup.
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { bearer, randomAddress } from './accounts.js';

export interface CommentJson {
  id: string;
  videoId: string;
  parentId: string | null;
  body: string;
  author: { id: string; handle: string } | null;
  replyCount: number;
  deleted: boolean;
  awaitingApproval: boolean;
}

interface PageJson<T> {
  items: T[];
  nextCursor: string | null;
}

const headersOf = (token?: string) => (token ? bearer(token) : {});

export function postComment(
  app: FastifyInstance,
  videoId: string,
  token: string,
  body: string,
  parentId?: string,
) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/videos/${videoId}/comments`,
    headers: bearer(token),
    payload: parentId ? { body, parentId } : { body },
    remoteAddress: randomAddress(),
  });
}

/** A comment that must be accepted. */
export async function comment(
  app: FastifyInstance,
  videoId: string,
  token: string,
  body: string,
  parentId?: string,
): Promise<CommentJson> {
  const response = await postComment(app, videoId, token, body, parentId);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** The bodies of a video's threads as this reader (nobody without a token) sees them. */
export async function threadBodies(app: FastifyInstance, videoId: string, token?: string): Promise<string[]> {
  const response = await app.inject({ url: `/api/v1/videos/${videoId}/comments`, headers: headersOf(token) });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as PageJson<CommentJson>).items.map((item) => item.body);
}

/** The threads of a video as this reader sees them. */
export async function threads(app: FastifyInstance, videoId: string, token?: string): Promise<CommentJson[]> {
  const response = await app.inject({ url: `/api/v1/videos/${videoId}/comments`, headers: headersOf(token) });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as PageJson<CommentJson>).items;
}

/** The bodies of a thread's replies as this reader sees them. */
export async function replyBodies(app: FastifyInstance, threadId: string, token?: string): Promise<string[]> {
  const response = await app.inject({
    url: `/api/v1/comments/${threadId}/replies`,
    headers: headersOf(token),
  });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as PageJson<CommentJson>).items.map((item) => item.body);
}

/** The video's comment count, as the watch page shows it. */
export async function commentCount(app: FastifyInstance, videoId: string): Promise<number> {
  return (await app.inject({ url: `/api/v1/videos/${videoId}` })).json().commentCount;
}

export function setCommentPolicy(
  app: FastifyInstance,
  videoId: string,
  token: string,
  commentPolicy: unknown,
) {
  return app.inject({
    method: 'PATCH',
    url: `/api/v1/videos/${videoId}`,
    headers: bearer(token),
    payload: { commentPolicy },
  });
}

/** Every item of a list, following its cursors (each page of `limit` items). */
export async function everyItem<T>(
  app: FastifyInstance,
  url: string,
  token: string,
  limit = 2,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const response = await app.inject({ url: `${url}?${query}`, headers: bearer(token) });
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as PageJson<T>;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
