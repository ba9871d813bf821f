// What the player tests read from and do to the player: whether its controls show, where its parts lie,
// and taps sent as a touch screen sends them (CDP touch events), so the page sees real touches.
import type { CDPSession, Frame, Page } from 'playwright-core';

type Surface = Page | Frame;

/** Opens a video's watch page and plays it from the big Play button, until it has played past 0.5 s. */
export async function startWatching(page: Page, videoId: string): Promise<void> {
  await page.goto(`/watch/${videoId}`);
  await page.getByRole('button', { name: 'Play video' }).click();
  await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0.5);
}

/** Waits until the control bar has faded out (or in): its opacity, once the transition has run. */
export async function waitForControls(surface: Surface, shown: boolean): Promise<void> {
  await surface.waitForFunction((wanted) => {
    const controls = document.querySelector('.player-controls');
    return controls !== null && getComputedStyle(controls).opacity === (wanted ? '1' : '0');
  }, shown);
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The boxes of the picture, the control bar and each control of its row that shows. */
export function playerLayout(surface: Surface) {
  return surface.evaluate(() => {
    const box = (element: Element): Box => {
      const { x, y, width, height } = element.getBoundingClientRect();
      return { x, y, width, height };
    };
    const shown = (element: Element) => element.getBoundingClientRect().width > 0;
    const row = [...document.querySelectorAll('.player-toolbar button, .player-toolbar input, .player-time')];
    return {
      video: box(document.querySelector('video') as Element),
      controls: box(document.querySelector('.player-controls') as Element),
      row: row.filter(shown).map((element) => ({
        name: element.getAttribute('aria-label') ?? element.textContent ?? '',
        ...box(element),
      })),
    };
  });
}

/** True when `inner` lies within `outer` (to the pixel). */
export function inside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x - 1 &&
    inner.y >= outer.y - 1 &&
    inner.x + inner.width <= outer.x + outer.width + 1 &&
    inner.y + inner.height <= outer.y + outer.height + 1
  );
}

/**
 * Taps at (x, y) `count` times in quick succession, as a finger does: every touch start and end is sent
 * before the first is answered, so the taps are as close together as the browser can take them.
 */
export async function tap(cdp: CDPSession, x: number, y: number, count = 1): Promise<void> {
  const sent: Promise<unknown>[] = [];
  for (let index = 0; index < count; index++) {
    sent.push(
      cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] }),
      cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] }),
    );
  }
  await Promise.all(sent);
}

/** The double-tap ripples the page shows from now on: their text and box, as each appears or changes. */
export async function recordRipples(page: Page): Promise<() => Promise<{ text: string; box: Box }[]>> {
  await page.evaluate(() => {
    const seen: { text: string; box: Box }[] = [];
    (window as unknown as { ripples: typeof seen }).ripples = seen;
    let last: { ripple: Element; text: string } | null = null;
    new MutationObserver(() => {
      const ripple = document.querySelector('.seek-ripple');
      const text = ripple?.textContent ?? '';
      if (!ripple || (last?.ripple === ripple && last.text === text)) return;
      last = { ripple, text };
      const { x, y, width, height } = ripple.getBoundingClientRect();
      seen.push({ text, box: { x, y, width, height } });
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { ripples: { text: string; box: Box }[] }).ripples);
}
