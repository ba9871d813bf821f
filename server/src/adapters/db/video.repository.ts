// SQL for a video's record: created with its upload, read, edited by its owner, forgotten when its upload
// never completes. Its state changes are in video-state.repository.ts, its lists in video-list.repository.ts.
// Every write reports the video as changed once it is committed, so caches of it can never be forgotten.
// Making a video private, or a moderator hiding it, withdraws the media URLs already handed out
// (playback-revocations.ts).
import type { Kysely } from 'kysely';
import type { NewVideo, Video, VideoEdit, VideoWithChannel } from '../../domain/video.js';
import type { VideoChanged } from './changes.js';
import type { InTransaction } from './in-transaction.js';
import type { PlaybackRevocations } from './playback-revocations.js';
import { selectVideosWithChannel, toVideo, toVideoWithChannel } from './rows.js';
import type { Database } from './schema.js';

export class VideoRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly changed: VideoChanged,
    private readonly revocations: PlaybackRevocations,
  ) {}

  /** `db` is a transaction when the insert joins one (a quota check); the new id cannot be cached yet. */
  async insert(video: NewVideo, db: Kysely<Database> = this.db): Promise<Video> {
    const row = await db
      .insertInto('videos')
      .values({
        id: video.id,
        owner_id: video.ownerId,
        channel_id: video.channelId,
        state: 'awaiting_upload',
        source_file_name: video.fileName,
        source_size: video.size,
        source_content_type: video.contentType,
        upload_id: video.uploadId,
        part_size: video.partSize,
        upload_expires_at: video.uploadExpiresAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.changed(video.id);
    return toVideo(row);
  }

  async findById(id: string): Promise<Video | undefined> {
    const row = await this.db.selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toVideo(row);
  }

  /** The video with its channel's summary: everything its page shows, in one query. */
  async findWithChannel(id: string): Promise<VideoWithChannel | undefined> {
    const row = await selectVideosWithChannel(this.db).where('videos.id', '=', id).executeTakeFirst();
    return row && toVideoWithChannel(row);
  }

  async idsOfChannel(channelId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('videos')
      .select('id')
      .where('channel_id', '=', channelId)
      .execute();
    return rows.map((row) => row.id);
  }

  /** Changes what the owner may edit; undefined when the video is gone. */
  async edit(id: string, edit: VideoEdit): Promise<Video | undefined> {
    const row = await this.db.transaction().execute(async (trx) => {
      if (edit.visibility === 'private') await this.revocations.revoke(trx, id, 'made-private');
      const { commentPolicy, ...columns } = edit;
      return trx
        .updateTable('videos')
        .set({ ...columns, comment_policy: commentPolicy, updated_at: new Date() })
        .where('id', '=', id)
        .where('state', '!=', 'deleted')
        .returningAll()
        .executeTakeFirst();
    });
    await this.changed(id);
    return row && toVideo(row);
  }

  /**
   * A moderator hides or shows the video; `record` joins the transaction (the audit log). Hiding withdraws
   * the media URLs handed out, as making it private does. Returns false when the video is gone.
   */
  async setHidden(id: string, hidden: boolean, record: InTransaction): Promise<boolean> {
    const updated = await this.db.transaction().execute(async (trx) => {
      if (hidden) await this.revocations.revoke(trx, id, 'hidden');
      const row = await trx
        .updateTable('videos')
        .set((eb) => ({ hidden_at: hidden ? eb.fn.coalesce('hidden_at', eb.val(new Date())) : null }))
        .where('id', '=', id)
        .where('state', '!=', 'deleted')
        .returning('id')
        .executeTakeFirst();
      if (row) await record(trx);
      return row !== undefined;
    });
    await this.changed(id);
    return updated;
  }

  /** Uploads whose bytes never all arrived before their deadline. */
  async findExpiredUploads(now: Date, limit: number): Promise<Video[]> {
    const rows = await this.db
      .selectFrom('videos')
      .selectAll()
      .where('state', '=', 'awaiting_upload')
      .where('upload_expires_at', '<', now)
      .orderBy('upload_expires_at')
      .limit(limit)
      .execute();
    return rows.map(toVideo);
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('videos').where('id', '=', id).execute();
    await this.changed(id);
  }
}
