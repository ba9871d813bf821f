// SQL for a video's state machine: awaiting_upload → queued → processing → ready | failed, and deleted
// from any state. Each move names the states it may leave, so a late or repeated call changes nothing.
// Every write reports the video as changed once it is committed, so caches of it can never be forgotten.
// Deleting a video withdraws the media URLs already handed out (playback-revocations.ts).
import { type Kysely, sql } from 'kysely';
import type { PublishedDetails, TranscodedDetails, Video, VideoState } from '../../domain/video.js';
import type { VideoChanged } from './changes.js';
import type { InTransaction } from './in-transaction.js';
import type { PlaybackRevocations } from './playback-revocations.js';
import { toVideo } from './rows.js';
import type { Database } from './schema.js';

export class VideoStateRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly changed: VideoChanged,
    private readonly revocations: PlaybackRevocations,
  ) {}

  async stateOf(id: string): Promise<VideoState | undefined> {
    const row = await this.db.selectFrom('videos').select('state').where('id', '=', id).executeTakeFirst();
    return row?.state;
  }

  /**
   * Moves an uploaded video to `queued` and, in the same transaction, enqueues its job: both happen or neither.
   * `admit` runs first in that transaction (the owner's quota, with the account locked) and throws to refuse.
   * Returns false when the video was no longer awaiting its upload (a second call changes nothing).
   */
  async queue(
    id: string,
    details: PublishedDetails,
    enqueue: InTransaction,
    admit?: InTransaction,
  ): Promise<boolean> {
    const queued = await this.db.transaction().execute(async (trx) => {
      await admit?.(trx);
      const updated = await trx
        .updateTable('videos')
        .set({
          ...details,
          state: 'queued',
          upload_id: null,
          upload_expires_at: null,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .where('state', '=', 'awaiting_upload')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return false;
      await enqueue(trx);
      return true;
    });
    if (queued) await this.changed(id);
    return queued;
  }

  /**
   * Claims a queued (or retried) video for processing; undefined if it is gone or already finished. A
   * retried split stays playable: what its chunks published stays up while it runs again.
   */
  async startProcessing(id: string): Promise<Video | undefined> {
    const chunksPlayable = sql<boolean>`exists (
      select 1 from chunked_transcodes where video_id = ${id} and chunked_transcodes.playable)`;
    const row = await this.db
      .updateTable('videos')
      .set({
        state: 'processing',
        progress: 0,
        error: null,
        playable: chunksPlayable,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .where('state', 'in', ['queued', 'processing'])
      .returningAll()
      .executeTakeFirst();
    await this.changed(id);
    return row && toVideo(row);
  }

  /**
   * Marks a video being encoded as playable (its first segments are published) or, when its partial
   * output is withdrawn, as not. False when it is no longer processing.
   */
  async setPlayableWhileProcessing(id: string, playable: boolean): Promise<boolean> {
    const updated = await this.db
      .updateTable('videos')
      .set({ playable, updated_at: new Date() })
      .where('id', '=', id)
      .where('state', '=', 'processing')
      .executeTakeFirst();
    await this.changed(id);
    return Number(updated.numUpdatedRows) === 1;
  }

  async reportProgress(id: string, percent: number): Promise<void> {
    await this.db
      .updateTable('videos')
      .set({ progress: percent, updated_at: new Date() })
      .where('id', '=', id)
      .where('state', '=', 'processing')
      .execute();
    await this.changed(id);
  }

  /**
   * Publishes a transcoded video; `announce` runs in the same transaction (it enqueues the notifications
   * of subscribers), so a published video is always announced. False if it was no longer processing.
   */
  async markReady(id: string, details: TranscodedDetails, announce?: InTransaction): Promise<boolean> {
    const now = new Date();
    const published = await this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('videos')
        .set({
          state: 'ready',
          progress: 100,
          playable: true,
          duration_seconds: details.durationSeconds,
          width: details.width,
          height: details.height,
          renditions: JSON.stringify(details.renditions),
          media_start_seconds: details.mediaStartSeconds ?? 0,
          published_at: now,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('state', '=', 'processing')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return false;
      await announce?.(trx);
      return true;
    });
    await this.changed(id);
    return published;
  }

  /**
   * Sends a failed video back to `queued`, in the transaction that retries its transcode; the caller
   * reports it changed once that commits.
   */
  requeueFailed(id: string): InTransaction {
    return (trx) =>
      trx
        .updateTable('videos')
        .set({ state: 'queued', error: null, progress: 0, updated_at: new Date() })
        .where('id', '=', id)
        .where('state', '=', 'failed')
        .execute();
  }

  async markFailed(id: string, message: string): Promise<void> {
    await this.db
      .updateTable('videos')
      .set({ state: 'failed', error: message, playable: false, updated_at: new Date() })
      .where('id', '=', id)
      .where('state', 'in', ['queued', 'processing'])
      .execute();
    await this.changed(id);
  }

  /**
   * Gone for everyone at once, its media URLs withdrawn; `removeFiles` queues the removal of its files in
   * the same transaction.
   */
  async markDeleted(id: string, removeFiles: InTransaction): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.revocations.revoke(trx, id, 'deleted');
      await trx
        .updateTable('videos')
        .set({ state: 'deleted', upload_id: null, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      await removeFiles(trx);
    });
    await this.changed(id);
  }
}
