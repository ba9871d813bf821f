// Debian's Chromium driven by playwright-core, each person in a fresh profile of their own (their own
// cookies and storage), with every console error and uncaught exception of every page recorded.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// What works on this machine: no sandbox (root, containers), no GPU, nothing fetched in the background.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ConsoleProblem {
  pageUrl: string;
  text: string;
  /** For failed loads, the address that failed. */
  sourceUrl: string;
}

export interface Person {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions, from every page this person opened. */
  consoleErrors: ConsoleProblem[];
  /** The errors so far, forgotten once taken (for a test that expects some). */
  takeConsoleErrors(): ConsoleProblem[];
  close(): Promise<void>;
}

/** A screen's size, and whether it takes touches (taps arrive as touch events, as on a phone). */
export interface Screen {
  width: number;
  height: number;
  touch?: boolean;
}

export const PHONE: Screen = { width: 390, height: 844, touch: true };
export const DESKTOP: Screen = { width: 1366, height: 900 };

function recordProblems(page: Page, problems: ConsoleProblem[]) {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    problems.push({ pageUrl: page.url(), text: message.text(), sourceUrl: message.location().url });
  });
  page.on('pageerror', (error) => problems.push({ pageUrl: page.url(), text: String(error), sourceUrl: '' }));
}

export async function openBrowser(baseUrl: string, screen: Screen = DESKTOP): Promise<Person> {
  const profile = await mkdtemp(path.join(tmpdir(), 'vidstream-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    baseURL: baseUrl,
    viewport: { width: screen.width, height: screen.height },
    hasTouch: screen.touch ?? false,
    deviceScaleFactor: 1,
  });
  const consoleErrors: ConsoleProblem[] = [];
  for (const page of context.pages()) recordProblems(page, consoleErrors);
  context.on('page', (page) => recordProblems(page, consoleErrors));
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    consoleErrors,
    takeConsoleErrors: () => consoleErrors.splice(0),
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
