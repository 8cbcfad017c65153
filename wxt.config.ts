import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The extension's whole build. Entrypoints stay thin; the logic lives in lib/ and components/.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  vite: () => ({
    plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false })],
    build: { target: 'es2022', minify: process.env.BUYERLENS_NO_MINIFY ? false : 'oxc' },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // alarms: wake the worker to sync with the team's server (it is stopped when idle).
    // scripting: run the content script on the sites a user enables; activeTab: teach a page
    // once without asking for the site. Host access is never asked for up front: each site is
    // an optional permission requested from the popup when the user enables it.
    permissions: ['storage', 'scripting', 'activeTab', 'alarms'],
    ...(browser === 'firefox'
      ? { optional_permissions: ['https://*/*', 'http://*/*'] }
      : { optional_host_permissions: ['https://*/*', 'http://*/*'] }),
    // A fixed key keeps the unpacked extension id stable for tests and for the demo.
    ...(browser === 'chrome'
      ? {
          key: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwy05F/EM1fJGnlAJJmBCQQkV9544SoJSRZTnOZGFvINH0clo+S5hWye9UKZcYYyjFoZf0rGwukRcLj9qn1zd/tGCyUWR5UceYvlyCKwm4Rs8yKfGs6iuC0dvlFOUogh/86tRzEv4/Gk+uT7/VrlVyfyF22Mpi6oMah9Z8UBKIUtsmOX9LapIEQjTo2nRBGjjY39kycqWF9HMAE4hlsgDsS+ZIVhfKQJhMuDkOimj9znTa8UbQFtcMwsTkjLTFNw3KC2nXoiO06hwDGzN5XfYl7939wd1ZWMBdEL9XpKe7rxT1IV/gyQ8cN/BdmWQseTilTbk4dpeLEVCCYF/iOsM1wIDAQAB',
        }
      : {}),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'buyerlens@buyerlens.app',
              strict_min_version: '128.0',
              // Customer data goes only to the team's own server, never to us.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  zip: {
    excludeSources: ['test-results/**', 'coverage/**', '.output/**', 'bench/results/**'],
  },
});
