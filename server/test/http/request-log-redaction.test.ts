// Request logs name the route a client asked for, but never the playback token in a media path nor the
// signature of a part URL: both are working keys until they expire.
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/platform/logger.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const SIGNATURE = 'S'.repeat(43);

describe('request logs', () => {
  let test: TestPlatform;
  let written = '';
  beforeAll(async () => {
    const output = new PassThrough();
    output.on('data', (chunk) => (written += chunk));
    const logger = createLogger({ level: 'info', format: 'json', role: 'api' }, output);
    test = await startTestPlatform({}, { logger });
  });
  afterAll(() => test.close());

  /** The JSON log lines of requests whose URL starts with `prefix`. */
  async function requestLines(prefix: string) {
    await tick();
    return written
      .trimEnd()
      .split('\n')
      .filter((line) => line.includes(prefix));
  }

  it('leave the playback token out of media paths', async () => {
    const videoId = randomUUID();
    const token = test.platform.playbackTokens.issue(videoId, 1);
    await test.app.inject({ url: `/media/t/${token}/videos/${videoId}/720p/segment-1.m4s` });
    const lines = await requestLines(`/media/t/`);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(token);
    expect(JSON.parse(lines[0] ?? '{}').req.url).toBe(
      `/media/t/[redacted]/videos/${videoId}/720p/segment-1.m4s`,
    );
  });

  it('leave the signature out of part URLs, and keep the rest of the query', async () => {
    const url = `/api/v1/upload-parts/${'u'.repeat(22)}/1?expires=1700000000&maxBytes=10&signature=${SIGNATURE}`;
    await test.app.inject({ method: 'PUT', url, payload: Buffer.from('part') });
    const lines = await requestLines('/api/v1/upload-parts/');
    expect(lines.length).toBeGreaterThan(0);
    expect(written).not.toContain(SIGNATURE);
    expect(JSON.parse(lines[0] ?? '{}').req.url).toBe(
      `/api/v1/upload-parts/${'u'.repeat(22)}/1?expires=1700000000&maxBytes=10&signature=[redacted]`,
    );
  });

  it('are one line per answered request, with its status and time', async () => {
    const missing = `/api/v1/videos/${'z'.repeat(11)}`;
    await test.app.inject({ url: missing });
    const lines = (await requestLines(missing)).map((line) => JSON.parse(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'request completed', req: { method: 'GET', url: missing } });
    expect(lines[0].res.statusCode).toBe(404);
    expect(lines[0].responseTime).toBeGreaterThan(0);
    expect(lines[0].reqId).toBeDefined();
  });
});
