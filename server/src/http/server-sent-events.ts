// A minimal Server-Sent Events writer on Fastify's raw response.
import type { FastifyReply } from 'fastify';

export interface EventStream {
  /** `id` is what a browser sends back as Last-Event-ID when it reconnects. */
  send(event: string, data: unknown, id?: string): void;
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
  // Sent now, not with the first event: the client knows at once that it is following.
  response.flushHeaders();
  let closed = false;
  response.on('close', () => {
    closed = true;
  });
  return {
    send(event, data, id) {
      const idLine = id === undefined ? '' : `id: ${id}\n`;
      if (!closed) response.write(`${idLine}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
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
