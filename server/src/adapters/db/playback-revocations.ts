// Withdrawing the media URLs handed out for a video: its playback version moves on, and tokens signed for an
// older one are refused (services/media). The one statement for every cause (made private, deleted, hidden
// by a moderator, its owner suspended), run inside the cause's own transaction; `revoked` joins that transaction too, to
// queue the CDN's copy of the new minimum, so the two happen together or not at all.
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { PlaybackRevocation } from '../../domain/video.js';
import type { Database } from './schema.js';

/** Told of each new minimum version, inside the transaction that moved it. */
export type PlaybackRevoked = (
  revocation: PlaybackRevocation,
  transaction: Kysely<Database>,
) => Promise<unknown>;

/** Why URLs are withdrawn, and the row condition under which that is a change (a repeat revokes nothing). */
const REASONS = {
  'made-private': sql<SqlBool>`visibility <> 'private' AND state <> 'deleted'`,
  deleted: sql<SqlBool>`state <> 'deleted'`,
  hidden: sql<SqlBool>`hidden_at IS NULL AND state <> 'deleted'`,
  'owner-suspended': sql<SqlBool>`owner_suspended_at IS NULL AND state <> 'deleted'`,
} as const;

export type RevocationReason = keyof typeof REASONS;

export class PlaybackRevocations {
  constructor(private readonly revoked: PlaybackRevoked) {}

  /**
   * Run in `transaction` BEFORE the write that gives the reason (while the row still shows the old state):
   * moves the version on if the reason is a change. Locks the row until the transaction ends.
   */
  async revoke(transaction: Kysely<Database>, videoId: string, reason: RevocationReason): Promise<void> {
    const row = await transaction
      .updateTable('videos')
      .set({ playback_version: sql`playback_version + 1` })
      .where('id', '=', videoId)
      .where(REASONS[reason])
      .returning('playback_version')
      .executeTakeFirst();
    if (row) await this.revoked({ videoId, minVersion: row.playback_version }, transaction);
  }
}
