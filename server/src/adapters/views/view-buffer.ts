// Views counted but not yet written to PostgreSQL. Counting a view is one cheap increment; a flusher
// drains the buffer in batches, so a popular video costs PostgreSQL one update per flush, not per view.

/** How many views each video got on each day (UTC), keyed `${videoId} ${yyyy-mm-dd}`. */
export type ViewCounts = Map<string, number>;

/** Writes a batch; a batch id may be applied again after a crash, so the writer must ignore repeats. */
export type ApplyBatch = (batchId: string, counts: ViewCounts) => Promise<void>;

export interface ViewBuffer {
  add(videoId: string, day: string): Promise<void>;
  /** Applies every pending batch; a batch leaves the buffer only once `apply` has resolved. */
  drain(apply: ApplyBatch): Promise<void>;
}

export const viewField = (videoId: string, day: string) => `${videoId} ${day}`;

export function parseViewField(field: string): { videoId: string; day: string } {
  const [videoId = '', day = ''] = field.split(' ');
  return { videoId, day };
}

/** In this process: the embedded default, and the fallback while the shared buffer cannot be reached. */
export class MemoryViewBuffer implements ViewBuffer {
  private pending: ViewCounts = new Map();

  async add(videoId: string, day: string): Promise<void> {
    const field = viewField(videoId, day);
    this.pending.set(field, (this.pending.get(field) ?? 0) + 1);
  }

  async drain(apply: ApplyBatch): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await apply(crypto.randomUUID(), batch);
    } catch (error) {
      for (const [field, count] of batch) this.pending.set(field, (this.pending.get(field) ?? 0) + count);
      throw error;
    }
  }
}
