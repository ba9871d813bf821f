// What a chat stream sends: each change as it comes, a heartbeat when the chat is quiet (so proxies keep
// the connection), until the follower is let go or the stream's lifetime ends (the browser's EventSource
// then comes back with the last revision it saw, and misses nothing).
import type { ChatChange } from '../../domain/chat.js';
import type { ChatFollower } from './chat-follower.js';

export interface ChatStreamLimits {
  lifetimeMs: number;
  heartbeatMs: number;
}

export type ChatUpdate = { kind: 'change'; change: ChatChange } | { kind: 'heartbeat' };

export async function* chatUpdates(
  follower: ChatFollower,
  limits: ChatStreamLimits,
): AsyncGenerator<ChatUpdate> {
  const endsAt = Date.now() + limits.lifetimeMs;
  for (let left = limits.lifetimeMs; left > 0; left = endsAt - Date.now()) {
    const news = await follower.next(Math.min(limits.heartbeatMs, left));
    if (news === 'ended') return;
    yield news === 'quiet' ? { kind: 'heartbeat' } : { kind: 'change', change: news };
  }
}
