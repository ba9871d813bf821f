// Uploads resume from the parts storage already holds: after a pause, and after a reload.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type Person } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { signUp } from '../support/in-the-browser.js';
import { newAccount } from '../support/people.js';

const baseUrl = inject('baseUrl');
const PART_URL = /\/api\/v1\/upload-parts\/[^/]+\/(\d+)\?/;
let person: Person;
let clip: string;

beforeAll(async () => {
  clip = await makeClip('resumable-clip.mp4', { seconds: 20, lossless: true });
  person = await openBrowser(baseUrl);
  await signUp(person.page, newAccount('Resumer'));
});
afterAll(() => person?.close());

const partNumberOf = (url: string) => Number(PART_URL.exec(url)?.[1]);

/** Starts uploading the clip; part 2 is held back, so only part 1 reaches storage. */
async function startUploadHoldingPartTwo(page: Page) {
  await page.route(PART_URL, (route) =>
    partNumberOf(route.request().url()) === 2 ? undefined : route.fallback(),
  );
  const firstPartStored = page.waitForResponse((response) => partNumberOf(response.url()) === 1);
  const secondPartStarted = page.waitForRequest((request) => partNumberOf(request.url()) === 2);
  await page.locator('input[type="file"]').setInputFiles(clip);
  expect((await firstPartStored).ok()).toBe(true);
  await secondPartStarted;
}

/** Part numbers of the part uploads the page sends from now on. */
function recordPartUploads(page: Page): number[] {
  const parts: number[] = [];
  page.on('request', (request) => {
    if (PART_URL.test(request.url())) parts.push(partNumberOf(request.url()));
  });
  return parts;
}

it('resumes an upload interrupted by a reload and completes it', async () => {
  const { page } = person;
  await page.goto('/upload');
  await startUploadHoldingPartTwo(page);
  await page.reload();
  await page.unrouteAll({ behavior: 'ignoreErrors' });

  // After the reload the page offers to resume; picking the same file sends only what is missing.
  await page.getByText('was interrupted').waitFor();
  const partsSentAfterReload = recordPartUploads(page);
  await page.locator('input[type="file"]').setInputFiles(clip);
  await page.getByText('Upload complete').waitFor();
  expect(partsSentAfterReload).toEqual([2]);

  await page.getByLabel('Title').fill('Resumed after a reload');
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Ready.').waitFor({ timeout: 120_000 });
  expect(person.consoleErrors).toEqual([]);
});

it('pauses an upload and resumes it from the parts already stored', async () => {
  const { page } = person;
  await page.goto('/upload');
  await startUploadHoldingPartTwo(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByText('Paused').waitFor();
  expect(await page.getByLabel('Upload progress').textContent()).toMatch(/\((\d|[1-9]\d)%\)/);

  await page.unrouteAll({ behavior: 'ignoreErrors' });
  const partsSentAfterPause = recordPartUploads(page);
  await page.getByRole('button', { name: 'Resume' }).click();
  await page.getByText('Upload complete').waitFor();
  expect(partsSentAfterPause).toEqual([2]);
  expect(person.consoleErrors).toEqual([]);
});
