import { defineConfig } from 'vitest/config';

// End-to-end tests against the real built extension in Debian's Chromium (see test/e2e/harness.ts).
// `npm test` builds `.output/chrome-mv3` before this runs. No retries: a flaky test is a bug.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    retry: 0,
    // One browser per file, files one after another: keep the 2-core machine unloaded.
    pool: 'forks',
    maxWorkers: 1,
  },
});
