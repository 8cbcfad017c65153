/**
 * Real-browser harness: Debian's Chromium driven by playwright-core, with the built extension
 * (`.output/chrome-mv3/`, built by `npm test` before the e2e step) loaded unpacked.
 *
 * Used by test/e2e/*.e2e.test.ts and by bench/*.ts. Nothing here depends on vitest.
 *
 * Facts this relies on (see /work/shared/RECIPES.md):
 * - `--disable-extensions-except` AND `--load-extension` are both needed;
 * - `headless: true` works with extensions in Chromium (not in branded Chrome 137+);
 * - the manifest pins a `key`, so the id is always EXTENSION_ID;
 * - Playwright's CSS locators pierce OPEN shadow roots only: the harness turns on the extension's
 *   test hook `buyerlens:inspectableUi` in chrome.storage.local before any page is opened.
 */
import { chromium } from 'playwright-core';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROME_DIR = join(ROOT, '.output', 'chrome-mv3');
export const EXTENSION_ID = 'aengihfjjnocclibjcohcjjhkfjddmdn';
export const INSPECTABLE_UI_KEY = 'buyerlens:inspectableUi';
export const DB_NAME = 'buyerlens';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // The UI strings the tests read are the English ones.
  '--lang=en-US',
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** A fresh, empty user-data dir under the OS tmp dir. */
export function makeUserDataDir(prefix = 'buyerlens-e2e-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 200 });
}

export interface LaunchOptions {
  /**
   * Reuse this user-data dir (e.g. to relaunch after a "browser restart"). When given, close()
   * leaves it in place unless `removeUserDataDirOnClose` is true; when omitted, a fresh tmp dir
   * is made and close() removes it.
   */
  userDataDir?: string;
  removeUserDataDirOnClose?: boolean;
  /** Unpacked extension folder; default $BUYERLENS_EXTENSION_DIR, else `.output/chrome-mv3`. */
  extensionDir?: string;
  /** Default true. `npm start` launches headed. */
  headless?: boolean;
  /** Default true: open the content UI's shadow roots so CSS locators reach inside. */
  inspectableUi?: boolean;
  /** Extra Chromium flags (e.g. --host-resolver-rules=...). */
  args?: string[];
  /** How long to wait for the extension's service worker; default 20 s. */
  workerTimeoutMs?: number;
}

export interface PlainBrowser {
  context: BrowserContext;
  userDataDir: string;
  close(): Promise<void>;
}

export interface ExtensionBrowser extends PlainBrowser {
  /** The extension's service worker as seen at launch (see `extensionWorker` for later use). */
  worker: Worker;
  extensionId: string;
}

