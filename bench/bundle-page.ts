import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bundle a benchmark's page script (lib/ and its dependencies) for Chromium. The extension APIs
 * are stubbed: a page script talks to the background with chrome.runtime itself, and anything
 * that pulls in wxt/browser by accident gets `undefined` instead of a bundling error.
 */
export async function bundlePageScript(entry: string, format: 'esm' | 'iife'): Promise<string> {
  const out = await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    format,
    platform: 'browser',
    target: 'chrome120',
    write: false,
    alias: { '@': ROOT, '~': ROOT },
    plugins: [
      {
        name: 'no-wxt-browser',
        setup(b) {
          b.onResolve({ filter: /^wxt\/browser$|^webextension-polyfill$/ }, (args) => ({ path: args.path, namespace: 'stub' }));
          b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export const browser = undefined; export default undefined;', loader: 'js' }));
        },
      },
    ],
    logLevel: 'warning',
  });
  return out.outputFiles[0]!.text;
}
