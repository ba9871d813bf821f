// A stream key made over HTTP for a person, as the tests that go live or check who may revoke need one.
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { bearer } from './accounts.js';

export async function makeStreamKey(
  app: FastifyInstance,
  owner: { token: string },
  name = 'Test encoder',
): Promise<{ id: string; key: string; ingestUrl: string }> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/me/stream-keys',
    headers: bearer(owner.token),
    payload: { name },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}
