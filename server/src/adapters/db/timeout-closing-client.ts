// A node-postgres client that closes its connection when a query times out. node-postgres leaves such a
// client half open, still waiting for an answer that may never come (the server failed over, say, and
// nothing ever tells the old connection), and the pool hands it out again: every later query on it times
// out too, for good (brianc/node-postgres#3399). Closed, it leaves the pool and a new connection replaces it.
import pg from 'pg';

const QUERY_TIMED_OUT = 'Query read timeout';

export class TimeoutClosingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: forwards every overload of pg's query unchanged.
  override query(...args: any[]): any {
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (error: Error | undefined, ...rest: unknown[]) => {
        this.closeIfTimedOut(error);
        last(error, ...rest);
      };
    }
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    const result = (super.query as (...all: any[]) => any)(...args);
    if (!(result instanceof Promise)) return result;
    return result.catch((error: unknown) => {
      this.closeIfTimedOut(error);
      throw error;
    });
  }

  private closeIfTimedOut(error: unknown): void {
    if (error instanceof Error && error.message === QUERY_TIMED_OUT) {
      (this as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    }
  }
}
