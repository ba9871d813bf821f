// A minimal Server-Sent Events writer on Fastify's raw response.
import type { FastifyReply } from 'fastify';

export interface EventStream {
  send(event: string, data: unknown): void;
  comment(text: string): void;
  close(): void;
  readonly closed: boolean;
}

export function openEventStream(reply: FastifyReply): EventStream {
  reply.hijack();
  const response = reply.raw;
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // Proxies such as nginx would otherwise hold events back in a buffer.
    'x-accel-buffering': 'no',
  });
  let closed = false;
  response.on('close', () => {
    closed = true;
  });
  return {
    send(event, data) {
      if (!closed) response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    comment(text) {
      if (!closed) response.write(`: ${text}\n\n`);
    },
    close() {
      if (!closed) response.end();
      closed = true;
    },
    get closed() {
      return closed;
    },
  };
}

/** Aborted when the client goes away (or the answer ends), so the work feeding a stream stops at once. */
export function clientGone(reply: FastifyReply): AbortSignal {
  const gone = new AbortController();
  reply.raw.once('close', () => gone.abort());
  return gone.signal;
}
