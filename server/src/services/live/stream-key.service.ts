// A channel's stream keys: made (the key shown this once), listed without their secrets, revoked. A key is
// made and kept as a session token is: 256 random bits, only their SHA-256 stored.
import type { LiveVideoRepository } from '../../adapters/db/live-video.repository.js';
import type { StreamKeyRepository } from '../../adapters/db/stream-key.repository.js';
import type { Account } from '../../domain/account.js';
import { Conflict, NotFound } from '../../domain/errors.js';
import {
  MAX_STREAM_KEYS_PER_CHANNEL,
  type NewStreamKey,
  type StreamKeyInUse,
} from '../../domain/stream-key.js';
import { hashSessionToken, newSessionToken } from '../auth/session-tokens.js';

export interface StreamKeyDeps {
  keys: StreamKeyRepository;
  liveVideos: Pick<LiveVideoRepository, 'liveByKey'>;
  /** Where encoders publish, without the key: `rtmp://host:port/live`. */
  ingestBaseUrl: string;
}

export class StreamKeyService {
  constructor(private readonly deps: StreamKeyDeps) {}

  async create(owner: Account, name: string): Promise<NewStreamKey> {
    const key = newSessionToken();
    const streamKey = await this.deps.keys.create(
      { ownerId: owner.id, channelId: owner.channel.id, name: name.trim(), keyHash: hashSessionToken(key) },
      MAX_STREAM_KEYS_PER_CHANNEL,
    );
    if (!streamKey)
      throw new Conflict(
        'stream_key_limit',
        `A channel holds at most ${MAX_STREAM_KEYS_PER_CHANNEL} stream keys: revoke one first`,
      );
    return { streamKey, key, ingestUrl: `${this.deps.ingestBaseUrl}/${key}` };
  }

  async list(ownerId: string): Promise<StreamKeyInUse[]> {
    const [keys, live] = await Promise.all([
      this.deps.keys.listActive(ownerId),
      this.deps.liveVideos.liveByKey(ownerId),
    ]);
    return keys.map((key) => ({ ...key, liveVideoId: live.get(key.id) ?? null }));
  }

  async revoke(ownerId: string, id: string): Promise<void> {
    if (!(await this.deps.keys.revoke(ownerId, id)))
      throw new NotFound('stream_key_not_found', 'No such stream key');
  }
}
