// A slower network for one page, as Chromium emulates it (CDP): a downlink rate and a round trip. The
// browser suite and bench:qoe both use it.
import type { CDPSession, Page } from 'playwright-core';

export interface NetworkConditions {
  downKbps: number;
  rttMs: number;
}

/** "4G" as bench:qoe and issue 17 define it. */
export const FOUR_G: NetworkConditions = { downKbps: 9_000, rttMs: 85 };

/** Sets the emulated network; the uplink is fixed (requests are small). */
export async function emulate(cdp: CDPSession, conditions: NetworkConditions): Promise<void> {
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: conditions.rttMs,
    downloadThroughput: (conditions.downKbps * 1000) / 8,
    uploadThroughput: (2_000 * 1000) / 8,
  });
}

/** A CDP session on the page with the network emulated from now on, its page loads included. */
export async function emulateOn(page: Page, conditions: NetworkConditions): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await emulate(cdp, conditions);
  return cdp;
}
