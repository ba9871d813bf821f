// Prometheus metrics of one process (prom-client), served at GET /metrics: request latency, cache
// hits and misses, queue depth (read when scraped) and transcode durations, plus Node's own.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export type CacheOutcome = 'hit' | 'miss';
/** `split`: a long video's chunks were queued; `part`: one of those chunks (or its audio, or its extras) done. */
export type TranscodeOutcome = 'ready' | 'split' | 'part' | 'failed' | 'error';

export class Metrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'vidstream_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly cacheLookups = new Counter({
    name: 'vidstream_cache_lookups_total',
    help: 'Video cache lookups, by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly transcodeDuration = new Histogram({
    name: 'vidstream_transcode_duration_seconds',
    help: 'Time from taking a transcode job to its end, by outcome',
    labelNames: ['outcome'] as const,
    buckets: [5, 15, 30, 60, 120, 300, 600, 1200, 2400, 3600, 7200],
    registers: [this.registry],
  });

  /** `queueDepths` is asked at each scrape, so the gauge is never stale. */
  constructor(queueDepths: () => Promise<Record<string, number>>) {
    collectDefaultMetrics({ register: this.registry, prefix: 'vidstream_' });
    new Gauge({
      name: 'vidstream_queue_depth',
      help: 'Jobs waiting to be taken, by queue',
      labelNames: ['queue'] as const,
      registers: [this.registry],
      async collect() {
        for (const [queue, depth] of Object.entries(await queueDepths())) this.set({ queue }, depth);
      },
    });
  }
}
