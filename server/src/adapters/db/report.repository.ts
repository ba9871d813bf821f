// SQL for reports and the moderation queue. Every open report on one video, comment or channel is gathered
// in one reported item (a unique index keeps one open item per thing), which counts them; the queue lists
// open items, most reported first, then the oldest, each with what it reports as it is now.
import { type Kysely, type SqlBool, sql } from 'kysely';
import { Conflict } from '../../domain/errors.js';
import type {
  NewReport,
  ReportedContent,
  ReportedItem,
  ReportKind,
  ReportOutcome,
  ReportReason,
} from '../../domain/moderation.js';
import type { PagePosition } from '../../domain/page.js';
import type { InTransaction } from './in-transaction.js';
import { rowsAfter } from './keyset.js';
import type { Database } from './schema.js';

/** The thing a reported item is about. */
export interface ReportTarget {
  kind: ReportKind;
  itemId: string;
}

export class ReportRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Adds the report to the item's open ones; refused when this person already has one open on it. */
  async file(report: NewReport): Promise<void> {
    const now = new Date();
    await this.db.transaction().execute(async (trx) => {
      const item = await trx
        .insertInto('reported_items')
        .values({ kind: report.kind, item_id: report.itemId, report_count: 1, first_reported_at: now })
        .onConflict((conflict) =>
          conflict
            .columns(['kind', 'item_id'])
            .where('closed_at', 'is', null)
            .doUpdateSet((eb) => ({ report_count: eb('reported_items.report_count', '+', 1) })),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      const filed = await trx
        .insertInto('reports')
        .values({
          reported_item_id: item.id,
          reporter_id: report.reporterId,
          reason: report.reason,
          details: report.details,
          subject: report.subject,
          created_at: now,
        })
        .onConflict((conflict) => conflict.columns(['reported_item_id', 'reporter_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      // Thrown inside the transaction, so the count goes back too.
      if (!filed) throw new Conflict('already_reported', 'You have already reported this');
    });
  }

  /**
   * Open items, most reported first, then the oldest; keyset-paged in the order of the queue's index on
   * (report count, first report, id), the count as the position's rank.
   */
  async queue(limit: number, after?: PagePosition): Promise<ReportedItem[]> {
    let query = this.db
      .selectFrom('reported_items as item')
      .leftJoin('videos', (join) =>
        join.on('item.kind', '=', 'video').onRef('videos.id', '=', 'item.item_id'),
      )
      .leftJoin('channels as video_channel', 'video_channel.id', 'videos.channel_id')
      // The id is cast only for items of that kind: a video's id is no uuid.
      .leftJoin('comments', (join) =>
        join.on(sql<SqlBool>`comments.id = CASE WHEN item.kind = 'comment' THEN item.item_id::uuid END`),
      )
      .leftJoin('videos as comment_video', 'comment_video.id', 'comments.video_id')
      .leftJoin('channels as comment_author', 'comment_author.owner_id', 'comments.author_id')
      .leftJoin('channels as channel', (join) =>
        join.on(sql<SqlBool>`channel.id = CASE WHEN item.kind = 'channel' THEN item.item_id::uuid END`),
      )
      .select([
        'item.id',
        'item.kind',
        'item.item_id',
        'item.report_count',
        'item.first_reported_at',
        'videos.title as video_title',
        'videos.state as video_state',
        'videos.hidden_at as video_hidden_at',
        'video_channel.handle as video_channel_handle',
        'comments.body as comment_body',
        'comments.deleted_at as comment_deleted_at',
        'comments.video_id as comment_video_id',
        'comment_video.title as comment_video_title',
        'comment_author.handle as comment_author_handle',
        'channel.handle as channel_handle',
        'channel.display_name as channel_display_name',
      ])
      .select(
        sql<ReportReason[]>`(SELECT array_agg(DISTINCT reason ORDER BY reason) FROM reports
          WHERE reports.reported_item_id = item.id)`.as('reasons'),
      )
      .where('item.closed_at', 'is', null);
    if (after) {
      query = query.where(
        rowsAfter(
          ['item.report_count', 'item.first_reported_at', 'item.id'],
          [after.rank ?? 0, after.at, after.id],
          ['desc', 'asc', 'asc'],
        ),
      );
    }
    const rows = await query
      .orderBy('item.report_count', 'desc')
      .orderBy('item.first_reported_at', 'asc')
      .orderBy('item.id', 'asc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      itemId: row.item_id,
      reportCount: row.report_count,
      reasons: row.reasons ?? [],
      firstReportedAt: row.first_reported_at,
      content: contentOf(row),
    }));
  }

  /**
   * Closes the open item `id` with `outcome` and tells its reporters; `record` joins the transaction and is
   * told what the item reported. Undefined when there is no such open item.
   */
  async closeItem(
    id: string,
    outcome: ReportOutcome,
    record: (target: ReportTarget, transaction: Kysely<Database>) => Promise<unknown>,
  ): Promise<ReportTarget | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const closed = await trx
        .updateTable('reported_items')
        .set({ closed_at: new Date(), outcome })
        .where('id', '=', id)
        .where('closed_at', 'is', null)
        .returning(['id', 'kind', 'item_id'])
        .executeTakeFirst();
      if (!closed) return undefined;
      await notifyReporters(trx, closed.id);
      const target = { kind: closed.kind, itemId: closed.item_id };
      await record(target, trx);
      return target;
    });
  }

  /**
   * Run inside an action's transaction: the open reports on what it acted on are closed with its outcome,
   * and their reporters told.
   */
  closeOpenOn(target: ReportTarget, outcome: ReportOutcome): InTransaction {
    return async (trx) => {
      const closed = await trx
        .updateTable('reported_items')
        .set({ closed_at: new Date(), outcome })
        .where('kind', '=', target.kind)
        .where('item_id', '=', target.itemId)
        .where('closed_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (closed) await notifyReporters(trx, closed.id);
    };
  }
}

