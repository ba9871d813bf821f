// SQL for the people an owner blocked from commenting on their channel. Blocking and unblocking flag or
// unflag that person's comments on the owner's videos and recount what they touch (thread reply counts,
// video comment counts) in the same transaction: the comments are never deleted, and the lists read the
// flag on the comment row, so a comment list stays one indexed query.
import { type Kysely, sql } from 'kysely';
import type { BlockedAccount } from '../../domain/channel-block.js';
import type { PagePosition } from '../../domain/page.js';
import type { VideoChanged } from './changes.js';
import { rowsAfter } from './keyset.js';
import type { Database } from './schema.js';

export class ChannelBlockRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly changed: VideoChanged,
  ) {}

  /** Returns false when there is no such account. Blocking again changes nothing. */
  async block(ownerId: string, blockedId: string): Promise<boolean> {
    const touched = await this.db.transaction().execute(async (trx) => {
      const account = await trx
        .selectFrom('users')
        .select('id')
        .where('id', '=', blockedId)
        .executeTakeFirst();
      if (!account) return undefined;
      await trx
        .insertInto('channel_blocks')
        // Milliseconds, as a JS Date holds them, so a page cursor compares exactly with the stored time.
        .values({ owner_id: ownerId, blocked_id: blockedId, created_at: new Date() })
        .onConflict((conflict) => conflict.doNothing())
        .execute();
      return flagComments(trx, ownerId, blockedId, true);
    });
    if (touched === undefined) return false;
    await this.forget(touched);
    return true;
  }

  /** Unblocking someone not blocked changes nothing. */
  async unblock(ownerId: string, blockedId: string): Promise<void> {
    const touched = await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('channel_blocks')
        .where('owner_id', '=', ownerId)
        .where('blocked_id', '=', blockedId)
        .execute();
      return flagComments(trx, ownerId, blockedId, false);
    });
    await this.forget(touched);
  }

  async isBlocked(ownerId: string, personId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('channel_blocks')
      .select('blocked_id')
      .where('owner_id', '=', ownerId)
      .where('blocked_id', '=', personId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Most recently blocked first. */
  async list(ownerId: string, limit: number, after?: PagePosition): Promise<BlockedAccount[]> {
    let query = this.db
      .selectFrom('channel_blocks')
      .innerJoin('channels', 'channels.owner_id', 'channel_blocks.blocked_id')
      .select([
        'channel_blocks.blocked_id',
        'channel_blocks.created_at',
        'channels.handle',
        'channels.display_name',
        'channels.avatar_key',
      ])
      .where('channel_blocks.owner_id', '=', ownerId);
    if (after) {
      query = query.where(
        rowsAfter(['channel_blocks.created_at', 'channel_blocks.blocked_id'], [after.at, after.id]),
      );
    }
    const rows = await query
      .orderBy('channel_blocks.created_at', 'desc')
      .orderBy('channel_blocks.blocked_id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      accountId: row.blocked_id,
      handle: row.handle,
      displayName: row.display_name,
      avatarKey: row.avatar_key,
      blockedAt: row.created_at,
    }));
  }

  private async forget(videoIds: string[]): Promise<void> {
    for (const videoId of videoIds) await this.changed(videoId);
  }
}

/**
 * Flags (or unflags) the person's comments on the owner's videos, then recounts the threads and videos
 * they are in. Returns the videos whose count may have changed.
 */
async function flagComments(
  trx: Kysely<Database>,
  ownerId: string,
  authorId: string,
  blocked: boolean,
): Promise<string[]> {
  const flagged = await trx
    .updateTable('comments')
    .set({ author_blocked: blocked })
    .where('author_id', '=', authorId)
    .where('author_blocked', '=', !blocked)
    .where('video_id', 'in', (eb) => eb.selectFrom('videos').select('id').where('owner_id', '=', ownerId))
    .returning(['video_id', 'parent_id'])
    .execute();
  const videoIds = [...new Set(flagged.map((row) => row.video_id))];
  const threadIds = [...new Set(flagged.flatMap((row) => (row.parent_id === null ? [] : [row.parent_id])))];
  if (threadIds.length > 0) {
    await sql`UPDATE comments AS thread SET reply_count = (
        SELECT count(*) FROM comments AS reply
        WHERE reply.parent_id = thread.id AND NOT reply.held AND NOT reply.author_blocked)
      WHERE thread.id IN (${sql.join(threadIds)})`.execute(trx);
  }
  if (videoIds.length > 0) {
    await sql`UPDATE videos SET comment_count = (
        SELECT count(*) FROM comments
        WHERE comments.video_id = videos.id AND comments.deleted_at IS NULL
          AND NOT comments.held AND NOT comments.author_blocked)
      WHERE videos.id IN (${sql.join(videoIds)})`.execute(trx);
  }
  return videoIds;
}
