// An HTTP relay in front of the S3 test server that counts what the VidStream processes ask storage for:
// the origin reads and writes of each object. Requests pass unchanged (their Host header included, so
// their signatures still hold).
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  url: string;
  /** Requests of this method whose path ends with `suffix`, since the start. */
  count(method: 'GET' | 'HEAD' | 'PUT', suffix: string): number;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const { hostname, port } = new URL(target);
  const seen: { method: string; path: string }[] = [];
  const server = createServer((incoming, answer) => {
    const path = incoming.url ?? '/';
    seen.push({ method: incoming.method ?? 'GET', path: path.split('?')[0] ?? path });
    const forwarded = request(
      { hostname, port, method: incoming.method, path, headers: incoming.headers },
      (reply) => {
        answer.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(answer);
      },
    );
    forwarded.once('error', () => answer.destroy());
    incoming.pipe(forwarded);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    count: (method, suffix) =>
      seen.filter((request) => request.method === method && request.path.endsWith(suffix)).length,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
