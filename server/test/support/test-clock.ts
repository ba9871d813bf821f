// The time a test platform judges views by: the real clock, moved on (or back) when a test says so, so
// waiting 30 s of watching takes no time.
export class TestClock {
  private offsetMs = 0;

  readonly now = (): Date => new Date(Date.now() + this.offsetMs);

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  /** Back to the real time. */
  reset(): void {
    this.offsetMs = 0;
  }
}
