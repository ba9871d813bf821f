// Paged lists of videos; each answers one page for a cursor (undefined for the first page).
import { api, unwrap, type Video } from './client.js';

export interface VideoPage {
  items: Video[];
  nextCursor: string | null;
}
export type VideoPageFetcher = (cursor: string | undefined) => Promise<VideoPage>;

const limit = 24;

export const homeVideos: VideoPageFetcher = (cursor) =>
  unwrap(api.GET('/api/v1/feed/home', { params: { query: { cursor, limit } } }));

export const trendingVideos: VideoPageFetcher = (cursor) =>
  unwrap(api.GET('/api/v1/feed/trending', { params: { query: { cursor, limit } } }));

export const newestVideos: VideoPageFetcher = (cursor) =>
  unwrap(api.GET('/api/v1/feed/newest', { params: { query: { cursor, limit } } }));

export const subscriptionVideos: VideoPageFetcher = (cursor) =>
  unwrap(api.GET('/api/v1/feed/subscriptions', { params: { query: { cursor, limit } } }));

/** All of mine, in every state and visibility (the studio). */
export const myVideos: VideoPageFetcher = (cursor) =>
  unwrap(api.GET('/api/v1/me/videos', { params: { query: { cursor, limit } } }));

export function channelVideos(handle: string): VideoPageFetcher {
  return (cursor) =>
    unwrap(
      api.GET('/api/v1/channels/{handle}/videos', { params: { path: { handle }, query: { cursor, limit } } }),
    );
}

export interface SearchFilters {
  q: string;
  sort: 'relevance' | 'date' | 'views';
  uploadedAfter?: string;
  minDuration?: number;
  maxDuration?: number;
}

export function searchResults(filters: SearchFilters): VideoPageFetcher {
  return (cursor) => unwrap(api.GET('/api/v1/search', { params: { query: { ...filters, cursor, limit } } }));
}
