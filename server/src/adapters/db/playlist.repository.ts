// SQL for playlists and their items. Every change to a list's items locks the playlist's row first, so its
// count and its order are changed by one writer at a time; an item's place is a number between its
// neighbours', so a move writes one row, and the list is numbered afresh only when two neighbours' numbers
// can no longer be told apart.
import { type Kysely, sql } from 'kysely';
import { Conflict, InvalidInput, NotFound } from '../../domain/errors.js';
import type { PagePosition } from '../../domain/page.js';
import {
  type ItemPlacement,
  type ListedPlaylist,
  MAX_PLAYLIST_ITEMS,
  type NewPlaylist,
  type Playlist,
  type PlaylistChanges,
  type PlaylistItem,
  positionBetween,
} from '../../domain/playlist.js';
import type { VideoWithChannel } from '../../domain/video.js';
import { rowsAfter } from './keyset.js';
import { selectVideosWithChannel, toVideoWithChannel, watchableBy } from './rows.js';
import type { Database } from './schema.js';

const itemNotFound = () => new NotFound('playlist_item_not_found', 'No such item in this playlist');

export class PlaylistRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(ownerId: string, channelId: string, playlist: NewPlaylist): Promise<Playlist> {
    const { id } = await this.db
      .insertInto('playlists')
      .values({ owner_id: ownerId, channel_id: channelId, ...playlist })
      .returning('id')
      .executeTakeFirstOrThrow();
    return this.found(id);
  }

  async find(id: string): Promise<Playlist | undefined> {
    const row = await this.selectPlaylists().where('playlists.id', '=', id).executeTakeFirst();
    return row && toPlaylist(row);
  }

  async update(id: string, changes: PlaylistChanges): Promise<Playlist | undefined> {
    const updated = await this.db
      .updateTable('playlists')
      .set({ ...changes, updated_at: new Date() })
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    return updated && this.found(id);
  }

  async delete(id: string): Promise<boolean> {
    const deleted = await this.db.deleteFrom('playlists').where('id', '=', id).executeTakeFirst();
    return deleted.numDeletedRows > 0n;
  }

  /** An owner's playlists, Watch later first, then the most recently changed. */
  async listOwned(
    ownerId: string,
    limit: number,
    after?: PagePosition,
    videoId?: string,
  ): Promise<ListedPlaylist[]> {
    const watchLaterFirst = sql<number>`(CASE WHEN playlists.kind = 'watch_later' THEN 1 ELSE 0 END)`;
    let query = this.selectListed(ownerId)
      .select(watchLaterFirst.as('rank'))
      .select((eb) =>
        eb
          .selectFrom('playlist_items')
          .select('playlist_items.id')
          .whereRef('playlist_items.playlist_id', '=', 'playlists.id')
          .where('playlist_items.video_id', '=', videoId ?? '')
          .as('video_item_id'),
      )
      .where('playlists.owner_id', '=', ownerId);
    if (after)
      query = query.where(
        rowsAfter(
          [watchLaterFirst, 'playlists.updated_at', 'playlists.id'],
          [after.rank ?? 0, after.at, after.id],
        ),
      );
    const rows = await query
      .orderBy(watchLaterFirst, 'desc')
      .orderBy('playlists.updated_at', 'desc')
      .orderBy('playlists.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      ...toListed(row),
      ...(videoId === undefined ? {} : { videoItemId: row.video_item_id }),
    }));
  }

  /** A channel's public playlists (never Watch later), the most recently changed first. */
  async listPublic(channelId: string, limit: number, after?: PagePosition): Promise<ListedPlaylist[]> {
    let query = this.selectListed(undefined)
      .where('playlists.channel_id', '=', channelId)
      .where('playlists.visibility', '=', 'public')
      .where('playlists.kind', '=', 'playlist');
    if (after) query = query.where(rowsAfter(['playlists.updated_at', 'playlists.id'], [after.at, after.id]));
    const rows = await query
      .orderBy('playlists.updated_at', 'desc')
      .orderBy('playlists.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toListed);
  }

  /**
   * Items in the list's order. The owner gets every item, those they may not watch without their video;
   * anyone else only the items they may watch.
   */
  async items(
    playlist: Playlist,
    viewerId: string | undefined,
    limit: number,
    after?: PagePosition,
  ): Promise<PlaylistItem[]> {
    const watchable = watchableBy(viewerId);
    let query = this.db
      .selectFrom('playlist_items')
      .innerJoin('videos', 'videos.id', 'playlist_items.video_id')
      .select([
        'playlist_items.id',
        'playlist_items.position',
        'playlist_items.added_at',
        'playlist_items.video_id',
        watchable.as('available'),
      ])
      .where('playlist_items.playlist_id', '=', playlist.id);
    if (playlist.ownerId !== viewerId) query = query.where(watchable);
    if (after)
      query = query.where(
        rowsAfter(['playlist_items.position', 'playlist_items.id'], [after.rank ?? 0, after.id], 'asc'),
      );
    const rows = await query
      .orderBy('playlist_items.position', 'asc')
      .orderBy('playlist_items.id', 'asc')
      .limit(limit)
      .execute();
    const videos = await this.videosById(rows.filter((row) => row.available).map((row) => row.video_id));
    return rows.map((row) => ({
      id: row.id,
      position: row.position,
      addedAt: row.added_at,
      videoId: row.video_id,
      video: (row.available && videos.get(row.video_id)) || null,
    }));
  }

  /** Appends the video; refused when it is already there or the list is full. Undefined without the list. */
  async add(playlistId: string, videoId: string): Promise<PlaylistItem | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const playlist = await lockPlaylist(trx, playlistId);
      if (!playlist) return undefined;
      if (playlist.item_count >= MAX_PLAYLIST_ITEMS)
        throw new Conflict('playlist_full', `A playlist holds at most ${MAX_PLAYLIST_ITEMS} videos`);
      const last = await trx
        .selectFrom('playlist_items')
        .select((eb) => eb.fn.max('position').as('position'))
        .where('playlist_id', '=', playlistId)
        .executeTakeFirst();
      const item = await trx
        .insertInto('playlist_items')
        .values({
          playlist_id: playlistId,
          video_id: videoId,
          position: positionBetween(last?.position ?? undefined, undefined) as number,
          added_at: new Date(),
        })
        .onConflict((conflict) => conflict.columns(['playlist_id', 'video_id']).doNothing())
        .returning(['id', 'position', 'added_at'])
        .executeTakeFirst();
      if (!item) throw new Conflict('already_in_playlist', 'This video is already in the playlist');
      await changeCount(trx, playlistId, 1);
      return { id: item.id, position: item.position, addedAt: item.added_at, videoId, video: null };
    });
  }

  /** False when the list has no such item; undefined without the list. */
  async remove(playlistId: string, itemId: string): Promise<boolean | undefined> {
    return this.db.transaction().execute(async (trx) => {
      if (!(await lockPlaylist(trx, playlistId))) return undefined;
      const removed = await trx
        .deleteFrom('playlist_items')
        .where('playlist_id', '=', playlistId)
        .where('id', '=', itemId)
        .executeTakeFirst();
      if (removed.numDeletedRows === 0n) return false;
      await changeCount(trx, playlistId, -1);
      return true;
    });
  }

  /** Moves one item just before or after another; writes that item's place alone, as a rule. */
  async move(playlistId: string, itemId: string, placement: ItemPlacement): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      if (!(await lockPlaylist(trx, playlistId))) return false;
      const anchorId = 'before' in placement ? placement.before : placement.after;
      if (anchorId === itemId) throw new InvalidInput('An item cannot be placed next to itself', 'before');
      if ((await itemPosition(trx, playlistId, itemId)) === undefined) throw itemNotFound();
      let position = await placeNextTo(trx, playlistId, itemId, placement);
      if (position === undefined) {
        await renumber(trx, playlistId);
        position = (await placeNextTo(trx, playlistId, itemId, placement)) as number;
      }
      await trx.updateTable('playlist_items').set({ position }).where('id', '=', itemId).execute();
      await changeCount(trx, playlistId, 0);
      return true;
    });
  }

  private async found(id: string): Promise<Playlist> {
    const playlist = await this.find(id);
    if (!playlist) throw new Error(`playlist ${id} vanished while it was written`);
    return playlist;
  }

  private async videosById(ids: string[]): Promise<Map<string, VideoWithChannel>> {
    if (ids.length === 0) return new Map();
    const rows = await selectVideosWithChannel(this.db).where('videos.id', 'in', ids).execute();
    return new Map(rows.map((row) => [row.id, toVideoWithChannel(row)]));
  }

  private selectPlaylists() {
    return this.db
      .selectFrom('playlists')
      .innerJoin('channels', 'channels.id', 'playlists.channel_id')
      .selectAll('playlists')
      .select(['channels.handle', 'channels.display_name']);
  }

  /** Playlists with the first of their videos `viewerId` may watch. */
  private selectListed(viewerId: string | undefined) {
    return this.selectPlaylists()
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('playlist_items')
            .innerJoin('videos', 'videos.id', 'playlist_items.video_id')
            .select(['videos.id as first_video_id', 'videos.playback_version as first_video_version'])
            .whereRef('playlist_items.playlist_id', '=', 'playlists.id')
            .where(watchableBy(viewerId))
            .orderBy('playlist_items.position')
            .orderBy('playlist_items.id')
            .limit(1)
            .as('first'),
        (join) => join.onTrue(),
      )
      .select(['first.first_video_id', 'first.first_video_version']);
  }
}

