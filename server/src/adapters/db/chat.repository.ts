// SQL for live chat. Each write takes the video's chat lock (an advisory lock, until it commits) and then
// the next revision, so a video's changes commit in revision order and `changesAfter` never skips one
// that commits late. A deleted message keeps its row, emptied, so the change reaches every follower.
import { type Kysely, type Selectable, sql } from 'kysely';
import type { ChatChange, ChatMessage } from '../../domain/chat.js';
import type { PagePosition } from '../../domain/page.js';
import { lockActiveAccount } from './active-account.js';
import type { ChatMessagesTable, Database } from './schema.js';

type Row = Selectable<ChatMessagesTable> & { handle: string; display_name: string };

export class ChatRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(id: string): Promise<ChatMessage | undefined> {
    const row = await this.withAuthor().where('chat_messages.id', '=', id).executeTakeFirst();
    return row && toMessage(row);
  }

  /** Refused (account_suspended) for an account suspended meanwhile. */
  async create(videoId: string, authorId: string, body: string): Promise<ChatMessage> {
    const id = await this.db.transaction().execute(async (trx) => {
      await lockActiveAccount(trx, authorId, 'share');
      await lockChat(trx, videoId);
      const row = await trx
        .insertInto('chat_messages')
        .values({
          video_id: videoId,
          author_id: authorId,
          body,
          revision: sql<string>`nextval('chat_revisions')`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
    return (await this.find(id)) as ChatMessage;
  }

  /** Empties the message and gives it a new revision; false when it was already deleted. */
  async delete(id: string, videoId: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await lockChat(trx, videoId);
      const row = await trx
        .updateTable('chat_messages')
        .set({ body: '', deleted_at: new Date(), revision: sql<string>`nextval('chat_revisions')` })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    });
  }

  /** The latest revision of the video's chat, "0" before its first message. */
  async head(videoId: string): Promise<string> {
    const row = await this.db
      .selectFrom('chat_messages')
      .select((eb) => eb.fn.max('revision').as('revision'))
      .where('video_id', '=', videoId)
      .executeTakeFirst();
    return row?.revision ?? '0';
  }

  /** The changes after `revision`, oldest first. */
  async changesAfter(videoId: string, revision: string, limit: number): Promise<ChatChange[]> {
    const rows = await this.withAuthor()
      .where('chat_messages.video_id', '=', videoId)
      .where('chat_messages.revision', '>', revision)
      .orderBy('chat_messages.revision')
      .limit(limit)
      .execute();
    return rows.map((row) =>
      row.deleted_at === null
        ? { kind: 'message', message: toMessage(row) }
        : { kind: 'deleted', id: row.id, revision: row.revision },
    );
  }

  /**
   * The messages not deleted, newest first: in the order of their ids, which (taken under the chat's
   * lock) is the order followers heard them in; their times may differ by the wait for the lock.
   */
  async newest(videoId: string, limit: number, after?: PagePosition): Promise<ChatMessage[]> {
    let query = this.withAuthor()
      .where('chat_messages.video_id', '=', videoId)
      .where('chat_messages.deleted_at', 'is', null)
      .orderBy('chat_messages.id', 'desc')
      .limit(limit);
    if (after) query = query.where('chat_messages.id', '<', after.id);
    return (await query.execute()).map(toMessage);
  }

  private withAuthor() {
    return this.db
      .selectFrom('chat_messages')
      .innerJoin('channels', 'channels.owner_id', 'chat_messages.author_id')
      .selectAll('chat_messages')
      .select(['channels.handle', 'channels.display_name']);
  }
}

/** One writer at a time per video's chat, until its transaction ends. */
async function lockChat(trx: Kysely<Database>, videoId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`chat:${videoId}`}, 0))`.execute(trx);
}

function toMessage(row: Row): ChatMessage {
  return {
    id: row.id,
    videoId: row.video_id,
    author: { id: row.author_id, handle: row.handle, displayName: row.display_name },
    body: row.body,
    revision: row.revision,
    createdAt: row.created_at,
    deleted: row.deleted_at !== null,
  };
}
