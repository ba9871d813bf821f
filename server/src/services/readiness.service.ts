// Whether this process can serve: every dependency pinged at once, each with a deadline. The answer is
// public (load balancers read it), so it says only whether a dependency answered; the driver's own
// error, with its addresses and ports, goes to the log.
import type { Logger } from 'pino';

export interface Dependency {
  ping(): Promise<void>;
  /** A non-essential dependency (the cache) being down degrades the service but keeps it ready. */
  essential: boolean;
}

export interface DependencyStatus {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

export interface ReadinessReport {
  status: 'ready' | 'degraded' | 'unavailable';
  checks: Record<string, DependencyStatus>;
}

export class ReadinessService {
  constructor(
    private readonly dependencies: Record<string, Dependency>,
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly timeoutMs = 2_000,
  ) {}

  async check(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      Object.entries(this.dependencies).map(
        async ([name, dependency]) => [name, await this.probe(name, dependency)] as const,
      ),
    );
    const down = entries.filter(([, status]) => status.status === 'down').map(([name]) => name);
    const essentialDown = down.some((name) => this.dependencies[name]?.essential);
    return {
      status: essentialDown ? 'unavailable' : down.length > 0 ? 'degraded' : 'ready',
      checks: Object.fromEntries(entries),
    };
  }

  private async probe(name: string, dependency: Dependency): Promise<DependencyStatus> {
    const started = performance.now();
    const timedOut = `no answer within ${this.timeoutMs} ms`;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(timedOut)), this.timeoutMs);
    });
    try {
      await Promise.race([dependency.ping(), deadline]);
      return { status: 'up', latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      this.logger.warn({ dependency: name, err: error }, 'readiness: a dependency did not answer');
      return {
        status: 'down',
        latencyMs: Math.round(performance.now() - started),
        error: (error as Error).message === timedOut ? timedOut : 'refused or failed to answer',
      };
    } finally {
      clearTimeout(timer);
    }
  }
}
