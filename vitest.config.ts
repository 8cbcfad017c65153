import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [WxtVitest(), preact({ prefreshEnabled: false, devToolsEnabled: false })],
  test: {
    environment: 'happy-dom',
    setupFiles: ['fake-indexeddb/auto', 'test/setup-zod.ts'],
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**'],
  },
});