function checkChromium(): string {
  const exe = chromiumPath();
  if (!existsSync(exe)) {
    throw new Error(
      `Chromium not found at ${exe}. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  return exe;
}

function closer(context: BrowserContext, userDataDir: string, remove: boolean): () => Promise<void> {
  let closed = false;
  return async () => {
    if (closed) return;
    closed = true;
    await context.close().catch(() => {});
    if (remove) removeDir(userDataDir);
  };
}

/** Chromium with NO extension: the baseline for benchmarks. */
export async function launchPlainBrowser(opts: Omit<LaunchOptions, 'extensionDir' | 'inspectableUi'> = {}): Promise<PlainBrowser> {
  const executablePath = checkChromium();
  const userDataDir = opts.userDataDir ?? makeUserDataDir();
  const remove = opts.userDataDir === undefined || opts.removeUserDataDirOnClose === true;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: opts.headless ?? true,
    args: [...CHROMIUM_FLAGS, ...(opts.args ?? [])],
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
  });
  return { context, userDataDir, close: closer(context, userDataDir, remove) };
}

/**
 * Chromium with the built extension loaded. Waits for the service worker, checks the id, and
 * (by default) sets the inspectable-UI key before returning, i.e. before any page is opened.
 */
export async function launchBrowser(opts: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const executablePath = checkChromium();
  const extensionDir = resolve(opts.extensionDir ?? process.env.BUYERLENS_EXTENSION_DIR ?? CHROME_DIR);
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir} (manifest.json missing). Run \`npx wxt build\` first.`);
  }
  checkManifest(extensionDir);
  const userDataDir = opts.userDataDir ?? makeUserDataDir();
  const remove = opts.userDataDir === undefined || opts.removeUserDataDirOnClose === true;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: opts.headless ?? true,
    args: [
      ...CHROMIUM_FLAGS,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...(opts.args ?? []),
    ],
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
  });
  const close = closer(context, userDataDir, remove);
  try {
    const worker = await extensionWorker(context, opts.workerTimeoutMs ?? 20_000);
    const extensionId = new URL(worker.url()).host;
    if (extensionId !== EXTENSION_ID) {
      throw new Error(
        `Extension id is ${extensionId}, expected ${EXTENSION_ID}: is the manifest \`key\` missing from the build?`,
      );
    }
    if (opts.inspectableUi ?? true) await setInspectableUi(worker, true);
    return { context, worker, extensionId, userDataDir, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * Chromium refuses an unpacked extension silently (as far as Playwright can see): catch the
 * usual reasons before launching, so the test says why instead of timing out on the worker.
 */
function checkManifest(extensionDir: string): void {
  const file = join(extensionDir, 'manifest.json');
  let manifest: { default_locale?: string; background?: { service_worker?: string } };
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as typeof manifest;
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${String(err)}`);
  }
  const locale = manifest.default_locale;
  if (locale && !existsSync(join(extensionDir, '_locales', locale, 'messages.json'))) {
    throw new Error(
      `${file} sets default_locale "${locale}" but ${join(extensionDir, '_locales', locale, 'messages.json')} is missing: Chromium will not load the extension.`,
    );
  }
  const sw = manifest.background?.service_worker;
  if (!sw || !existsSync(join(extensionDir, sw))) {
    throw new Error(`${file} has no background.service_worker file (${String(sw)}): the harness needs the worker.`);
  }
}

/**
 * The extension's live service worker. MV3 workers may be stopped by Chromium when idle; if
 * none is running, an extension page is opened briefly to wake it.
 */
export async function extensionWorker(context: BrowserContext, timeoutMs = 20_000): Promise<Worker> {
  const prefix = `chrome-extension://`;
  const find = () => context.serviceWorkers().find((w) => w.url().startsWith(prefix));
  const existing = find();
  if (existing) return existing;
  const waiting = context.waitForEvent('serviceworker', {
    timeout: timeoutMs,
    predicate: (w) => w.url().startsWith(prefix),
  });
  // At launch the worker starts on its own; later, an extension page wakes it.
  const poke = setTimeout(() => {
    void (async () => {
      if (find()) return;
      const page = await context.newPage().catch(() => undefined);
      await page?.goto(`chrome-extension://${EXTENSION_ID}/popup.html`).catch(() => {});
      await page?.waitForTimeout(500).catch(() => {});
      await page?.close().catch(() => {});
    })();
  }, 2_000);
  try {
    return await waiting.catch((err: unknown) => {
      const again = find();
      if (again) return again;
      throw new Error(
        `The extension's service worker did not start within ${timeoutMs} ms (does .output/chrome-mv3/background.js load?): ${String(err)}`,
      );
    });
  } finally {
    clearTimeout(poke);
  }
}

/** Sets/clears `buyerlens:inspectableUi` in chrome.storage.local from the worker. */
export async function setInspectableUi(worker: Worker, on: boolean): Promise<void> {
  await setExtensionStorage(worker, { [INSPECTABLE_UI_KEY]: on });
}

/** Write keys into the extension's storage.local, as the options page would. */
export async function setExtensionStorage(worker: Worker, items: Record<string, unknown>): Promise<void> {
  await worker.evaluate(async (values) => {
    const c = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome;
    await c.storage.local.set(values);
  }, items);
}

// ---------------------------------------------------------------------------------------------
// Demo server

export interface Demo {
  url: string;
  port: number;
  close(): Promise<void> | void;
}
export interface DemoOptions {
  port?: number;
  host?: string;
  orderCount?: number;
}
type DemoModule = { startDemo(opts?: DemoOptions): Promise<Demo> };

/** Starts `demo/server.mjs` (imported at run time so this file type-checks without it). */
export async function startDemo(opts: DemoOptions = {}): Promise<Demo> {
  const file = join(ROOT, 'demo', 'server.mjs');
  if (!existsSync(file)) throw new Error(`Demo server missing: ${file}`);
  const mod = (await import(pathToFileURL(file).href)) as DemoModule;
  if (typeof mod.startDemo !== 'function') throw new Error(`${file} does not export startDemo()`);
  return mod.startDemo({ host: '127.0.0.1', port: 0, ...opts });
}

// ---------------------------------------------------------------------------------------------
// Popup

/**
 * Opens the popup page as a tab and makes it describe `target`.
 *
 * How the popup finds "this tab": it reads `tabs.query({active: true, lastFocusedWindow: true})`
 * when it loads. Opened as a tab (tests), the popup is itself the active tab at first load, so
 * the harness brings `target` to the front and RELOADS the popup, which now runs in a background
 * tab of the same window and sees `target` as the active tab. Verified on Chromium 156 headless:
 * all pages of a persistent context share one window, `page.bringToFront()` activates the tab
 * (and fires tabs.onActivated), and a background tab's popup page renders normally.
 *
 * The popup should still guard against seeing itself (an own `chrome-extension://` URL) as the
 * active tab; `checkPopupTarget` fails the test with a clear message if that happens.
 */
export async function openPopupFor(target: Page): Promise<Page> {
  const context = target.context();
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
  await target.bringToFront();
  await popup.reload();
  await popup.waitForLoadState('domcontentloaded');
  return popup;
}

/** The tab id Chromium gives `page` (via the worker's tabs API), or undefined. */
export async function tabIdOf(worker: Worker, page: Page): Promise<number | undefined> {
  const url = page.url();
  return worker.evaluate(async (u) => {
    const c = (globalThis as unknown as {
      chrome: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } };
    }).chrome;
    const tabs = await c.tabs.query({});
    return tabs.find((t) => t.url === u)?.id;
  }, url);
}

