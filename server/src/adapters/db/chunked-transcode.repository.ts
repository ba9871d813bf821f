// What a chunked transcode has done so far: the plan, each chunk's and the audio's playlists, the extras.
// Workers record their part, then stitch in turn: the video's row is locked while the playlists are
// rewritten, so a later stitch never publishes less than an earlier one.
import type { Kysely } from 'kysely';
import type { InTransaction } from './in-transaction.js';
import type { Database } from './schema.js';

export interface ChunkedTranscodeState {
  plan: unknown;
  /** Per chunk, in order: its playlists once encoded, else null. */
  chunks: unknown[];
  audio: unknown;
  extrasDone: boolean;
  /** How many chunks, from the first, the published playlists list. */
  stitchedChunks: number;
  playable: boolean;
  /** The first chunk's first segments are out, published as they are encoded. */
  leadPublished: boolean;
  /** The audio's first segments are out, likewise. */
  audioLeadPublished: boolean;
}

export class ChunkedTranscodeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Records the plan and its chunks and, in the same transaction, enqueues their jobs. False when the video
   * was already fanned out (an earlier attempt got this far): nothing is enqueued twice.
   */
  async begin(videoId: string, plan: unknown, chunkCount: number, enqueue: InTransaction): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('chunked_transcodes')
        .values({ video_id: videoId, plan: JSON.stringify(plan) })
        .onConflict((conflict) => conflict.column('video_id').doNothing())
        .returning('video_id')
        .executeTakeFirst();
      if (!inserted) return false;
      await trx
        .insertInto('transcode_chunks')
        .values(Array.from({ length: chunkCount }, (_, index) => ({ video_id: videoId, chunk_index: index })))
        .execute();
      await enqueue(trx);
      return true;
    });
  }

  async plan(videoId: string): Promise<unknown> {
    const row = await this.db
      .selectFrom('chunked_transcodes')
      .select('plan')
      .where('video_id', '=', videoId)
      .executeTakeFirst();
    return row?.plan;
  }

  /** Whether the chunk's playlists are recorded: a retried job whose chunk is done only stitches. */
  async isChunkDone(videoId: string, index: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('transcode_chunks')
      .select('playlists')
      .where('video_id', '=', videoId)
      .where('chunk_index', '=', index)
      .executeTakeFirst();
    return row !== undefined && row.playlists !== null;
  }

  /** The chunks whose piece is stored and job queued. */
  async queuedChunks(videoId: string): Promise<Set<number>> {
    const rows = await this.db
      .selectFrom('transcode_chunks')
      .select('chunk_index')
      .where('video_id', '=', videoId)
      .where('queued', '=', true)
      .execute();
    return new Set(rows.map((row) => row.chunk_index));
  }

  /** Marks a chunk queued and, in the same transaction, enqueues its job; a second call does nothing. */
  async queueChunk(videoId: string, index: number, enqueue: InTransaction): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('transcode_chunks')
        .set({ queued: true })
        .where('video_id', '=', videoId)
        .where('chunk_index', '=', index)
        .where('queued', '=', false)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 1) await enqueue(trx);
    });
  }

  /** The first segments of the first chunk, or of the audio, are out. */
  async recordLeadPublished(videoId: string, of: 'chunk' | 'audio'): Promise<void> {
    await this.db
      .updateTable('chunked_transcodes')
      .set(of === 'chunk' ? { lead_published: true } : { audio_lead_published: true })
      .where('video_id', '=', videoId)
      .execute();
  }

  async recordChunk(videoId: string, index: number, playlists: unknown): Promise<void> {
    await this.db
      .updateTable('transcode_chunks')
      .set({ playlists: JSON.stringify(playlists) })
      .where('video_id', '=', videoId)
      .where('chunk_index', '=', index)
      .execute();
  }

  async recordAudio(videoId: string, playlist: unknown): Promise<void> {
    await this.db
      .updateTable('chunked_transcodes')
      .set({ audio: JSON.stringify(playlist) })
      .where('video_id', '=', videoId)
      .execute();
  }

  /**
   * The plan, when every chunk is recorded and the stills are not yet: the moment to assemble them.
   * Undefined otherwise, or when the transcode is gone (the video is ready, or withdrawn).
   */
  async stillsDue(videoId: string): Promise<unknown> {
    const row = await this.db
      .selectFrom('chunked_transcodes')
      .select(['plan', 'extras_done'])
      .where('video_id', '=', videoId)
      .executeTakeFirst();
    if (!row || row.extras_done) return undefined;
    const waiting = await this.db
      .selectFrom('transcode_chunks')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('video_id', '=', videoId)
      .where('playlists', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(waiting.count) === 0 ? row.plan : undefined;
  }

  /** The poster, storyboard sheets and track are published (by the extras part, or the assembly). */
  async recordExtras(videoId: string): Promise<void> {
    await this.db
      .updateTable('chunked_transcodes')
      .set({ extras_done: true })
      .where('video_id', '=', videoId)
      .execute();
  }

  /**
   * Runs `stitch` with the video's transcode locked, given what is done; `stitch` returns what it
   * published, which is recorded before the lock is let go. Undefined state: no such transcode (any more).
   */
  async stitchLocked<T>(
    videoId: string,
    stitch: (
      state: ChunkedTranscodeState | undefined,
    ) => Promise<{ stitchedChunks: number; playable: boolean; result: T }>,
  ): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('chunked_transcodes')
        .selectAll()
        .where('video_id', '=', videoId)
        .forUpdate()
        .executeTakeFirst();
      const chunks = row
        ? await trx
            .selectFrom('transcode_chunks')
            .select('playlists')
            .where('video_id', '=', videoId)
            .orderBy('chunk_index')
            .execute()
        : [];
      const state = row && {
        plan: row.plan,
        chunks: chunks.map((chunk) => chunk.playlists),
        audio: row.audio,
        extrasDone: row.extras_done,
        stitchedChunks: row.stitched_chunks,
        playable: row.playable,
        leadPublished: row.lead_published,
        audioLeadPublished: row.audio_lead_published,
      };
      const { stitchedChunks, playable, result } = await stitch(state);
      if (row) {
        await trx
          .updateTable('chunked_transcodes')
          .set({ stitched_chunks: stitchedChunks, playable })
          .where('video_id', '=', videoId)
          .execute();
      }
      return result;
    });
  }

  /** The record is done with once the video is ready. */
  async forget(videoId: string): Promise<void> {
    await this.db.deleteFrom('chunked_transcodes').where('video_id', '=', videoId).execute();
  }
}
