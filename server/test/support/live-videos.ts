// A live video without an encoder: its row as the ingest makes it when a publish is taken (with a stream
// key made over HTTP), playable as once its first segments are out. For tests of what a live video has
// beside its stream (chat).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../src/platform/platform.js';
import { bearer } from './accounts.js';
import { makeStreamKey } from './stream-keys.js';

/** `visibility`: what its owner made it after going live (the ingest makes it public). */
export async function startLiveVideo(
  test: { app: FastifyInstance; platform: Platform },
  owner: { id: string; handle: string; token: string },
  visibility: 'public' | 'private' = 'public',
): Promise<string> {
  const { id: keyId } = await makeStreamKey(test.app, owner);
  const { liveVideos, channels } = test.platform.repositories;
  const channel = await channels.findByHandle(owner.handle);
  if (!channel) throw new Error(`no channel @${owner.handle}`);
  const key = {
    id: keyId,
    ownerId: owner.id,
    channelId: channel.id,
    name: 'Test encoder',
    createdAt: new Date(),
  };
  const id = randomBytes(8).toString('base64url');
  if (!(await liveVideos.start(id, key, 'Live now', new Date()))) throw new Error('the key is live already');
  await liveVideos.markPlayable(id);
  if (visibility !== 'public') {
    const edited = await test.app.inject({
      method: 'PATCH',
      url: `/api/v1/videos/${id}`,
      headers: bearer(owner.token),
      payload: { visibility },
    });
    if (edited.statusCode !== 200) throw new Error(`could not make it ${visibility}: ${edited.body}`);
  }
  return id;
}

export async function endLiveVideo(platform: Platform, id: string): Promise<void> {
  await platform.repositories.liveVideos.end(id, new Date());
}
