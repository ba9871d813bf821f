// The two players bench:qoe compares on the same files: VidStream's watch page, and a plain page with
// hls.js at its default settings (the baseline).
import type { Page } from 'playwright-core';

export interface Player {
  name: string;
  /** Opens the page, ready for the play click. */
  open(page: Page): Promise<void>;
  /** The play click, as a person does it. */
  play(page: Page): Promise<void>;
}

export function vidStreamPlayer(videoId: string): Player {
  return {
    name: 'VidStream',
    open: async (page) => {
      await page.goto(`/watch/${videoId}`);
    },
    play: (page) =>
      page
        .getByRole('button', { name: /^play( video)?$/i })
        .first()
        .click(),
  };
}

/**
 * The baseline page and hls.js itself are served by a server of their own (baseline-server.ts), over the
 * emulated network like VidStream's page; the media comes from the app, which allows that origin (CORS).
 */
export function plainHlsPlayer(pageUrl: string): Player {
  return {
    name: 'hls.js, defaults',
    open: async (page) => {
      await page.goto(pageUrl);
    },
    play: (page) => page.getByRole('button', { name: 'Play' }).click(),
  };
}
