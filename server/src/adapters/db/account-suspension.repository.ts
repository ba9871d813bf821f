// SQL for suspending an account and lifting it: the account's row, the copies its channel and videos carry
// (what pages and lists filter on), its sessions and the media URLs handed out for its videos, all in one
// transaction with the audit log. Caches of the channel and the videos forget them once it is committed.
import type { Kysely } from 'kysely';
import type { Role } from '../../domain/roles.js';
import type { ChannelChanged, VideoChanged } from './changes.js';
import type { InTransaction } from './in-transaction.js';
import type { PlaybackRevocations } from './playback-revocations.js';
import type { Database } from './schema.js';

/** The account as it is under the row lock, for the rules of who may suspend it. */
export interface SuspensionTarget {
  id: string;
  role: Role;
  suspendedAt: Date | null;
}

/** Told the locked account before anything is written; throws to refuse. */
export type AdmitSuspension = (target: SuspensionTarget) => void;

export class AccountSuspensionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly videoChanged: VideoChanged,
    private readonly channelChanged: ChannelChanged,
    private readonly revocations: PlaybackRevocations,
  ) {}

  /**
   * Suspends the account at once: its sessions end, its channel and videos leave every page and list, the
   * media URLs handed out for its videos stop working. False when there is no such account.
   */
  suspend(userId: string, admit: AdmitSuspension, record: InTransaction): Promise<boolean> {
    return this.change(userId, new Date(), admit, async (trx) => {
      const videos = await this.videosOf(trx, userId);
      for (const videoId of videos) await this.revocations.revoke(trx, videoId, 'owner-suspended');
      await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
      await record(trx);
      return videos;
    });
  }

  /** Gives everything back as it was: a video hidden or made private on its own stays so. */
  lift(userId: string, admit: AdmitSuspension, record: InTransaction): Promise<boolean> {
    return this.change(userId, null, admit, async (trx) => {
      await record(trx);
      return this.videosOf(trx, userId);
    });
  }

  private async change(
    userId: string,
    suspendedAt: Date | null,
    admit: AdmitSuspension,
    alongside: (trx: Kysely<Database>) => Promise<string[]>,
  ): Promise<boolean> {
    const changed = await this.db.transaction().execute(async (trx) => {
      const target = await trx
        .selectFrom('users')
        .select(['id', 'role', 'suspended_at'])
        .where('id', '=', userId)
        .forUpdate()
        .executeTakeFirst();
      if (!target) return undefined;
      admit({ id: target.id, role: target.role, suspendedAt: target.suspended_at });
      const videos = await alongside(trx);
      await trx.updateTable('users').set({ suspended_at: suspendedAt }).where('id', '=', userId).execute();
      await trx
        .updateTable('videos')
        .set({ owner_suspended_at: suspendedAt })
        .where('owner_id', '=', userId)
        .execute();
      const channels = await trx
        .updateTable('channels')
        .set({ suspended_at: suspendedAt })
        .where('owner_id', '=', userId)
        .returning('id')
        .execute();
      return { videos, channels: channels.map(({ id }) => id) };
    });
    if (!changed) return false;
    for (const videoId of changed.videos) await this.videoChanged(videoId);
    for (const channelId of changed.channels) await this.channelChanged(channelId);
    return true;
  }

  private async videosOf(trx: Kysely<Database>, ownerId: string): Promise<string[]> {
    const rows = await trx
      .selectFrom('videos')
      .select('id')
      .where('owner_id', '=', ownerId)
      .where('state', '!=', 'deleted')
      .execute();
    return rows.map(({ id }) => id);
  }
}
