// SQL for likes and dislikes. A reaction and the video's counts change in one transaction, serialised
// per person and video by an advisory lock, so the counts always equal the stored reactions, whatever
// the clicks racing each other.
import { type Kysely, sql } from 'kysely';
import type { ReactionCounts, ReactionValue } from '../../domain/reaction.js';
import type { VideoChanged } from './changes.js';
import type { Database } from './schema.js';

export class ReactionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly changed: VideoChanged,
  ) {}

  async find(videoId: string, userId: string): Promise<ReactionValue | undefined> {
    const row = await this.db
      .selectFrom('video_reactions')
      .select('value')
      .where('video_id', '=', videoId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.value;
  }

  /** Sets one person's reaction, or clears it with `undefined`; returns the video's counts after it. */
  async set(videoId: string, userId: string, value: ReactionValue | undefined): Promise<ReactionCounts> {
    const counts = await this.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`reaction:${videoId}:${userId}`}, 0))`.execute(
        trx,
      );
      const mine = trx
        .selectFrom('video_reactions')
        .where('video_id', '=', videoId)
        .where('user_id', '=', userId);
      const previous = (await mine.select('value').executeTakeFirst())?.value;
      if (value === undefined) {
        await trx
          .deleteFrom('video_reactions')
          .where('video_id', '=', videoId)
          .where('user_id', '=', userId)
          .execute();
      } else if (value !== previous) {
        await trx
          .insertInto('video_reactions')
          .values({ video_id: videoId, user_id: userId, value })
          .onConflict((conflict) =>
            conflict.columns(['video_id', 'user_id']).doUpdateSet({ value, updated_at: new Date() }),
          )
          .execute();
      }
      const change = (kind: ReactionValue) => (value === kind ? 1 : 0) - (previous === kind ? 1 : 0);
      const row = await trx
        .updateTable('videos')
        .set({
          like_count: sql`like_count + ${change('like')}`,
          dislike_count: sql`dislike_count + ${change('dislike')}`,
        })
        .where('id', '=', videoId)
        .returning(['like_count', 'dislike_count'])
        .executeTakeFirstOrThrow();
      return { likes: Number(row.like_count), dislikes: Number(row.dislike_count) };
    });
    await this.changed(videoId);
    return counts;
  }
}
