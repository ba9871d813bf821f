// Public videos live now lead the first page of the home, newest, channel and subscriptions lists; a
// private one, one that ended, and later pages do not show them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer, register } from '../support/accounts.js';
import { endLiveVideo, startLiveVideo } from '../support/live-videos.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

let test: TestPlatform;
beforeAll(async () => {
  test = await startTestPlatform();
});
afterAll(() => test.close());

async function page(url: string, token?: string) {
  const response = await test.app.inject({ url, headers: token ? bearer(token) : {} });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: { id: string; live: { state: string } | null }[]; nextCursor: string };
}

it('puts public live videos first on the first page of each list, and nowhere else', async () => {
  const creator = await register(test.app);
  const uploaded = [
    await publishStandInVideo(test.platform, creator, 'public'),
    await publishStandInVideo(test.platform, creator, 'public'),
  ];
  const ended = await startLiveVideo(test, creator);
  await endLiveVideo(test.platform, ended);
  const hiddenCreator = await register(test.app);
  await startLiveVideo(test, hiddenCreator, 'private');
  const live = await startLiveVideo(test, creator);
  const fan = await register(test.app);
  await test.app.inject({
    method: 'PUT',
    url: `/api/v1/channels/${creator.handle}/subscription`,
    headers: bearer(fan.token),
  });

  for (const [url, token] of [
    ['/api/v1/feed/home', undefined],
    ['/api/v1/feed/newest', undefined],
    [`/api/v1/channels/${creator.handle}/videos`, undefined],
    ['/api/v1/feed/subscriptions', fan.token],
  ] as const) {
    const first = await page(`${url}?limit=1`, token);
    expect(first.items.map((item) => item.id)).toEqual([live, uploaded[1]]);
    expect(first.items[0]?.live?.state).toBe('live');
    const second = await page(`${url}?limit=1&cursor=${first.nextCursor}`, token);
    expect(second.items.map((item) => item.id)).toEqual([uploaded[0]]);
  }
  expect((await page('/api/v1/feed/trending')).items.map((item) => item.id)).not.toContain(live);
});