/** One notification of the outcome for each report on the item just closed. */
async function notifyReporters(trx: Kysely<Database>, reportedItemId: string): Promise<void> {
  await trx
    .insertInto('notifications')
    .columns(['user_id', 'kind', 'report_id', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('reports')
        .select([
          'reporter_id',
          sql.lit('report_outcome').as('kind'),
          'id',
          eb.val(new Date()).as('created_at'),
        ])
        .where('reported_item_id', '=', reportedItemId),
    )
    .execute();
}

interface ContentRow {
  kind: ReportKind;
  item_id: string;
  video_title: string | null;
  video_state: string | null;
  video_hidden_at: Date | null;
  video_channel_handle: string | null;
  comment_body: string | null;
  comment_deleted_at: Date | null;
  comment_video_id: string | null;
  comment_video_title: string | null;
  comment_author_handle: string | null;
  channel_handle: string | null;
  channel_display_name: string | null;
}

/** What the item reports, as it is now: null once it is gone (deleted by its author or owner). */
function contentOf(row: ContentRow): ReportedContent | null {
  const id = row.item_id;
  if (row.kind === 'video') {
    if (row.video_title === null || row.video_channel_handle === null || row.video_state === 'deleted')
      return null;
    const { video_title: title, video_channel_handle: channelHandle } = row;
    return { kind: 'video', id, title, channelHandle, hidden: row.video_hidden_at !== null };
  }
  if (row.kind === 'comment') {
    const { comment_body: body, comment_video_id: videoId, comment_video_title: videoTitle } = row;
    const authorHandle = row.comment_author_handle;
    if (body === null || row.comment_deleted_at !== null || !videoId || videoTitle === null || !authorHandle)
      return null;
    return { kind: 'comment', id, body, videoId, videoTitle, authorHandle };
  }
  if (row.channel_handle === null || row.channel_display_name === null) return null;
  return { kind: 'channel', id, handle: row.channel_handle, displayName: row.channel_display_name };
}