async function lockPlaylist(trx: Kysely<Database>, playlistId: string) {
  return trx
    .selectFrom('playlists')
    .select('item_count')
    .where('id', '=', playlistId)
    .forUpdate()
    .executeTakeFirst();
}

/** Counts the change in items and marks the list changed now. */
async function changeCount(trx: Kysely<Database>, playlistId: string, by: number): Promise<void> {
  await trx
    .updateTable('playlists')
    .set((eb) => ({ item_count: eb('item_count', '+', by), updated_at: new Date() }))
    .where('id', '=', playlistId)
    .execute();
}

async function itemPosition(trx: Kysely<Database>, playlistId: string, itemId: string) {
  const row = await trx
    .selectFrom('playlist_items')
    .select('position')
    .where('playlist_id', '=', playlistId)
    .where('id', '=', itemId)
    .executeTakeFirst();
  return row?.position;
}

/** The place just before or after the anchor, between it and its neighbour other than the moving item. */
async function placeNextTo(
  trx: Kysely<Database>,
  playlistId: string,
  itemId: string,
  placement: ItemPlacement,
): Promise<number | undefined> {
  const before = 'before' in placement;
  const anchor = await itemPosition(trx, playlistId, before ? placement.before : placement.after);
  if (anchor === undefined) throw itemNotFound();
  const neighbour = await trx
    .selectFrom('playlist_items')
    .select('position')
    .where('playlist_id', '=', playlistId)
    .where('id', '!=', itemId)
    .where('position', before ? '<' : '>', anchor)
    .orderBy('position', before ? 'desc' : 'asc')
    .limit(1)
    .executeTakeFirst();
  return before ? positionBetween(neighbour?.position, anchor) : positionBetween(anchor, neighbour?.position);
}

