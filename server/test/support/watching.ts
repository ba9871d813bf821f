// Watch history made through the API: a signed-in person reports a position in each video, as the player does.
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { bearer } from './accounts.js';

export async function watchAll(app: FastifyInstance, token: string, videoIds: string[]): Promise<void> {
  for (const videoId of videoIds) {
    const response = await app.inject({
      method: 'PUT',
      url: `/api/v1/videos/${videoId}/progress`,
      headers: bearer(token),
      payload: { positionSeconds: 2 },
    });
    expect(response.statusCode, response.body).toBe(204);
  }
}
