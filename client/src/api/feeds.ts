// Paged lists of videos: the home feeds, my subscriptions', a channel's and mine (the studio's). Every key
// starts with 'feed', so invalidating that root after an edit or delete refreshes them all, the studio too.
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap, type Video, type VideoState } from './client.js';
import { cursorPaging, type Page, type PageFetcher } from './paging.js';

/** A list of videos a feed grid shows: its cache key and how to read one page of it. */
export interface VideoList {
  queryKey: readonly unknown[];
  fetchPage: PageFetcher<Page<Video>>;
}

export const feedKeys = {
  all: ['feed'] as const,
  named: (name: 'home' | 'trending' | 'newest' | 'subscriptions') => ['feed', name] as const,
  channel: (handle: string) => ['feed', 'channel', handle.toLowerCase()] as const,
  /** Under 'feed' (see above), though the studio's list is not a public feed. */
  mine: ['feed', 'mine'] as const,
  upNext: (videoId: string) => ['feed', 'up-next', videoId] as const,
};

export const VIDEO_PAGE_SIZE = 24;
const limit = VIDEO_PAGE_SIZE;
/** Up next is a column beside the player: a shorter page than a grid's. */
const UP_NEXT_PAGE_SIZE = 12;

const newestVideos: PageFetcher<Page<Video>> = (cursor) =>
  unwrap(api.GET('/api/v1/feed/newest', { params: { query: { cursor, limit } } }));

export const homeFeed: VideoList = {
  queryKey: feedKeys.named('home'),
  fetchPage: (cursor) => unwrap(api.GET('/api/v1/feed/home', { params: { query: { cursor, limit } } })),
};

export const trendingFeed: VideoList = {
  queryKey: feedKeys.named('trending'),
  fetchPage: (cursor) => unwrap(api.GET('/api/v1/feed/trending', { params: { query: { cursor, limit } } })),
};

export const newestFeed: VideoList = { queryKey: feedKeys.named('newest'), fetchPage: newestVideos };

export const subscriptionsFeed: VideoList = {
  queryKey: feedKeys.named('subscriptions'),
  fetchPage: (cursor) =>
    unwrap(api.GET('/api/v1/feed/subscriptions', { params: { query: { cursor, limit } } })),
};

export function channelFeed(handle: string): VideoList {
  return {
    queryKey: feedKeys.channel(handle),
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/api/v1/channels/{handle}/videos', {
          params: { path: { handle }, query: { cursor, limit } },
        }),
      ),
  };
}

/** What to watch after a video: what its viewers also watched, its channel's videos, similar titles. */
export function upNextFeed(videoId: string): VideoList {
  return {
    queryKey: feedKeys.upNext(videoId),
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/api/v1/videos/{id}/up-next', {
          params: { path: { id: videoId }, query: { cursor, limit: UP_NEXT_PAGE_SIZE } },
        }),
      ),
  };
}

export function useVideoList({ queryKey, fetchPage }: VideoList) {
  return useInfiniteQuery({ queryKey, ...cursorPaging(fetchPage) });
}

const BEING_PROCESSED: VideoState[] = ['queued', 'processing'];
const REFRESH_WHILE_PROCESSING_MS = 3_000;

/**
 * All of mine, in every state and visibility (the studio). Fetched again every few seconds while one of
 * them waits for or goes through processing, so its state and percent move; an upload that is never
 * finished must not keep it polling (its bytes come from the upload page, not the server).
 */
export function useMyVideos() {
  return useInfiniteQuery({
    queryKey: feedKeys.mine,
    ...cursorPaging((cursor) =>
      unwrap(api.GET('/api/v1/me/videos', { params: { query: { cursor, limit } } })),
    ),
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) =>
        page.items.some((video) => BEING_PROCESSED.includes(video.state)),
      )
        ? REFRESH_WHILE_PROCESSING_MS
        : false,
  });
}
