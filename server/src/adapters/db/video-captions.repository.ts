// SQL for the list of a video's caption languages. A change holds the video's row lock while it publishes
// the master playlist that names the captions, so two changes at once publish in turn and the playlist
// last written always names the list stored. Every write reports the video as changed once committed.
import type { Kysely } from 'kysely';
import type { VideoChanged } from './changes.js';
import type { Database } from './schema.js';

export class VideoCaptionsRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly changed: VideoChanged,
  ) {}

  /**
   * Replaces a ready video's languages with `change(current)`; `publish` runs with the new list before the
   * commit, and a throw from it changes nothing. Undefined when the video is not (or no longer) ready.
   */
  async change(
    videoId: string,
    change: (languages: string[]) => string[],
    publish: (languages: string[]) => Promise<void>,
  ): Promise<string[] | undefined> {
    const languages = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('videos')
        .select('caption_languages')
        .where('id', '=', videoId)
        .where('state', '=', 'ready')
        .forUpdate()
        .executeTakeFirst();
      if (!row) return undefined;
      const next = change(row.caption_languages);
      await trx.updateTable('videos').set({ caption_languages: next }).where('id', '=', videoId).execute();
      await publish(next);
      return next;
    });
    await this.changed(videoId);
    return languages;
  }
}
