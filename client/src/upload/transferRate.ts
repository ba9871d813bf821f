// Upload speed over the last few seconds (not since the start, so a pause or a slow patch fades out),
// and the time left at that speed.
const WINDOW_MS = 5_000;

export class TransferRate {
  private samples: { at: number; bytes: number }[] = [];

  record(totalBytes: number, at = performance.now()): void {
    this.samples.push({ at, bytes: totalBytes });
    while (this.samples.length > 2 && at - (this.samples[0]?.at ?? at) > WINDOW_MS) this.samples.shift();
  }

  /** Forget the samples: after a pause the old ones say nothing about the new speed. */
  reset(): void {
    this.samples = [];
  }

  bytesPerSecond(): number {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last.at - first.at < 250) return 0;
    return ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
  }

  secondsLeft(remainingBytes: number): number | null {
    const rate = this.bytesPerSecond();
    return rate > 0 ? remainingBytes / rate : null;
  }
}
