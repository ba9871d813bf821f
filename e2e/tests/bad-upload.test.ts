// A dropped file that only claims to be a video uploads, then fails processing with a message a person
// can act on, instead of hanging or breaking the page.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type Person } from '../support/browser.js';
import { screenshot, signUp } from '../support/in-the-browser.js';
import { newAccount } from '../support/people.js';

const baseUrl = inject('baseUrl');
let person: Person;

beforeAll(async () => {
  person = await openBrowser(baseUrl);
  await signUp(person.page, newAccount('Dropper'));
});
afterAll(() => person?.close());

it('accepts a dropped file and reports plainly that it is not a video', async () => {
  const { page } = person;
  await page.goto('/upload');
  const dropped = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    const text = 'These are holiday notes, not a film. '.repeat(200);
    transfer.items.add(new File([text], 'holiday.mp4', { type: 'video/mp4' }));
    return transfer;
  });
  await page.dispatchEvent('.file-picker', 'drop', { dataTransfer: dropped });
  await page.getByText('Upload complete').waitFor();
  await page.getByRole('button', { name: 'Publish' }).click();

  const failure = page.getByRole('alert').filter({ hasText: 'Processing failed' });
  await failure.waitFor({ timeout: 120_000 });
  expect((await failure.textContent())?.length).toBeGreaterThan('Processing failed: '.length);
  await screenshot(page, 'desktop-processing-failed');
  expect(person.consoleErrors).toEqual([]);
});
