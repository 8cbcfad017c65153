#!/usr/bin/env node
// `npm start`: build the extension, start the demo backoffice, and open it in Chromium with
// BuyerLens loaded (headed, persistent profile `.demo-profile/`). Without a display, print how to
// load the extension by hand and keep the demo running until Ctrl-C.
//
// Environment: DEMO_PORT (default 5178), SYNC_PORT (default 8787), CHROMIUM_PATH (default /usr/bin/chromium),
// SKIP_BUILD=1 to reuse .output/chrome-mv3 as it is, TEAMMATE=1 to open a second Chromium with its
// own profile (`.demo-profile-teammate/`) on the Team tab, to try a team on one computer.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3');
const PROFILE_DIR = join(ROOT, '.demo-profile');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DEMO_PORT = Number(process.env.DEMO_PORT ?? 5178);

const cleanups = [];
let stopping = false;

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch (err) {
      console.error(`  cleanup failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

function build() {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise() : reject(new Error(`wxt build exited with ${code}`))));
  });
}

/**
 * The team sync server (server/, PGlite in `.buyerlens-data/`), as its own process so a crash of
 * one never takes the other down. Create a workspace on it in the options page's Team tab
 * (server http://127.0.0.1:8787). A failure to start is reported and the demo goes on.
 */
function startSyncServer() {
  const port = Number(process.env.SYNC_PORT ?? 8787);
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts')], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const close = () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      });
    const timer = setTimeout(() => {
      console.warn(`Sync server: no answer after 20 s; going on without it.`);
      void close();
      resolvePromise(undefined);
    }, 20_000);
    child.stdout.on('data', (chunk) => {
      if (String(chunk).includes('sync server on')) {
        clearTimeout(timer);
        resolvePromise({ url: `http://127.0.0.1:${port}`, close });
      }
    });
    child.stderr.on('data', (chunk) => process.stderr.write(`[sync server] ${chunk}`));
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!stopping) console.warn(`Sync server exited (${code}); the demo goes on without it.`);
      resolvePromise(undefined);
    });
  });
}

async function main() {
  if (process.env.SKIP_BUILD === '1') {
    console.log('SKIP_BUILD=1: using .output/chrome-mv3 as it is.');
  } else {
    console.log('Building the extension (wxt build)…');
    await build();
  }
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`No built extension at ${EXTENSION_DIR}`);

  const { startDemo } = await import(pathToFileURL(join(ROOT, 'demo', 'server.mjs')).href);
  const demo = await startDemo({ port: DEMO_PORT, host: '127.0.0.1' });
  cleanups.push(() => demo.close());
  const ordersUrl = `${demo.url}/admin/orders`;
  console.log(`\nDemo backoffice: ${ordersUrl}`);
  console.log(`                 ${demo.url}/admin/chat`);

  const sync = await startSyncServer();
  if (sync) {
    cleanups.push(() => sync.close());
    console.log(`Sync server:     ${sync.url}`);
  }

  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const hasChromium = existsSync(CHROMIUM);
  if (hasDisplay && hasChromium) {
    await openChromium(PROFILE_DIR, [ordersUrl]);
    if (process.env.TEAMMATE === '1') {
      // A second person on the same computer: their own profile, so their own book and membership.
      await openChromium(`${PROFILE_DIR}-teammate`, [ordersUrl, 'chrome-extension://aengihfjjnocclibjcohcjjhkfjddmdn/options.html#team']);
    }
  } else {
    const why = !hasDisplay ? 'No display found (DISPLAY / WAYLAND_DISPLAY unset)' : `Chromium not found at ${CHROMIUM}`;
    console.log(`\n${why}, so no browser was started. To try BuyerLens by hand:`);
    console.log('  1. Open chrome://extensions in Chrome or Chromium and turn on "Developer mode".');
    console.log('  2. Click "Load unpacked" and choose this folder:');
    console.log(`       ${EXTENSION_DIR}`);
    console.log(`  3. Open ${ordersUrl}`);
  }
  console.log('\nPress Ctrl-C to stop.');
}

/** Chromium with BuyerLens loaded, headed, on a persistent profile, with these pages open. */
async function openChromium(profileDir, urls) {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: false,
    viewport: null,
    args: [
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
    ],
  });
  cleanups.push(() => context.close());
  context.on('close', () => {
    if (!stopping) console.log('\nChromium was closed. The demo keeps running; Ctrl-C to stop.');
  });
  for (const [i, url] of urls.entries()) {
    const page = (i === 0 ? context.pages()[0] : undefined) ?? (await context.newPage());
    await page.goto(url);
  }
  console.log(`\nChromium is open with BuyerLens loaded (profile: ${profileDir}).`);
}

main().catch(async (err) => {
  console.error(`\nnpm start failed: ${err instanceof Error ? err.message : String(err)}`);
  await stop(1);
});
