// A video edited by its owner over HTTP, as the tests that retitle or hide a video need it.
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { bearer } from './accounts.js';

export async function editVideo(
  app: FastifyInstance,
  owner: { token: string },
  id: string,
  changes: Record<string, string>,
): Promise<void> {
  const response = await app.inject({
    method: 'PATCH',
    url: `/api/v1/videos/${id}`,
    headers: bearer(owner.token),
    payload: changes,
  });
  expect(response.statusCode, response.body).toBe(200);
}
