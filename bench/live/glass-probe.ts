// What bench:live reads of the live picture in the page: installed before the page's own scripts, it waits
// for the <video>, then at every frame the browser presents (requestVideoFrameCallback) reads the frame
// number the publisher painted into it, and notes the wall-clock time the frame was due on screen.

export interface ShownFrame {
  /** The number the strip holds. */
  frame: number;
  /** ms since the epoch at which the browser showed it. */
  shownAt: number;
  height: number;
}

/** Runs in the page (serialized by Playwright): keep it self-contained. */
export function installGlassProbe({ bits, stripShare }: { bits: number; stripShare: number }): void {
  const shown: ShownFrame[] = [];
  const failures: string[] = [];
  Object.assign(window, { glass: shown, glassFailures: failures });
  // A small copy of the picture is enough: the strip's blocks are wide.
  const canvas = document.createElement('canvas');
  canvas.width = 256;
  canvas.height = 144;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  const stripRow = Math.floor(canvas.height * (1 - stripShare / 2));
  // The page may replace its <video> (a React remount): each one is watched from when it appears. No
  // function here is bound to a name of its own: tsx would wrap it in a helper the page does not have.
  const watched = new WeakSet<HTMLVideoElement>();
  setInterval(() => {
    for (const video of document.querySelectorAll('video')) {
      if (watched.has(video) || !context) continue;
      watched.add(video);
      const reader = {
        onFrame(_now: number, metadata: VideoFrameCallbackMetadata) {
          video.requestVideoFrameCallback(reader.onFrame);
          try {
            context.drawImage(video, 0, 0, canvas.width, canvas.height);
            const row = context.getImageData(0, stripRow, canvas.width, 1).data;
            let frame = 0;
            for (let bit = 0; bit < bits; bit += 1) {
              const red = row[Math.floor(((bit + 0.5) * canvas.width) / bits) * 4] ?? 0;
              if (red > 128) frame += 2 ** bit;
            }
            const shownAt = performance.timeOrigin + metadata.expectedDisplayTime;
            shown.push({ frame, shownAt, height: metadata.height });
          } catch (error) {
            if (failures.length < 5) failures.push(String(error));
          }
        },
      };
      video.requestVideoFrameCallback(reader.onFrame);
    }
  }, 50);
}

/** What the page's <video> says of itself: why no frame was shown, when none was. */
export function describeVideo(): string {
  const video = document.querySelector('video');
  if (!video) return 'no <video> in the page';
  const { paused, currentTime, readyState, error } = video;
  const failures = (window as unknown as { glassFailures: string[] }).glassFailures;
  return `paused ${paused}, at ${currentTime.toFixed(1)} s, readyState ${readyState}, error ${error?.message ?? 'none'}, reading the picture failed: ${failures.join('; ') || 'never'}`;
}

export interface Latency {
  frames: number;
  minMs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** Frames whose number would put their capture after their display: misread strips. */
  misread: number;
  heights: number[];
}

/** Glass-to-glass latency of every frame shown, from the publisher's clock. */
export function glassToGlass(shown: ShownFrame[], capturedAt: (frame: number) => number): Latency {
  const latencies = shown.map((sample) => sample.shownAt - capturedAt(sample.frame));
  const plausible = latencies.filter((latency) => latency > 0).sort((a, b) => a - b);
  return {
    frames: plausible.length,
    minMs: quantile(plausible, 0),
    medianMs: quantile(plausible, 0.5),
    p95Ms: quantile(plausible, 0.95),
    maxMs: quantile(plausible, 1),
    misread: latencies.length - plausible.length,
    heights: [...new Set(shown.map((sample) => sample.height))].sort((a, b) => a - b),
  };
}

/** The value at `share` of an ascending list (nearest rank); NaN for an empty one. */
export function quantile(ascending: number[], share: number): number {
  if (ascending.length === 0) return Number.NaN;
  const rank = Math.min(ascending.length - 1, Math.max(0, Math.ceil(share * ascending.length) - 1));
  return ascending[rank] as number;
}
