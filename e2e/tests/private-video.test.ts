// A private video plays for its owner and for nobody else: not another signed-in person, not a visitor.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { type ConsoleProblem, openBrowser, type Person } from '../support/browser.js';
import { makeClip } from '../support/clips.js';
import { signUp } from '../support/in-the-browser.js';
import { newAccount } from '../support/people.js';
import { publishClip, register } from '../support/through-the-api.js';

const baseUrl = inject('baseUrl');
let videoId: string;
let owner: Person;

beforeAll(async () => {
  const alice = newAccount('Private');
  const token = await register(baseUrl, alice);
  const clip = await makeClip('private-clip.mp4', { seconds: 4 });
  videoId = await publishClip(baseUrl, token, clip, { title: 'Only for me', visibility: 'private' });
  owner = await openBrowser(baseUrl);
  await owner.page.goto('/signin');
  await owner.page.getByLabel('Email').fill(alice.email);
  await owner.page.getByLabel('Password').fill(alice.password);
  await owner.page.getByRole('button', { name: 'Sign in' }).click();
  await owner.page.getByLabel(`Account menu for ${alice.displayName}`).waitFor();
});
afterAll(() => owner?.close());

/** The page says the video is unavailable, and no part of the video was ever requested. */
async function expectRefused(person: Person) {
  const mediaRequests: string[] = [];
  person.page.on('request', (request) => {
    if (request.url().includes(`/videos/${videoId}/`) && request.url().includes('/media/')) {
      mediaRequests.push(request.url());
    }
  });
  await person.page.goto(`/watch/${videoId}`);
  await person.page.getByRole('heading', { name: "This video isn't available" }).waitFor();
  expect(await person.page.locator('video').count()).toBe(0);
  expect(mediaRequests).toEqual([]);
  // The only error is the refused look-up of the video itself, which the page explains.
  const unexpected = person
    .takeConsoleErrors()
    .filter(
      (problem: ConsoleProblem) =>
        !(problem.sourceUrl.endsWith(`/api/v1/videos/${videoId}`) && /404/.test(problem.text)),
    );
  expect(unexpected).toEqual([]);
}

it('plays for its owner', async () => {
  await owner.page.goto(`/watch/${videoId}`);
  await owner.page.getByRole('button', { name: 'Play video' }).click();
  await owner.page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 1);
  expect(owner.consoleErrors).toEqual([]);
});

it('does not play for another signed-in person', async () => {
  const other = await openBrowser(baseUrl);
  try {
    await signUp(other.page, newAccount('Nosy'));
    await expectRefused(other);
  } finally {
    await other.close();
  }
});

it('does not play for a visitor who is not signed in', async () => {
  const visitor = await openBrowser(baseUrl);
  try {
    await expectRefused(visitor);
  } finally {
    await visitor.close();
  }
});
