// Steps a person takes in the app, and what a test reads back from a page.
import type { Frame, Locator, Page } from 'playwright-core';
import { artifactPath } from './artifacts.js';
import type { Account } from './people.js';

export async function signUp(page: Page, account: Account): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByLabel('Handle').fill(account.handle);
  await page.getByLabel('Display name').fill(account.displayName);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByLabel(`Account menu for ${account.displayName}`).waitFor();
}

/** Signs in on the sign-in page, which then goes on to `next`. */
export async function signIn(page: Page, account: Account, next: string): Promise<void> {
  await page.goto(`/signin?next=${next}`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === next);
}

/** How far the page scrolls sideways beyond the viewport: 0 when nothing sticks out. */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = artifactPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The <video> element's playback position, in seconds. */
export function playbackPosition(page: Page): Promise<number> {
  return page.locator('video').evaluate((video: HTMLVideoElement) => video.currentTime);
}

/**
 * A field of the player's settings menu ("Quality", "Speed"), the menu opened first if it is shut. The
 * pointer goes to the picture first: while a video plays, the controls show only when it moves.
 */
export async function playerSetting(page: Page | Frame, label: string): Promise<Locator> {
  const gear = page.getByRole('button', { name: 'Settings', exact: true });
  if ((await gear.getAttribute('aria-expanded')) !== 'true') {
    // A corner of the picture: its centre holds the big play button while the video is paused.
    await page.locator('video').hover({ position: { x: 16, y: 16 } });
    await gear.click();
  }
  return page.getByLabel(label);
}

/** Buttons, links and fields a screen reader could not name: each should be empty. */
export function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // The text a screen reader reads: without what is hidden from it (icons, decorations).
    const spokenText = (element: HTMLElement) => {
      const copy = element.cloneNode(true) as HTMLElement;
      for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
      return copy.textContent ?? '';
    };
    return [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary')]
      .filter((control) => control.getAttribute('aria-hidden') !== 'true' && control.tabIndex >= 0)
      .filter((control) => {
        const labels = [...((control as HTMLInputElement).labels ?? [])].map(spokenText).join('');
        const name = control.getAttribute('aria-label') ?? control.getAttribute('aria-labelledby') ?? labels;
        return `${name}${spokenText(control)}${control.getAttribute('title') ?? ''}`.trim() === '';
      })
      .map((control) => control.outerHTML.slice(0, 120));
  });
}

/**
 * Clicks `play` and measures the milliseconds from that click to the first frame shown after it. The frame
 * callback is asked for at the click: asked for earlier, it fires for a frame decoded while paused.
 */
export async function clickToFirstFrame(page: Page, play: Locator): Promise<number> {
  await play.waitFor();
  await page.evaluate(() => {
    const video = document.querySelector('video') as HTMLVideoElement;
    const timing = { clickedAt: 0, firstFrameMs: 0 };
    (window as unknown as { timing: typeof timing }).timing = timing;
    document.addEventListener(
      'click',
      () => {
        timing.clickedAt = performance.now();
        video.requestVideoFrameCallback(() => {
          timing.firstFrameMs = performance.now() - timing.clickedAt;
        });
      },
      { capture: true, once: true },
    );
  });
  await play.click();
  const shown = await page.waitForFunction(
    () => (window as unknown as { timing: { firstFrameMs: number } }).timing.firstFrameMs || undefined,
  );
  return Math.round((await shown.jsonValue()) as number);
}
