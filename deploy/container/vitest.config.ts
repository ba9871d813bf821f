// The container suite: the image built once for the run (global setup), then run as people run it.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: 'container',
    include: ['tests/**/*.test.ts'],
    globalSetup: ['support/build-image.ts'],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