// ---------------------------------------------------------------------------------------------
// Database (extension origin). Works from the worker or from any extension page.

type Evaluator = Worker | Page;

export interface DbDump {
  exists: boolean;
  version: number;
  stores: Record<string, unknown[]>;
}

/** All rows of one object store of the `buyerlens` IndexedDB (throws if the store is missing). */
export async function readDb<T = unknown>(target: Evaluator, storeName: string): Promise<T[]> {
  const dump = await dumpDb(target, [storeName]);
  if (!dump.exists) throw new Error(`IndexedDB "${DB_NAME}" does not exist yet in the extension origin`);
  const rows = dump.stores[storeName];
  if (!rows) throw new Error(`No object store "${storeName}" in "${DB_NAME}" (stores: ${Object.keys(dump.stores).join(', ')})`);
  return rows as T[];
}

/** Every store (or only `storeNames`) of the database. Never creates the database. */
export async function dumpDb(target: Evaluator, storeNames?: string[]): Promise<DbDump> {
  const fn = async ([name, only]: readonly [string, string[] | null]): Promise<DbDump> => {
    const known = await indexedDB.databases();
    if (!known.some((d) => d.name === name)) return { exists: false, version: 0, stores: {} };
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
      req.onblocked = () => rej(new Error('indexedDB.open blocked'));
    });
    try {
      const all = Array.from(db.objectStoreNames);
      const wanted = only ? all.filter((s) => only.includes(s)) : all;
      const stores: Record<string, unknown[]> = {};
      if (wanted.length > 0) {
        const tx = db.transaction(wanted, 'readonly');
        await Promise.all(
          wanted.map(
            (s) =>
              new Promise<void>((res, rej) => {
                const req = tx.objectStore(s).getAll();
                req.onsuccess = () => {
                  stores[s] = req.result as unknown[];
                  res();
                };
                req.onerror = () => rej(req.error);
              }),
          ),
        );
      }
      return { exists: true, version: db.version, stores };
    } finally {
      db.close();
    }
  };
  const arg = [DB_NAME, storeNames ?? null] as const;
  // Worker and Page have the same evaluate shape; TypeScript cannot unify the overloads.
  return 'mainFrame' in target ? target.evaluate(fn, arg) : target.evaluate(fn, arg);
}

