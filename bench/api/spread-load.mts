// The load of bench:api's spread table, run as its own process (as the autocannon CLI is for the hot
// table) so the load tool never shares the server's event loop: autocannon asks for `${prefix}${id}`,
// the ids drawn from a seeded Zipf(1.0) trace over the ids given, most popular first. Prints autocannon's
// JSON result. Usage: tsx bench/api/spread-load.mts PREFIX IDS_FILE CONNECTIONS SECONDS SEED
import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import { zipfTrace } from '../cache-hit-ratio.mjs';

const [prefix, idsFile, connections, seconds, seed] = process.argv.slice(2);
if (!prefix || !idsFile || !connections || !seconds || !seed) {
  throw new Error('usage: spread-load.mts PREFIX IDS_FILE CONNECTIONS SECONDS SEED');
}
const ids: string[] = JSON.parse(await readFile(idsFile, 'utf8'));
// Long enough that no run reaches its end and starts the same sequence again.
const trace = zipfTrace(ids.length, 4_000_000, Number(seed));
let next = 0;
const url = new URL(prefix);

const result = await autocannon({
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
});
process.stdout.write(JSON.stringify(result));