/** Numbers the list 1, 2, 3… in its present order. */
async function renumber(trx: Kysely<Database>, playlistId: string): Promise<void> {
  await sql`
    UPDATE playlist_items SET position = numbered.place
    FROM (SELECT id, row_number() OVER (ORDER BY position, id) AS place FROM playlist_items
          WHERE playlist_id = ${playlistId}) AS numbered
    WHERE playlist_items.id = numbered.id`.execute(trx);
}

interface PlaylistRow {
  id: string;
  owner_id: string;
  channel_id: string;
  kind: Playlist['kind'];
  title: string;
  description: string;
  visibility: Playlist['visibility'];
  item_count: number;
  created_at: Date;
  updated_at: Date;
  handle: string;
  display_name: string;
}

function toPlaylist(row: PlaylistRow): Playlist {
  return {
    id: row.id,
    ownerId: row.owner_id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    visibility: row.visibility,
    itemCount: row.item_count,
    channel: { id: row.channel_id, handle: row.handle, displayName: row.display_name },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

interface ListedRow extends PlaylistRow {
  first_video_id: string | null;
  first_video_version: number | null;
}

function toListed(row: ListedRow): ListedPlaylist {
  const { first_video_id: id, first_video_version: playbackVersion } = row;
  return {
    ...toPlaylist(row),
    firstVideo: id === null || playbackVersion === null ? null : { id, playbackVersion },
  };
}
