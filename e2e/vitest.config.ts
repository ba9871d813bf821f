// The browser suite: one built app for the whole run (global setup), test files one after the other
// (the machine has two cores, and the app's worker transcodes while the browser plays).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
