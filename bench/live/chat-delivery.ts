// A busy live chat across API processes: followers hold the chat's event stream open on each process in
// turn, writers post through each in turn at a steady rate, every message carrying the time it was sent;
// each follower notes when each message reached it.
import { setTimeout as sleep } from 'node:timers/promises';
import { followEvents, type OpenedStream } from '../../server/test/support/event-stream.js';
import { quantile } from './glass-probe.js';

export interface ChatResult {
  sent: number;
  refused: number;
  /** Deliveries expected (sent × followers) and those that never came. */
  expected: number;
  missing: number;
  p50Ms: number;
  p99Ms: number;
}

export interface ChatOptions {
  apiBases: string[];
  videoId: string;
  followers: number;
  /** Writers' session tokens: each posts in turn, so no one of them passes the per-account limit. */
  writerTokens: string[];
  messagesPerSecond: number;
  seconds: number;
}

export async function measureChat(options: ChatOptions): Promise<ChatResult> {
  const streams: OpenedStream[] = [];
  // Streams left open would hold the servers' shutdown (it waits for open requests).
  try {
    return await followAndPost(streams, options);
  } finally {
    for (const stream of streams) stream.close();
  }
}

async function followAndPost(
  streams: OpenedStream[],
  { apiBases, videoId, followers, writerTokens, messagesPerSecond, seconds }: ChatOptions,
): Promise<ChatResult> {
  const delays: number[] = [];
  for (let index = 0; index < followers; index += 1) {
    const base = apiBases[index % apiBases.length] as string;
    streams.push(await followEvents(`${base}/api/v1/videos/${videoId}/chat/events`));
  }
  const bad = streams.find((stream) => !stream.response.ok);
  if (bad) throw new Error(`a chat stream was refused: ${bad.response.status}`);
  let listening = true;
  const listeners = streams.map(async (stream) => {
    while (listening) {
      const event = await stream.next(3).catch((error: Error) => error);
      // A quiet 3 s is only a look again; a stream that ended hears nothing more.
      if (event instanceof Error) {
        if (event.message.startsWith('no event')) continue;
        return;
      }
      const sentAt = Number((event.data as { body?: string }).body);
      if (event.event === 'message' && sentAt > 0) delays.push(Date.now() - sentAt);
    }
  });

  let sent = 0;
  let refused = 0;
  const posts: Promise<void>[] = [];
  const startedAt = performance.now();
  for (let index = 0; index < messagesPerSecond * seconds; index += 1) {
    await sleep(Math.max(0, startedAt + (index * 1000) / messagesPerSecond - performance.now()));
    const base = apiBases[index % apiBases.length] as string;
    const token = writerTokens[index % writerTokens.length] as string;
    posts.push(
      fetch(`${base}/api/v1/videos/${videoId}/chat`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: String(Date.now()) }),
      }).then(
        (answer) => {
          if (answer.status === 201) sent += 1;
          else refused += 1;
        },
        () => {
          refused += 1;
        },
      ),
    );
  }
  await Promise.all(posts);
  // The stragglers: a look every 250 ms, and this process reading 200 streams.
  await sleep(3_000);
  listening = false;
  await Promise.all(listeners);
  delays.sort((a, b) => a - b);
  return {
    sent,
    refused,
    expected: sent * followers,
    missing: sent * followers - delays.length,
    p50Ms: quantile(delays, 0.5),
    p99Ms: quantile(delays, 0.99),
  };
}
