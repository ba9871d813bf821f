import { defineConfig } from 'vitest/config';

// `*.production.test.ts` need several processes on one database, which embedded PGlite (in-process by
// design) cannot give: they run in the production-adapter pass only.
const embedded = process.env.TEST_ADAPTERS === 'embedded';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: embedded ? ['**/node_modules/**', 'test/**/*.production.test.ts'] : ['**/node_modules/**'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
