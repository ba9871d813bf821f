// Inflating a view count from one client: reports of time never watched count nothing (a view needs a
// watch ticket at least that old), and invented viewer ids, dropped cookies and a flood of reports add no
// more than one client address may add, and the flood itself is refused.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { WatchTickets } from '../../src/services/views/watch-tickets.js';
import { register } from '../support/accounts.js';
import { publishStandInVideo, setDuration } from '../support/published-videos.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { newViewer, reportViewing, sendViewReport, takeTicket, type Viewer } from '../support/viewers.js';

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
afterEach(() => test.clock.reset());

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
    const response = await reportViewing(test, id, viewer, 30);
    expect(response.statusCode, response.body).toBe(200);
    answers.push(response.json().counted);
  }
  expect(answers.filter(Boolean)).toHaveLength(PER_ADDRESS);
  expect(await countedViews(id)).toBe(PER_ADDRESS);
  // Someone else, from another address, still counts.
  expect((await reportViewing(test, id, newViewer(), 30)).json().counted).toBe(true);
});

it('counts the addresses of one IPv6 /64 as one client address', async () => {
  const id = await publishStandInVideo(test.platform, owner, 'public');
  // One connection's whole /64: a new address for every report costs its owner nothing.
  const prefix = `2001:db8:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;
  const answers: boolean[] = [];
  for (let report = 0; report < 10; report += 1) {
    const address = `${prefix}:${Array.from({ length: 4 }, () => randomBytes(2).readUInt16BE().toString(16)).join(':')}`;
    answers.push((await reportViewing(test, id, newViewer(address), 30)).json().counted);
  }
  expect(answers.filter(Boolean)).toHaveLength(PER_ADDRESS);
});

it('issues a signed viewer id that makes a viewer the same viewer, and refuses to adopt an invented one', async () => {
  const id = await publishStandInVideo(test.platform, owner, 'public');
  const viewer = newViewer();
  const opened = await takeTicket(test.app, id, viewer);
  const cookie = opened.response.cookies.find((issued) => issued.name === 'vidstream_viewer');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/videos' });
  expect((await reportViewing(test, id, viewer, 30)).json().counted).toBe(true);
  // Opened again in the same browser: the same viewer, counted once this hour.
  expect((await reportViewing(test, id, viewer, 30)).json().counted).toBe(false);

  const forger = { ...newViewer(), cookie: inventedId() };
  const forged = forger.cookie;
  await reportViewing(test, id, forger, 30);
  expect(forger.cookie).not.toBe(forged);
});

it('rate-limits view reports per client address', async () => {
  const id = await publishStandInVideo(test.platform, owner, 'public');
  const flooder = newViewer();
  const statuses: number[] = [];
  for (let report = 0; report <= REPORTS_PER_MINUTE; report += 1) {
    statuses.push((await reportViewing(test, id, flooder, 1)).statusCode);
  }
  expect(statuses.slice(0, REPORTS_PER_MINUTE)).toEqual(Array(REPORTS_PER_MINUTE).fill(200));
  const refused = await reportViewing(test, id, flooder, 1);
  expect(refused.statusCode).toBe(429);
  expect(refused.json().error.code).toBe('rate_limited');
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  expect((await reportViewing(test, id, newViewer(), 1)).statusCode).toBe(200);
});

/** A video whose view takes 10 s of watching. */
async function longVideo() {
  const id = await publishStandInVideo(test.platform, owner, 'public');
  await setDuration(test.platform, id, 120);
  return id;
}

/** Opens the video as a watch page does, and expects its ticket. */
async function open(videoId: string, viewer = newViewer()) {
  const { response, ticket } = await takeTicket(test.app, videoId, viewer);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.json().expiresInSeconds).toBeGreaterThanOrEqual(600);
  return { viewer, ticket: ticket as string };
}

/** Sends one report as a script would: whether it counted. */
async function counted(videoId: string, viewer: Viewer, report: Parameters<typeof sendViewReport>[3]) {
  const answer = await sendViewReport(test.app, videoId, viewer, report);
  expect(answer.statusCode, answer.body).toBe(200);
  return answer.json().counted as boolean;
}

it('counts none of thirty cookieless scripted reports of 30 s without a ticket', async () => {
  const id = await longVideo();
  const script = newViewer();
  const answers: boolean[] = [];
  for (let report = 0; report < 30; report += 1) {
    // As players before tickets sent them (a made-up session id), then with nothing at all.
    const sessionId = report % 2 === 0 ? `script-${report}-session` : undefined;
    answers.push(await counted(id, script, { watchedSeconds: 30, ...(sessionId && { sessionId }) }));
  }
  // Up to the address's cap counted before tickets.
  expect(answers.filter(Boolean)).toEqual([]);
  expect(await countedViews(id)).toBe(0);
});

it('counts nothing on a ticket younger than the time reported, and the view once that time has passed', async () => {
  const id = await longVideo();
  const { viewer, ticket } = await open(id);
  test.clock.advance(5);
  expect(await counted(id, viewer, { ticket, watchedSeconds: 30 })).toBe(false);
  expect(await counted(id, viewer, { ticket, watchedSeconds: 10 })).toBe(false);
  test.clock.advance(25);
  expect(await counted(id, viewer, { ticket, watchedSeconds: 30 })).toBe(true);
  expect(await countedViews(id)).toBe(1);
});

it("counts nothing on a forged, altered, expired or another video's ticket", async () => {
  const id = await longVideo();
  const { viewer, ticket } = await open(await longVideo());
  const [viewerId = '', issued = ''] = ticket.split('.');
  const anHourEarlier = (Number.parseInt(issued, 36) - 3_600_000).toString(36);
  const otherKey = new WatchTickets(randomBytes(32).toString('hex'), 3600);
  const forgedTickets = [
    ticket, // issued for another video
    `${viewerId}.${issued}.${randomBytes(32).toString('base64url')}`, // a made-up signature
    ticket.replace(`.${issued}.`, `.${anHourEarlier}.`), // its issue time moved back
    otherKey.issue(id, viewerId, new Date(Date.now() - 60_000)), // signed with a key not the server's
  ];
  test.clock.advance(30);
  for (const forged of forgedTickets) {
    expect(await counted(id, viewer, { ticket: forged, watchedSeconds: 30 }), forged).toBe(false);
  }
  // Its own ticket, kept past its lifetime.
  const kept = await open(id);
  test.clock.advance(2 * 3600);
  expect(await counted(id, kept.viewer, { ticket: kept.ticket, watchedSeconds: 30 })).toBe(false);
  expect(await countedViews(id)).toBe(0);
});

it('counts an honest watch: the page opened, the time passed, then the report', async () => {
  const id = await longVideo();
  const { viewer, ticket } = await open(id);
  test.clock.advance(30);
  expect(await counted(id, viewer, { ticket, watchedSeconds: 30 })).toBe(true);
  expect(await countedViews(id)).toBe(1);
});
