// Lists of videos: newest on the platform, trending, home (the two mixed), a channel's, and those of the
// channels I follow. Only public, ready videos are ever listed; unlisted ones are reachable by their link
// alone. The one exception is my own list (the studio), which shows me all of mine. Public videos live now
// lead the first page of every list but trending, newest first (they are not ready, so never paged).
import type { ChannelRepository } from '../../adapters/db/channel.repository.js';
import type {
  ListFilter,
  TrendingVideo,
  VideoListRepository,
} from '../../adapters/db/video-list.repository.js';
import { NotFound } from '../../domain/errors.js';
import { decodeCursor, encodeCursor, type Page, type PagePosition, readPage } from '../../domain/page.js';
import type { VideoWithChannel } from '../../domain/video.js';

/** Live videos leading a first page at most. */
const LIVE_FIRST = 12;

/** Where home left off in each of its two lists; `done` once a list has run out. */
interface HomePosition {
  trending: PagePosition | 'done' | undefined;
  newest: PagePosition | 'done' | undefined;
}

export class VideoListService {
  constructor(
    private readonly videos: VideoListRepository,
    private readonly channels: ChannelRepository,
  ) {}

  newest(limit: number, cursor?: string): Promise<Page<VideoWithChannel>> {
    return this.list({}, limit, cursor);
  }

  async ofChannel(handle: string, limit: number, cursor?: string): Promise<Page<VideoWithChannel>> {
    const channel = await this.channels.findByHandle(handle);
    if (!channel) throw new NotFound('channel_not_found', `No channel has the handle @${handle}`);
    return this.list({ channelId: channel.id }, limit, cursor);
  }

  followedBy(userId: string, limit: number, cursor?: string): Promise<Page<VideoWithChannel>> {
    return this.list({ followedBy: userId }, limit, cursor);
  }

  /** All of this person's videos, whatever their state or visibility, newest upload first. */
  async ownedBy(ownerId: string, limit: number, cursor?: string): Promise<Page<VideoWithChannel>> {
    return readPage(
      cursor,
      limit,
      (count, after) => this.videos.owned(ownerId, count, after && { createdAt: after.at, id: after.id }),
      (video) => ({ at: video.createdAt, id: video.id }),
    );
  }

  async trending(limit: number, cursor?: string): Promise<Page<VideoWithChannel>> {
    const page = await readPage(
      cursor,
      limit,
      (count, after) => this.trendingAfter(count, after),
      trendingPosition,
    );
    return { items: page.items.map((row) => row.video), nextCursor: page.nextCursor };
  }

  /** Trending and newest in turn: half of each page from each, newest leaving out what trends. */
  async home(limit: number, cursor?: string): Promise<Page<VideoWithChannel>> {
    const position = decodeHomeCursor(cursor);
    const trendingWanted = position.trending === 'done' ? 0 : Math.ceil(limit / 2);
    const trendingRows =
      trendingWanted === 0
        ? []
        : await this.trendingAfter(trendingWanted + 1, position.trending as PagePosition);
    const trending = trendingRows.slice(0, trendingWanted);
    const newestWanted = limit - trending.length;
    const newestRows =
      position.newest === 'done' || newestWanted === 0
        ? []
        : await this.listedAfter({ notTrending: true }, newestWanted + 1, position.newest);
    const newest = newestRows.slice(0, newestWanted);

    const items = cursor === undefined ? await this.videos.liveNow({}, LIVE_FIRST) : [];
    for (let index = 0; index < Math.max(trending.length, newest.length); index++) {
      const fromTrending = trending[index];
      const fromNewest = newest[index];
      if (fromTrending) items.push(fromTrending.video);
      if (fromNewest) items.push(fromNewest);
    }
    const next: HomePosition = {
      trending:
        trendingRows.length > trending.length ? trendingPosition(trending.at(-1) as TrendingVideo) : 'done',
      newest:
        newestWanted === 0
          ? position.newest
          : newestRows.length > newest.length
            ? listedPosition(newest.at(-1) as VideoWithChannel)
            : 'done',
    };
    return {
      items,
      nextCursor: next.trending === 'done' && next.newest === 'done' ? null : encodeHomeCursor(next),
    };
  }

  private async list(filter: ListFilter, limit: number, cursor?: string): Promise<Page<VideoWithChannel>> {
    const page = await readPage(
      cursor,
      limit,
      (count, after) => this.listedAfter(filter, count, after),
      listedPosition,
    );
    if (cursor !== undefined) return page;
    return { ...page, items: [...(await this.videos.liveNow(filter, LIVE_FIRST)), ...page.items] };
  }

  private listedAfter(filter: ListFilter, limit: number, after: PagePosition | undefined) {
    return this.videos.listed(filter, limit, after && { publishedAt: after.at, id: after.id });
  }

  private trendingAfter(limit: number, after: PagePosition | undefined) {
    return this.videos.trending(limit, after && { score: after.rank ?? 0, id: after.id });
  }
}

// Listed videos are ready, so they have a publication time.
const listedPosition = (video: VideoWithChannel): PagePosition => ({
  at: video.publishedAt ?? video.createdAt,
  id: video.id,
});

const trendingPosition = ({ video, score }: TrendingVideo): PagePosition => ({
  ...listedPosition(video),
  rank: score,
});

const DONE = '-';

function encodeHomeCursor({ trending, newest }: HomePosition): string {
  const part = (position: HomePosition['trending']) =>
    position === 'done' ? DONE : position === undefined ? '' : encodeCursor(position);
  return `${part(trending)}.${part(newest)}`;
}

function decodeHomeCursor(cursor: string | undefined): HomePosition {
  if (cursor === undefined) return { trending: undefined, newest: undefined };
  const [trending = '', newest = ''] = cursor.split('.');
  const part = (text: string) => (text === DONE ? 'done' : text === '' ? undefined : decodeCursor(text));
  return { trending: part(trending), newest: part(newest) };
}
