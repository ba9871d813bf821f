// A TCP relay to a service (PostgreSQL, Redis) that a test can cut and restore, to make the service
// unreachable mid-run without touching the shared server.
import net from 'node:net';

export interface TcpRelay {
  port: number;
  /** Closes the listener and every open connection: the service looks down. */
  cut(): void;
  /** Listens again on the same port. */
  restore(): Promise<void>;
}

export async function startRelay(target: URL, defaultPort: number): Promise<TcpRelay> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || defaultPort), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    cut() {
      server.close();
      for (const socket of sockets) socket.destroy();
    },
    restore: () => listen(port),
  };
}
