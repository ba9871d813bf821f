// A live video's chat: its recent history, writing and deleting messages, and where to follow it live.
import { api, byId, unwrap } from './client.js';
import type { components } from './schema.js';

export type ChatMessage = components['schemas']['ChatMessage'];

/** The newest `limit` messages, oldest first (the order they show in). */
export async function recentChat(videoId: string, limit: number): Promise<ChatMessage[]> {
  const page = await unwrap(
    api.GET('/api/v1/videos/{id}/chat', { params: { path: { id: videoId }, query: { limit } } }),
  );
  return page.items.reverse();
}

/** Follows the chat as Server-Sent Events: `message` and `deleted`, from the revision `after` on. */
export const chatEventsUrl = (videoId: string, after: string | undefined) =>
  `/api/v1/videos/${encodeURIComponent(videoId)}/chat/events${after ? `?after=${after}` : ''}`;

export const postChatMessage = (videoId: string, text: string) =>
  unwrap(api.POST('/api/v1/videos/{id}/chat', { ...byId(videoId), body: { text } }));

export const deleteChatMessage = (videoId: string, messageId: string) =>
  unwrap(
    api.DELETE('/api/v1/videos/{id}/chat/{messageId}', { params: { path: { id: videoId, messageId } } }),
  );