// ---------------------------------------------------------------------------------------------
// Small utilities

export interface PageProblems {
  pageErrors: string[];
  consoleErrors: string[];
}

/** Collects uncaught page errors and console errors of a page from now on. */
export function watchPage(page: Page): PageProblems {
  const problems: PageProblems = { pageErrors: [], consoleErrors: [] };
  page.on('pageerror', (err) => problems.pageErrors.push(`${err.name}: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.consoleErrors.push(msg.text());
  });
  return problems;
}

/**
 * Polls `read` until `ok(value)` or the deadline; returns the value, or throws an Error with
 * `describe(lastValue)` so a failing test says what it saw.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  opts: { timeoutMs?: number; intervalMs?: number; describe: (last: T | undefined, err?: unknown) => string },
): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  let last: T | undefined;
  let lastErr: unknown;
  for (;;) {
    try {
      last = await read();
      lastErr = undefined;
      if (ok(last)) return last;
    } catch (err) {
      lastErr = err;
    }
    if (Date.now() >= deadline) throw new Error(opts.describe(last, lastErr));
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 50));
  }
}

/** A CSS attribute-value string literal. */
export function cssString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

// ---------------------------------------------------------------------------------------------
// Team sync server

export interface SyncServerProcess {
  url: string;
  port: number;
  /** The server's PGlite folder (kept across restarts, removed by close()). */
  dataDir: string;
  /** Stop it (SIGTERM, or SIGKILL to stop it dead) and wait for the process to exit. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Start it again on the same port and storage. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * The real sync server (`server/main.ts`) in its own process, PGlite in a fresh tmp folder, on a
 * free port: what `npm start` runs, so the extension talks to it over real HTTP.
 */
export async function startSyncServer(): Promise<SyncServerProcess> {
  const { spawn } = await import('node:child_process');
  const port = await freePort();
  const dataDir = makeUserDataDir('buyerlens-sync-');
  let child: import('node:child_process').ChildProcess | undefined;
  const start = () =>
    new Promise<void>((ready, reject) => {
      const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts')], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port), BUYERLENS_DATA: dataDir, DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      let log = '';
      const timer = setTimeout(() => reject(new Error(`sync server did not start in 30 s:\n${log}`)), 30_000);
      proc.stdout!.on('data', (chunk) => {
        log += String(chunk);
        if (log.includes('sync server on')) {
          clearTimeout(timer);
          ready();
        }
      });
      proc.stderr!.on('data', (chunk) => (log += String(chunk)));
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`sync server exited (${code}) before it was ready:\n${log}`));
      });
    });
  const stop = (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') =>
    new Promise<void>((done) => {
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return done();
      proc.once('exit', () => done());
      proc.kill(signal);
    });
  await start();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    stop,
    restart: start,
    async close() {
      await stop();
      removeDir(dataDir);
    },
  };
}

/**
 * Stop the extension's service worker, as Chrome does when it likes (DevTools protocol). The next
 * event or extension page starts a fresh one.
 */
export async function killExtensionWorker(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${EXTENSION_ID}/`));
    if (!worker) throw new Error('no extension service worker is running');
    // Stopped at once, even with a request in flight (closing its target waits for the worker).
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
  } finally {
    await cdp.detach().catch(() => {});
  }
}
