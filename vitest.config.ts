import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [WxtVitest(), preact({ prefreshEnabled: false, devToolsEnabled: false })],
  test: {
    environment: 'happy-dom',
    setupFiles: ['fake-indexeddb/auto', 'test/setup-zod.ts'],
    // One line per run: whether the server tests also run on PostgreSQL (BUYERLENS_TEST_PG).
    globalSetup: ['test/server/pg-notice.ts'],
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**'],
  },
});
