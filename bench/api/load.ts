// bench:api's loads: autocannon in a process of its own for one URL (the hot table) or for a Zipf spread
// of video ids (the spread table), two seconds of warm-up first, and one line of results each.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { serverSideCpuSeconds } from './server-cpu.js';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server-side CPU (this process, PostgreSQL, Redis) per request answered, in microseconds. */
  cpuMicrosPerRequest: number;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
}

const run = promisify(execFile);
const bin = (name: string) => path.resolve('node_modules/.bin', name);

/** Runs the load tool and reads its JSON result, with the server side's CPU while it ran. */
async function measure(file: string, args: string[]): Promise<LoadResult> {
  const cpuBefore = await serverSideCpuSeconds();
  const { stdout } = await run(file, args, { maxBuffer: 64 * 1024 * 1024 });
  const cpuSeconds = (await serverSideCpuSeconds()) - cpuBefore;
  const result = JSON.parse(stdout);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    cpuMicrosPerRequest: (cpuSeconds * 1e6) / Math.max(1, result.requests.total),
  };
}

/**
 * Loads of `${prefix}${id}`, the ids drawn from a Zipf(1.0) trace (the first id the most popular; one id is
 * one URL), run by the load tool in a process of its own.
 */
export class Load {
  private constructor(private readonly idsFile: string) {}

  static async over(ids: string[], directory: string, name: string): Promise<Load> {
    const idsFile = path.join(directory, `${name}-ids.json`);
    await writeFile(idsFile, JSON.stringify(ids));
    return new Load(idsFile);
  }

  async run(prefix: string, options: LoadOptions): Promise<LoadResult> {
    await this.once(prefix, 2, options, 1);
    return this.once(prefix, options.seconds, options, 2);
  }

  private async once(prefix: string, seconds: number, { connections }: LoadOptions, seed: number) {
    const script = path.resolve('bench/api/load-process.mts');
    const args = [script, prefix, this.idsFile, String(connections), String(seconds), String(seed)];
    return measure(bin('tsx'), args);
  }
}

export function report(label: string, result: LoadResult): void {
  console.log(
    `  ${label.padEnd(44)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${result.p50.toFixed(2).padStart(5)} ms   p99 ${result.p99.toFixed(2).padStart(5)} ms   CPU ${result.cpuMicrosPerRequest.toFixed(0).padStart(4)} µs/req   errors ${result.errors}`,
  );
}

export function ratios(a: LoadResult, b: LoadResult, c: LoadResult): void {
  const rate = (x: LoadResult, y: LoadResult) => (x.requestsPerSecond / y.requestsPerSecond).toFixed(2);
  const cpu = (x: LoadResult, y: LoadResult) => (x.cpuMicrosPerRequest / y.cpuMicrosPerRequest).toFixed(2);
  console.log(
    `  a/b ${rate(a, b)} (target ≥ 1.3)   a/c ${rate(a, c)} (target ≥ 0.60)   p99 a/c ${(a.p99 / c.p99).toFixed(2)} (target ≤ 1.5)`,
  );
  console.log(`  CPU per request: b/a ${cpu(b, a)}   a/c ${cpu(a, c)}`);
}
