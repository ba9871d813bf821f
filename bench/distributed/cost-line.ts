// A cost made of a fixed part and a part per second of source, fitted to measured (seconds of source,
// seconds taken) pairs by least squares: a job's own costs (pickup aside: fetching, starting ffmpeg,
// recording, stitching) must not be scaled with the length of what it encodes.

export interface CostLine {
  fixedSeconds: number;
  perSourceSecond: number;
}

export function fitCostLine(points: { sourceSeconds: number; seconds: number }[]): CostLine {
  if (points.length === 0) return { fixedSeconds: 0, perSourceSecond: 0 };
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const x = mean(points.map((point) => point.sourceSeconds));
  const y = mean(points.map((point) => point.seconds));
  const spread = points.reduce((sum, point) => sum + (point.sourceSeconds - x) ** 2, 0);
  // One length only: nothing tells the fixed part from the rest, so all of it is counted per second.
  if (spread === 0) return { fixedSeconds: 0, perSourceSecond: y / x };
  const slope =
    points.reduce((sum, point) => sum + (point.sourceSeconds - x) * (point.seconds - y), 0) / spread;
  return { fixedSeconds: y - slope * x, perSourceSecond: slope };
}

export function cost(line: CostLine, sourceSeconds: number): number {
  return line.fixedSeconds + line.perSourceSecond * sourceSeconds;
}
