// The deployment's own tests, no containers needed: the compose stack and the AWS app are checked as
// the files people deploy. The container suite has its own config (container/vitest.config.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['aws/**/*.test.ts', 'compose/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
