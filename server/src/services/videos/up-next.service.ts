// Up next beside a video: the listed videos most people who watched it also watched, then its channel's
// newest, then those with the most similar titles. The ranking is computed once per cache lifetime for
// everyone, and every page is read from it; co-watch counts come from a job, never from history per request.
import type { ReadThrough } from '../../adapters/cache/read-through.js';
import type { CoWatchRepository, FoldBatch } from '../../adapters/db/co-watch.repository.js';
import type { SearchRepository } from '../../adapters/db/search.repository.js';
import type { VideoListRepository } from '../../adapters/db/video-list.repository.js';
import { InvalidInput } from '../../domain/errors.js';
import { type Page, type PagePosition, readPage } from '../../domain/page.js';
import type { VideoWithChannel } from '../../domain/video.js';
import { wordsOf } from '../search.service.js';
import type { VideoService } from './video.service.js';

export interface UpNextDeps {
  videos: VideoService;
  coWatch: CoWatchRepository;
  lists: VideoListRepository;
  search: SearchRepository;
  readThrough: ReadThrough;
}

/** How many candidates each source gives at most; the ranking holds them in this order, without repeats. */
const FROM_EACH = { coWatched: 40, sameChannel: 20, similar: 20 };
/** Title words shorter than this ("a", "of") say little about what a video is. */
const MIN_WORD_LENGTH = 3;
const MAX_WORDS = 10;
const FOLD_BATCH: FoldBatch = { people: 200, partners: 100 };

export const upNextCacheKey = (videoId: string) => `up-next:v1:${videoId}`;

export class UpNextService {
  constructor(private readonly deps: UpNextDeps) {}

  /** A page of up next for a video this viewer may see (404 otherwise, as the video itself). */
  async page(
    videoId: string,
    viewerId: string | undefined,
    limit: number,
    cursor?: string,
  ): Promise<Page<VideoWithChannel>> {
    const video = await this.deps.videos.getForViewer(videoId, viewerId);
    const ranking = await this.ranking(video);
    return readPage(
      cursor,
      limit,
      (count, after) => this.listedAfter(ranking, count, after),
      (item) => ({ at: item.publishedAt ?? item.createdAt, id: item.id, rank: ranking.indexOf(item.id) }),
    );
  }

  /** Folds all new watch history into the co-watch counts; how many history rows it folded. */
  async foldCoWatching(): Promise<number> {
    let folded = 0;
    let batch: number;
    do {
      batch = await this.deps.coWatch.foldNext(FOLD_BATCH);
      folded += batch;
    } while (batch > 0);
    return folded;
  }

  /** Candidate ids, best first; cached, so a video that stops being listed is dropped when a page is read. */
  private async ranking(video: VideoWithChannel): Promise<string[]> {
    const ranking = await this.deps.readThrough.get(
      upNextCacheKey(video.id),
      () => this.rank(video),
      (json) => json as string[],
    );
    return ranking ?? [];
  }

  private async rank(video: VideoWithChannel): Promise<string[]> {
    const words = [...new Set(wordsOf(video.title))].filter((word) => word.length >= MIN_WORD_LENGTH);
    const [coWatched, sameChannel, similar] = await Promise.all([
      this.deps.coWatch.mostCoWatched(video.id, FROM_EACH.coWatched),
      this.deps.lists.listed({ channelId: video.channelId }, FROM_EACH.sameChannel + 1),
      this.deps.search.similar(words.slice(0, MAX_WORDS), FROM_EACH.similar + 1),
    ]);
    const ranked = new Set([...coWatched, ...sameChannel.map((item) => item.id), ...similar]);
    ranked.delete(video.id);
    return [...ranked];
  }

  /** The listed videos of the ranking after a page's last one. */
  private async listedAfter(ranking: string[], count: number, after: PagePosition | undefined) {
    const rest = ranking.slice(after ? startAfter(ranking, after) : 0);
    const listed = new Map((await this.deps.lists.listedAmong(rest)).map((item) => [item.id, item]));
    return rest.flatMap((id) => listed.get(id) ?? []).slice(0, count);
  }
}

/**
 * Where the next page starts: after the cursor's video where the ranking still holds it (it may have been
 * computed again since), else after its place.
 */
function startAfter(ranking: string[], { id, rank }: PagePosition): number {
  if (rank === undefined || !Number.isInteger(rank) || rank < 0)
    throw new InvalidInput('This cursor is not one the API gave', 'cursor');
  const index = ranking[rank] === id ? rank : ranking.indexOf(id);
  return (index === -1 ? rank : index) + 1;
}
