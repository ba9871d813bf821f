// The home page's feeds: more than a page of videos loads as the visitor scrolls (nothing clicked), and the
// trending and newest tabs show those lists, kept in the address so a reload stays on them.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type Person } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { newAccount } from '../support/people.js';
import { register, uploadClip, waitFor } from '../support/through-the-api.js';

const baseUrl = inject('baseUrl');
/** Comfortably more than one page of the client's lists. */
const LISTED_AT_LEAST = 30;
/** Below the default limit of uploads one account may have in flight. */
const UPLOADS_PER_UPLOADER = 8;
let visitor: Person;

interface Page {
  items: { id: string }[];
  nextCursor: string | null;
}

/** The ids of a whole list, page after page, as the API gives it to anyone. */
async function everyId(route: string, limit = 100): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = (await (await fetch(`${baseUrl}${route}?${query}`)).json()) as Page;
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/** The videos the page shows, in order, by the id in their links. */
const shownIds = (person: Person) =>
  person.page
    .locator('.video-card-title a')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href')?.replace('/watch/', '') ?? ''));

beforeAll(async () => {
  // Other test files publish too: only what is missing is made (one-second clips, about 2 s each).
  const missing = LISTED_AT_LEAST - (await everyId('/api/v1/feed/newest')).length;
  if (missing > 0) {
    // Spread over a few uploaders: one account may only have so many uploads in flight (quotas).
    const tokens = await Promise.all(
      Array.from({ length: Math.ceil(missing / UPLOADS_PER_UPLOADER) }, () =>
        register(baseUrl, newAccount('Prolific')),
      ),
    );
    const clip = await makeClip('tiny-clip.mp4', { width: 256, height: 144, seconds: 1 });
    const uploads = await Promise.all(
      Array.from({ length: missing }, async (_, index) => {
        const token = tokens[index % tokens.length] as string;
        const id = await uploadClip(baseUrl, token, clip, {
          title: `Short ${index + 1}`,
          visibility: 'public',
        });
        return { id, token };
      }),
    );
    for (const { id, token } of uploads) {
      await waitFor(baseUrl, token, id, (video) => video.state === 'ready', 'ready');
    }
  }
  visitor = await openBrowser(baseUrl);
}, 240_000);
afterAll(() => visitor?.close());

it('loads the next page of the home feed as its end scrolls into view, every video once', async () => {
  const { page } = visitor;
  const listed = await everyId('/api/v1/feed/newest');
  expect(listed.length).toBeGreaterThanOrEqual(LISTED_AT_LEAST);
  const firstPage = page.waitForResponse((response) => response.url().includes('/api/v1/feed/home'));
  await page.goto('/');
  const first = (await (await firstPage).json()) as Page;
  expect(first.nextCursor).not.toBeNull();
  await expect.poll(async () => (await shownIds(visitor)).length).toBe(first.items.length);
  expect(first.items.length).toBeLessThan(listed.length);

  const pagesAsked: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/v1/feed/home')) pagesAsked.push(request.url());
  });
  // Scrolling only: each time the end of the grid comes near, the next page is asked for.
  while ((await shownIds(visitor)).length < listed.length) {
    const before = (await shownIds(visitor)).length;
    await page.mouse.move(600, 400);
    await page.mouse.wheel(0, 20_000);
    await expect
      .poll(async () => (await shownIds(visitor)).length, { timeout: 15_000 })
      .toBeGreaterThan(before);
  }
  const shown = await shownIds(visitor);
  expect(pagesAsked.every((url) => new URL(url).searchParams.has('cursor'))).toBe(true);
  expect(pagesAsked.length).toBeGreaterThanOrEqual(1);
  expect(shown.length).toBe(listed.length);
  expect([...shown].sort()).toEqual([...listed].sort());
  expect(await page.getByRole('button', { name: 'Show more' }).count()).toBe(0);
  expect(visitor.consoleErrors).toEqual([]);
});

it('shows the trending and newest feeds in their tabs, and keeps the tab on a reload', async () => {
  const { page } = visitor;
  await page.goto('/');
  const tabs = page.getByRole('navigation', { name: 'Feeds' });
  await tabs.getByRole('link', { name: 'Trending' }).click();
  await page.waitForURL(/\/\?feed=trending$/);
  expect(await tabs.getByRole('link', { name: 'Trending' }).getAttribute('aria-current')).toBe('page');
  // The list is recomputed every five minutes from recent views: whatever it holds now is what must show.
  const trending = (await everyId('/api/v1/feed/trending')).slice(0, 24);
  const showsTrending = async () => {
    if (trending.length === 0) await page.getByText('Nothing is trending right now.').waitFor();
    else await expect.poll(() => shownIds(visitor)).toEqual(trending);
  };
  await showsTrending();
  await page.reload();
  expect(await tabs.getByRole('link', { name: 'Trending' }).getAttribute('aria-current')).toBe('page');
  await showsTrending();

  await tabs.getByRole('link', { name: 'Newest' }).click();
  await page.waitForURL(/\/\?feed=newest$/);
  const newest = (await everyId('/api/v1/feed/newest')).slice(0, 24);
  await expect.poll(() => shownIds(visitor)).toEqual(newest);
  expect(visitor.consoleErrors).toEqual([]);
});
