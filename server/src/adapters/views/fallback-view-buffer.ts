// A shared view buffer with this process's memory behind it: while the shared store cannot be reached (or
// may not be used: a counters Redis found evicting), views are counted here and drained with the rest.
import type { Logger } from 'pino';
import { type ApplyBatch, MemoryViewBuffer, type ViewBuffer } from './view-buffer.js';

export class FallbackViewBuffer implements ViewBuffer {
  private readonly local = new MemoryViewBuffer();
  private outage = false;

  constructor(
    private readonly shared: ViewBuffer,
    private readonly logger: Logger,
    /** Whether the shared store may be used right now. */
    private readonly usable: () => boolean = () => true,
  ) {}

  async add(videoId: string, day: string): Promise<void> {
    try {
      if (!this.usable()) throw new Error('shared view buffer not ready');
      await this.shared.add(videoId, day);
      if (this.outage) this.logger.info('views buffered in the shared store again');
      this.outage = false;
    } catch (error) {
      if (!this.outage) this.logger.warn({ err: error }, 'views buffered in this process meanwhile');
      this.outage = true;
      await this.local.add(videoId, day);
    }
  }

  /** This process's views first, then the shared store's batches. */
  async drain(apply: ApplyBatch): Promise<void> {
    await this.local.drain(apply);
    await this.shared.drain(apply);
  }
}
