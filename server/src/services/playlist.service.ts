// Playlists: an owner makes, changes and orders them; anyone with the link reads one that is not private;
// a channel shows its public ones. Watch later is every account's own private list: it cannot be renamed,
// shared or deleted. A private playlist is "not found" to everyone but its owner, as a private video is.
import type { ChannelRepository } from '../adapters/db/channel.repository.js';
import type { PlaylistRepository } from '../adapters/db/playlist.repository.js';
import type { Account } from '../domain/account.js';
import { Conflict, NotFound } from '../domain/errors.js';
import { ownedBy } from '../domain/ownership.js';
import { type Page, readPage } from '../domain/page.js';
import {
  type ItemPlacement,
  type ListedPlaylist,
  type NewPlaylist,
  type Playlist,
  type PlaylistChanges,
  type PlaylistItem,
  playlistVisibleTo,
} from '../domain/playlist.js';
import type { VideoService } from './videos/video.service.js';

export interface PlaylistDeps {
  playlists: PlaylistRepository;
  channels: ChannelRepository;
  videos: VideoService;
}

const playlistNotFound = () => new NotFound('playlist_not_found', 'No such playlist');

export class PlaylistService {
  constructor(private readonly deps: PlaylistDeps) {}

  create(owner: Account, playlist: NewPlaylist): Promise<Playlist> {
    return this.deps.playlists.create(owner.id, owner.channel.id, playlist);
  }

  async get(id: string, viewerId: string | undefined): Promise<Playlist> {
    const playlist = await this.deps.playlists.find(id);
    if (!playlist || !playlistVisibleTo(playlist, viewerId)) throw playlistNotFound();
    return playlist;
  }

  async update(actorId: string, id: string, changes: PlaylistChanges): Promise<Playlist> {
    await this.ownedList(actorId, id);
    const updated = await this.deps.playlists.update(id, changes);
    if (!updated) throw playlistNotFound();
    return updated;
  }

  async delete(actorId: string, id: string): Promise<void> {
    await this.ownedList(actorId, id);
    if (!(await this.deps.playlists.delete(id))) throw playlistNotFound();
  }

  /** The video must be one the owner may watch: nobody saves what they cannot see. */
  async addItem(actorId: string, id: string, videoId: string): Promise<PlaylistItem> {
    await this.owned(actorId, id);
    const video = await this.deps.videos.getForViewer(videoId, actorId);
    const item = await this.deps.playlists.add(id, videoId);
    if (!item) throw playlistNotFound();
    return { ...item, video };
  }

  async removeItem(actorId: string, id: string, itemId: string): Promise<void> {
    await this.owned(actorId, id);
    const removed = await this.deps.playlists.remove(id, itemId);
    if (removed === undefined) throw playlistNotFound();
    if (!removed) throw new NotFound('playlist_item_not_found', 'No such item in this playlist');
  }

  async moveItem(actorId: string, id: string, itemId: string, placement: ItemPlacement): Promise<void> {
    await this.owned(actorId, id);
    if (!(await this.deps.playlists.move(id, itemId, placement))) throw playlistNotFound();
  }

  async items(
    id: string,
    viewerId: string | undefined,
    limit: number,
    cursor?: string,
  ): Promise<Page<PlaylistItem>> {
    const playlist = await this.get(id, viewerId);
    return readPage(
      cursor,
      limit,
      (count, after) => this.deps.playlists.items(playlist, viewerId, count, after),
      (item) => ({ at: item.addedAt, id: item.id, rank: item.position }),
      'uuid',
    );
  }

  /** My playlists, Watch later first; with `videoId`, each says whether it holds that video. */
  mine(ownerId: string, limit: number, cursor?: string, videoId?: string): Promise<Page<ListedPlaylist>> {
    return readPage(
      cursor,
      limit,
      (count, after) => this.deps.playlists.listOwned(ownerId, count, after, videoId),
      (playlist) => ({
        at: playlist.updatedAt,
        id: playlist.id,
        rank: playlist.kind === 'watch_later' ? 1 : 0,
      }),
      'uuid',
    );
  }

  async ofChannel(handle: string, limit: number, cursor?: string): Promise<Page<ListedPlaylist>> {
    const channel = await this.deps.channels.findByHandle(handle);
    if (!channel) throw new NotFound('channel_not_found', `No channel has the handle @${handle}`);
    return readPage(
      cursor,
      limit,
      (count, after) => this.deps.playlists.listPublic(channel.id, count, after),
      (playlist) => ({ at: playlist.updatedAt, id: playlist.id }),
      'uuid',
    );
  }

  /** A playlist of the actor's own: someone else's is refused where they may see it, else not found. */
  private async owned(actorId: string, id: string): Promise<Playlist> {
    return ownedBy(await this.get(id, actorId), actorId, 'playlist');
  }

  /** One of the actor's own lists, not their Watch later, which stays as it is. */
  private async ownedList(actorId: string, id: string): Promise<Playlist> {
    const playlist = await this.owned(actorId, id);
    if (playlist.kind === 'watch_later')
      throw new Conflict('watch_later_fixed', 'Watch later cannot be renamed, shared or deleted');
    return playlist;
  }
}
