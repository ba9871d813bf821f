// A shared counter store with this process's memory behind it: while the shared store cannot be reached,
// counters keep applying here (per process), so an outage never switches a limit off.
import type { Logger } from 'pino';
import { MemoryCounters } from './memory-counters.js';
import type { CounterWindow, SecurityCounters } from './security-counters.js';

export class FallbackCounters implements SecurityCounters {
  private readonly local = new MemoryCounters();
  private outage = false;

  constructor(
    private readonly shared: SecurityCounters,
    private readonly logger: Logger,
    /** Whether the shared store may be used right now (e.g. false while its Redis would evict). */
    private readonly usable: () => boolean = () => true,
  ) {}

  increment(key: string, windowMs: number): Promise<CounterWindow> {
    return this.attempt((store) => store.increment(key, windowMs));
  }

  count(key: string): Promise<number> {
    return this.attempt((store) => store.count(key));
  }

  claim(key: string, ms: number): Promise<boolean> {
    return this.attempt((store) => store.claim(key, ms));
  }

  remainingMs(key: string): Promise<number> {
    return this.attempt((store) => store.remainingMs(key));
  }

  hold(key: string, ms: number): Promise<void> {
    return this.attempt((store) => store.hold(key, ms));
  }

  delete(...keys: string[]): Promise<void> {
    return this.attempt((store) => store.delete(...keys));
  }

  async close(): Promise<void> {
    await this.shared.close();
    await this.local.close();
  }

  private async attempt<T>(operation: (store: SecurityCounters) => Promise<T>): Promise<T> {
    if (!this.usable()) {
      this.reportOutage(new Error('shared store not ready'));
      return operation(this.local);
    }
    try {
      const result = await operation(this.shared);
      if (this.outage) this.logger.info('security counters shared again');
      this.outage = false;
      return result;
    } catch (error) {
      this.reportOutage(error);
      return operation(this.local);
    }
  }

  private reportOutage(error: unknown): void {
    if (!this.outage) {
      this.logger.warn({ err: error }, 'security counters unreachable; counting in this process meanwhile');
    }
    this.outage = true;
  }
}
