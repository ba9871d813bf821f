// SQL for live videos: made when a key's publish is taken, playable once its first segments are out, ended
// when its publisher is gone for good, or when the process making it has not been seen for a while. The
// unique index on a key's live video keeps a key to one live stream at a time across every process that
// takes publishes. Ending a live video queues the making of its VOD in the same transaction.

import type { Kysely } from 'kysely';
import type { StreamKey } from '../../domain/stream-key.js';
import type { RenditionRecord, Video } from '../../domain/video.js';
import type { VideoChanged } from './changes.js';
import { announceLive } from './notification.repository.js';
import { toVideo } from './rows.js';
import type { Database } from './schema.js';
import { violatedUniqueConstraint } from './unique-violation.js';

/** Queues the job that makes an ended live video a VOD, in the transaction that ends it. */
export type EnqueueRecording = (videoId: string, transaction: Kysely<Database>) => Promise<unknown>;

export class LiveVideoRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly changed: VideoChanged,
    private readonly enqueueRecording: EnqueueRecording,
  ) {}

  /**
   * The key's new live video, processing (its ladder is being made) and public; undefined when the key
   * already has a live one.
   */
  async start(id: string, key: StreamKey, title: string, now: Date): Promise<Video | undefined> {
    try {
      const row = await this.db
        .insertInto('videos')
        .values({
          id,
          owner_id: key.ownerId,
          channel_id: key.channelId,
          state: 'processing',
          visibility: 'public',
          title,
          source_file_name: 'live',
          source_size: 0,
          source_content_type: 'video/x-flv',
          upload_id: null,
          part_size: 0,
          upload_expires_at: null,
          published_at: now,
          live_state: 'live',
          live_started_at: now,
          live_seen_at: now,
          stream_key_id: key.id,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.changed(id);
      return toVideo(row);
    } catch (error) {
      if (violatedUniqueConstraint(error) === 'videos_one_live_per_key') return undefined;
      throw error;
    }
  }

  /** Its first segments are out: it can be watched, and its channel's subscribers are told it is live. */
  async markPlayable(id: string): Promise<void> {
    const now = new Date();
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('videos').set({ playable: true, updated_at: now }).where('id', '=', id).execute();
      await announceLive(trx, id, now);
    });
    await this.changed(id);
  }

  /** The rungs the stream is made in, lowest first; the top one is the video's size. */
  async recordLadder(id: string, ladder: RenditionRecord[]): Promise<void> {
    const top = ladder.at(-1);
    await this.db
      .updateTable('videos')
      .set({
        width: top?.width ?? null,
        height: top?.height ?? null,
        renditions: JSON.stringify(
          ladder.map(({ name, width, height, frameRate, maxKbps }) => ({
            name,
            width,
            height,
            frameRate,
            maxKbps,
          })),
        ),
      })
      .where('id', '=', id)
      .execute();
  }

  async end(id: string, now: Date): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const ended = await trx
        .updateTable('videos')
        .set({ live_state: 'ended', live_ended_at: now, updated_at: now })
        .where('id', '=', id)
        .where('live_state', '=', 'live')
        .executeTakeFirst();
      if (Number(ended.numUpdatedRows) === 1) await this.enqueueRecording(id, trx);
    });
    await this.changed(id);
  }

  /** The live process making these videos still runs. */
  async seen(ids: string[], now: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('videos')
      .set({ live_seen_at: now })
      .where('id', 'in', ids)
      .where('live_state', '=', 'live')
      .execute();
  }

  /** Ends the live videos no live process has said it makes since `seenBefore`; returns their ids. */
  async endUnseen(seenBefore: Date, now: Date): Promise<string[]> {
    const rows = await this.db.transaction().execute(async (trx) => {
      const ended = await trx
        .updateTable('videos')
        .set({ live_state: 'ended', live_ended_at: now, updated_at: now })
        .where('live_state', '=', 'live')
        .where('live_seen_at', '<', seenBefore)
        .returning('id')
        .execute();
      for (const { id } of ended) await this.enqueueRecording(id, trx);
      return ended;
    });
    for (const { id } of rows) await this.changed(id);
    return rows.map((row) => row.id);
  }

  /** The live video of each of the owner's keys that has one, by key id. */
  async liveByKey(ownerId: string): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('videos')
      .select(['id', 'stream_key_id'])
      .where('owner_id', '=', ownerId)
      .where('live_state', '=', 'live')
      .execute();
    return new Map(rows.flatMap((row) => (row.stream_key_id ? [[row.stream_key_id, row.id]] : [])));
  }
}
