// One load of bench:api, run as its own process so the load tool never shares the server's event loop:
// autocannon asks for `${prefix}${id}`, the ids drawn from a seeded Zipf(1.0) trace over the ids given,
// most popular first (one id: the same URL again and again). Prints autocannon's JSON result with its
// latency percentiles taken from every answer's own time: autocannon's histogram keeps whole
// milliseconds, and these answers take one or two. Usage:
// tsx bench/api/load-process.mts PREFIX IDS_FILE CONNECTIONS SECONDS SEED
import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import { zipfTrace } from '../cache-hit-ratio.mjs';

const [prefix, idsFile, connections, seconds, seed] = process.argv.slice(2);
if (!prefix || !idsFile || !connections || !seconds || !seed) {
  throw new Error('usage: load-process.mts PREFIX IDS_FILE CONNECTIONS SECONDS SEED');
}
const ids: string[] = JSON.parse(await readFile(idsFile, 'utf8'));
// Long enough that no run reaches its end and starts the same sequence again.
const trace = zipfTrace(ids.length, 4_000_000, Number(seed));
let next = 0;
const url = new URL(prefix);
/** Milliseconds, with autocannon's sub-millisecond precision, of every successful answer. */
const times: number[] = [];

const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const run = autocannon(
    {
      url: url.origin,
      connections: Number(connections),
      duration: Number(seconds),
      requests: [
        {
          setupRequest: (request) => {
            const rank = trace[next % trace.length] as number;
            next += 1;
            return { ...request, path: `${url.pathname}${ids[rank]}` };
          },
        },
      ],
    },
    (error, done) => (error ? reject(error) : resolve(done)),
  );
  run.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode < 300) times.push(responseTime);
  });
});

const sorted = Float64Array.from(times).sort();
const percentile = (share: number) => sorted[Math.floor(share * (sorted.length - 1))] ?? 0;
process.stdout.write(
  JSON.stringify({ ...result, latency: { ...result.latency, p50: percentile(0.5), p99: percentile(0.99) } }),
);
