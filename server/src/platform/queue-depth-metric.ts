// Publishes the jobs still to do as CloudWatch embedded metric format (EMF) lines on stdout, where a log
// driver such as awslogs takes them and CloudWatch turns them into metrics: workers can then be scaled on
// the queue the way they would be on an SQS queue, with no AWS SDK in the server. The API processes publish
// it, so the figure exists while no worker runs.
import type { Logger } from 'pino';

/** The metric's name; each line carries one queue (`Queue` dimension) or `all` of them. */
export const JOBS_OUTSTANDING = 'JobsOutstanding';
export const ALL_QUEUES = 'all';

/** One EMF line per queue and one for their sum: jobs waiting or running, counted at `timestampMs`. */
export function jobsOutstandingLines(
  namespace: string,
  outstanding: Record<string, number>,
  timestampMs: number,
): string[] {
  const total = Object.values(outstanding).reduce((sum, count) => sum + count, 0);
  return [...Object.entries(outstanding), [ALL_QUEUES, total] as const].map(([queue, count]) =>
    JSON.stringify({
      _aws: {
        Timestamp: timestampMs,
        CloudWatchMetrics: [
          {
            Namespace: namespace,
            Dimensions: [['Queue']],
            Metrics: [{ Name: JOBS_OUTSTANDING, Unit: 'Count' }],
          },
        ],
      },
      Queue: queue,
      [JOBS_OUTSTANDING]: count,
    }),
  );
}

export interface QueueDepthMetricOptions {
  namespace: string;
  intervalMs: number;
  /** Where lines go: stdout in production, a list in tests. */
  write?: (line: string) => void;
}

/** Starts publishing; the returned function stops it. */
export function startQueueDepthMetric(
  outstanding: () => Promise<Record<string, number>>,
  logger: Logger,
  { namespace, intervalMs, write = (line) => process.stdout.write(`${line}\n`) }: QueueDepthMetricOptions,
): () => void {
  const publish = async () => {
    try {
      for (const line of jobsOutstandingLines(namespace, await outstanding(), Date.now())) write(line);
    } catch (error) {
      logger.warn({ err: error }, 'queue depth not published; will retry');
    }
  };
  const timer = setInterval(() => void publish(), intervalMs);
  timer.unref();
  void publish();
  return () => clearInterval(timer);
}
