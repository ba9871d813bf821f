// Inflating a view count from one client: invented viewer ids, dropped cookies and a flood of reports
// add no more than one client address may add, and the flood itself is refused.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { register } from '../support/accounts.js';
import { publishStandInVideo } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { newViewer, reportViewing } from '../support/viewers.js';

const PER_ADDRESS = 3;
const REPORTS_PER_MINUTE = 30;

let test: TestPlatform;
let owner: Awaited<ReturnType<typeof register>>;
beforeAll(async () => {
  test = await startTestPlatform({
    VIEW_FLUSH_INTERVAL_SECONDS: '3600',
    ANONYMOUS_VIEWS_PER_ADDRESS: String(PER_ADDRESS),
    VIEW_REPORTS_PER_MINUTE: String(REPORTS_PER_MINUTE),
  });
  owner = await register(test.app);
});
afterAll(() => test.close());

async function countedViews(videoId: string) {
  await test.platform.services.views.flush();
  const video = await test.platform.database.db
    .selectFrom('videos')
    .select('view_count')
    .where('id', '=', videoId)
    .executeTakeFirstOrThrow();
  return Number(video.view_count);
}

/** An id in the issued shape, signed with a key the server does not have. */
const inventedId = () => `${randomBytes(16).toString('base64url')}.${randomBytes(32).toString('base64url')}`;

it('counts a loop of invented viewer ids from one client no more than that client may add', async () => {
  const id = await publishStandInVideo(test.platform, owner, 'public');
  const attacker = newViewer();
  const answers: boolean[] = [];
  for (let report = 0; report < 20; report += 1) {
    // Half the reports carry a made-up viewer cookie, half none at all.
    const viewer = { address: attacker.address, cookie: report % 2 === 0 ? inventedId() : undefined };
    const response = await reportViewing(test.app, id, viewer, 30);
    expect(response.statusCode, response.body).toBe(200);
    answers.push(response.json().counted);
  }
  expect(answers.filter(Boolean)).toHaveLength(PER_ADDRESS);
  expect(await countedViews(id)).toBe(PER_ADDRESS);
  // Someone else, from another address, still counts.
  expect((await reportViewing(test.app, id, newViewer(), 30)).json().counted).toBe(true);
});

it('issues a signed viewer id that makes a viewer the same viewer, and refuses to adopt an invented one', async () => {
  const id = await publishStandInVideo(test.platform, owner, 'public');
  const viewer = newViewer();
  const first = await reportViewing(test.app, id, viewer, 30);
  expect(first.json().counted).toBe(true);
  const cookie = first.cookies.find((issued) => issued.name === 'vidstream_viewer');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/videos' });
  expect((await reportViewing(test.app, id, viewer, 30)).json().counted).toBe(false);

  const forger = { ...newViewer(), cookie: inventedId() };
  const forged = forger.cookie;
  await reportViewing(test.app, id, forger, 30);
  expect(forger.cookie).not.toBe(forged);
});

it('rate-limits view reports per client address', async () => {
  const id = await publishStandInVideo(test.platform, owner, 'public');
  const flooder = newViewer();
  const statuses: number[] = [];
  for (let report = 0; report <= REPORTS_PER_MINUTE; report += 1) {
    statuses.push((await reportViewing(test.app, id, flooder, 1)).statusCode);
  }
  expect(statuses.slice(0, REPORTS_PER_MINUTE)).toEqual(Array(REPORTS_PER_MINUTE).fill(200));
  const refused = await reportViewing(test.app, id, flooder, 1);
  expect(refused.statusCode).toBe(429);
  expect(refused.json().error.code).toBe('rate_limited');
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  expect((await reportViewing(test.app, id, newViewer(), 1)).statusCode).toBe(200);
});
