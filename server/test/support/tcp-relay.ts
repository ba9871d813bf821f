// A TCP relay to a service (PostgreSQL, Redis) that a test can cut, stall and restore, to make the
// service unreachable mid-run without touching the shared server.
import net from 'node:net';

export interface TcpRelay {
  port: number;
  /** Closes the listener and every open connection: the service looks down (a restart, a crash). */
  cut(): void;
  /**
   * Keeps every connection open but carries nothing either way, and takes new ones without answering:
   * the service looks hung (a network partition, a frozen host), which only timeouts notice.
   */
  stall(): void;
  /** Carries traffic again; connections held during a stall are dropped, as TCP would in the end. */
  restore(): Promise<void>;
  /**
   * After a stall: carries new connections again, but those held during it stay silent for good, as when
   * the server comes back on another host (a failover) and nothing ever tells the old connections.
   */
  failOver(): void;
}

export async function startRelay(target: URL, defaultPort: number): Promise<TcpRelay> {
  const sockets = new Set<net.Socket>();
  let stalled = false;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  };
  /** Each client connection's own connection to the service. */
  const upstreams = new Map<net.Socket, net.Socket>();
  /** Client connections a failover left silent for good. */
  const abandoned = new Set<net.Socket>();
  const server = net.createServer((client) => {
    track(client);
    if (stalled) return client.pause();
    const upstream = net.connect(Number(target.port || defaultPort), target.hostname);
    track(upstream);
    upstreams.set(client, upstream);
    client.on('close', () => upstreams.delete(client));
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
    stall() {
      stalled = true;
      for (const socket of sockets) socket.unpipe().pause();
    },
    failOver() {
      stalled = false;
      // The old server's sessions end (their locks go with them); their clients never hear of it.
      const ofServer = new Set(upstreams.values());
      for (const socket of sockets) {
        if (ofServer.has(socket)) socket.destroy();
        else abandoned.add(socket);
      }
      upstreams.clear();
      sockets.clear();
    },
    async restore() {
      for (const socket of abandoned) socket.destroy();
      if (stalled) {
        stalled = false;
        for (const socket of sockets) socket.destroy();
      }
      if (!server.listening) await listen(port);
    },
  };
}
