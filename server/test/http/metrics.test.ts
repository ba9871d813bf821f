import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../support/accounts.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
beforeAll(async () => {
  test = await startTestPlatform();
});
afterAll(() => test.close());

const scrape = async () => {
  const response = await test.app.inject({ url: '/metrics' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.body;
};
const sample = (body: string, series: string) =>
  Number(
    body
      .split('\n')
      .find((line) => line.startsWith(`${series} `))
      ?.split(' ')[1],
  );

describe('GET /metrics', () => {
  it('counts requests by route pattern and cache lookups by outcome', async () => {
    const owner = await register(test.app);
    const id = await publishStandInVideo(test.platform, owner, 'public');
    const before = await scrape();
    for (let i = 0; i < 4; i += 1) await test.app.inject({ url: `/api/v1/videos/${id}` });
    const after = await scrape();
    const series =
      'vidstream_http_request_duration_seconds_count{method="GET",route="/api/v1/videos/:id",status="200"}';
    expect(sample(after, series) - (sample(before, series) || 0)).toBe(4);
    expect(after).not.toContain(id);
    const hits = 'vidstream_cache_lookups_total{outcome="hit"}';
    const misses = 'vidstream_cache_lookups_total{outcome="miss"}';
    expect(sample(after, hits) - (sample(before, hits) || 0)).toBe(3);
    expect(sample(after, misses) - (sample(before, misses) || 0)).toBe(1);
  });

  it('reports the jobs waiting in each queue', async () => {
    await test.platform.queue.send('transcode-video', { videoId: 'AAAAAAAAAAA' });
    await test.platform.queue.send('transcode-video', { videoId: 'BBBBBBBBBBB' });
    expect(sample(await scrape(), 'vidstream_queue_depth{queue="transcode-video"}')).toBe(2);
  });

  it('includes the process’s own figures', async () => {
    expect(await scrape()).toMatch(/^vidstream_process_resident_memory_bytes \d+/m);
  });
});

describe('GET /metrics with METRICS_TOKEN set', () => {
  const token = 'scraper-token-0123456789abcdef';
  let guarded: TestPlatform;
  beforeAll(async () => {
    guarded = await startTestPlatform({ METRICS_TOKEN: token });
  });
  afterAll(() => guarded.close());

  it('answers the scraper that sends the token, and refuses everyone else', async () => {
    const withHeader = (authorization?: string) =>
      guarded.app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
    const scraper = await withHeader(`Bearer ${token}`);
    expect(scraper.statusCode).toBe(200);
    expect(scraper.body).toContain('vidstream_http_request_duration_seconds');
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${token}x`, token, `Basic ${token}`]) {
      const refused = await withHeader(authorization);
      expect(refused.statusCode, String(authorization)).toBe(401);
      expect(refused.json().error.code).toBe('metrics_token_required');
      expect(refused.body).not.toContain('vidstream_');
    }
  });
});
