/**
 * A team shares one customer book, end to end: two browser profiles (two Chromiums, each with the
 * built extension and its own IndexedDB) and the real sync server in its own process, over real
 * HTTP. The owner makes a workspace and invites a seller in the options page's Team tab; a tag
 * one of them adds on the order list appears on the other's open order list within seconds; the
 * service worker stopped in the middle of syncing loses nothing and picks up where it was.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  EXTENSION_ID,
  dumpDb,
  extensionWorker,
  killExtensionWorker,
  launchBrowser,
  makeUserDataDir,
  pollUntil,
  removeDir,
  startDemo,
  startSyncServer,
  watchPage,
  type Demo,
  type ExtensionBrowser,
  type PageProblems,
  type SyncServerProcess,
} from './harness.ts';
import { addTagOnRow, nicks, rowOf, waitForAnnotated, waitForChipOnBuyer } from './ui.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

let demo: Demo;
let server: SyncServerProcess;
/** Between the browsers and the server: it can hold a pull's reply (see `holdNextPull`). */
let proxy: SyncProxy;
let owner: ExtensionBrowser;
let seller: ExtensionBrowser;
/** The seller's profile folder outlives one browser: the third test closes and reopens it. */
let sellerDir: string;
let opened: Array<{ page: Page; problems: PageProblems }> = [];

const OPTIONS = `chrome-extension://${EXTENSION_ID}/options.html`;

async function open(browser: ExtensionBrowser, url: string) {
  const page = await browser.context.newPage();
  const problems = watchPage(page);
  opened.push({ page, problems });
  await page.goto(url);
  return { page, problems };
}

/** Ask the background from one of the extension's own pages (as the options page does). */
async function rpc<T = unknown>(page: Page, name: string, args: unknown): Promise<T> {
  const reply = (await page.evaluate(([rpc, a]) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ rpc, args: a }), [name, args] as const)) as
    | { ok: true; value: T }
    | { ok: false; error: { message: string } };
  if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
  return reply.value;
}

interface SyncProxy {
  url: string;
  /**
   * The first /v1/pull by the member with this token whose reply contains `text` is answered by
   * the server but the reply held: resolves when it is, with `release`.
   */
  holdPullWith(text: string, token: string): Promise<{ release: () => void }>;
  close(): Promise<void>;
}

/**
 * A transparent HTTP proxy to the sync server, so a test can stop the worker at a known moment of
 * a round: after the server answered a pull, before the extension has the reply.
 */
async function startProxy(target: () => string): Promise<SyncProxy> {
  let hold: { text: string; token: string; held: (release: () => void) => void } | undefined;
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k))) as Record<string, string>;
        try {
          const reply = await fetch(`${target()}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
          const body = Buffer.from(await reply.arrayBuffer());
          if (req.url === '/v1/pull' && hold && req.headers.authorization === `Bearer ${hold.token}` && body.toString('utf8').includes(hold.text)) {
            const { held } = hold;
            hold = undefined;
            await new Promise<void>((release) => held(release));
          }
          const out = Object.fromEntries([...reply.headers].filter(([k]) => !['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(k)));
          // One request per connection: a connection left over from a stopped worker is never reused.
          res.writeHead(reply.status, { ...out, connection: 'close' }).end(body);
        } catch {
          res.destroy();
        }
      })();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    holdPullWith: (text, token) => new Promise((arrived) => (hold = { text, token, held: (release) => arrived({ release }) })),
    close: () => new Promise((resolve) => http.close(() => resolve())),
  };
}

beforeAll(async () => {
  [demo, server] = await Promise.all([startDemo({ orderCount: 120 }), startSyncServer()]);
  proxy = await startProxy(() => server.url);
  owner = await launchBrowser();
  sellerDir = makeUserDataDir('buyerlens-seller-');
  seller = await launchBrowser({ userDataDir: sellerDir });
});

afterAll(async () => {
  await owner?.close();
  await seller?.close();
  if (sellerDir) removeDir(sellerDir);
  await proxy?.close();
  await server?.close();
  await demo?.close();
});

afterEach(async () => {
  for (const { page } of opened) await page.close().catch(() => {});
  opened = [];
});

describe('a team shares one customer book', () => {
  it('the owner creates a workspace and invites a seller; a tag made on one order list shows on the other within seconds', async () => {
    // The owner, in the options page's Team tab: create the workspace, invite a seller.
    const ownerOptions = await open(owner, `${OPTIONS}#team`);
    const o = ownerOptions.page;
    await o.locator('[data-bl="team-create-server"]').fill(proxy.url);
    await o.locator('[data-bl="team-create-workspace"]').fill('Blossom team');
    await o.locator('[data-bl="team-create-name"]').fill('Olga');
    await o.locator('[data-bl="team-create-submit"]').click();
    await expect.poll(() => o.locator('[data-bl="team-workspace"]').textContent(), { timeout: 10_000 }).toBe('Blossom team');
    await o.locator('[data-bl="team-invite-role-seller"]').check();
    await o.locator('[data-bl="team-invite-create"]').click();
    const link = o.locator('[data-bl="team-invite-link"]');
    await link.waitFor({ timeout: 10_000 });
    const invite = await link.inputValue();
    expect(invite.startsWith(`${proxy.url}/join#`)).toBe(true);

    // The seller pastes the link in their own browser's Team tab.
    const sellerOptions = await open(seller, `${OPTIONS}#team`);
    const sp = sellerOptions.page;
    await sp.locator('[data-bl="team-join-invite"]').fill(invite);
    await sp.locator('[data-bl="team-join-name"]').fill('Sam');
    await sp.locator('[data-bl="team-join-submit"]').click();
    await expect.poll(() => sp.locator('[data-bl="team-workspace"]').textContent(), { timeout: 10_000 }).toBe('Blossom team');
    expect(await sp.locator('[data-bl="team-you"]').textContent()).toMatch(/Sam.*Seller/);
    // A seller manages no members.
    expect(await sp.locator('[data-bl="team-invite"]').count()).toBe(0);

    // Both have the order list open.
    const ownerList = await open(owner, `${demo.url}/admin/orders?per=200`);
    const sellerList = await open(seller, `${demo.url}/admin/orders?per=200`);
    const rows = await waitForAnnotated(ownerList.page);
    await waitForAnnotated(sellerList.page);
    const [first, second] = nicks(rows, true);
    if (!first || !second) throw new Error('the demo order list has fewer than two buyers');

    const started = Date.now();
    await addTagOnRow(ownerList.page, rowOf(ownerList.page, first), 'Team VIP');
    await waitForChipOnBuyer(ownerList.page, first, 'Team VIP');
    // The seller did nothing: their open page follows the team.
    await waitForChipOnBuyer(sellerList.page, first, 'Team VIP', 15_000);
    const ownerToSeller = Date.now() - started;

    // And the other way round.
    await addTagOnRow(sellerList.page, rowOf(sellerList.page, second), '回头客');
    await waitForChipOnBuyer(ownerList.page, second, '回头客', 15_000);

    // The Team tab says so, and lists the seller.
    const status = await rpc<{ state: string; pending: number; workspaceName: string }>(ownerOptions.page, 'sync.now', {});
    expect(status).toMatchObject({ state: 'up-to-date', pending: 0, workspaceName: 'Blossom team' });
    await expect.poll(() => o.locator('[data-bl="team-card"] .sync-line').textContent(), { timeout: 10_000 }).toMatch(/^Up to date/);
    await expect.poll(() => o.locator('[data-bl="team-member"]').allTextContents(), { timeout: 10_000 }).toEqual(
      expect.arrayContaining([expect.stringMatching(/Sam.*Seller.*Active/)]),
    );
    console.log(`[team e2e] a tag reached the other profile's open page in ${ownerToSeller} ms`);
    for (const { problems } of opened) expect(problems.pageErrors).toEqual([]);
  });

  it('a worker stopped right after a write, and again between the server answering a pull and the worker reading it, loses nothing and syncs when it starts again', async () => {
    const sellerList = await open(seller, `${demo.url}/admin/orders?per=200`);
    const rows = await waitForAnnotated(sellerList.page);
    const nick = nicks(rows, true)[2];
    if (!nick) throw new Error('the demo order list has fewer than three buyers');

    // 1. Stopped before its debounced push could run: the write was committed, so it survives.
    await addTagOnRow(sellerList.page, rowOf(sellerList.page, nick), 'Survivor');
    await waitForChipOnBuyer(sellerList.page, nick, 'Survivor');
    await killExtensionWorker(seller.context);
    const ownerList = await open(owner, `${demo.url}/admin/orders?per=200`);
    await waitForAnnotated(ownerList.page);
    // Any event starts a fresh worker (here an extension page; the alarm would within a minute),
    // and it pushes at start from what the database holds.
    const sellerPage = (await open(seller, OPTIONS)).page;
    await waitForChipOnBuyer(ownerList.page, nick, 'Survivor', 20_000);

    // 2. Stopped in the middle of a pull: the server has answered it, the worker never gets the
    //    reply. The change is large: the owner tags every customer of the shop at once.
    const ownerOptions = await open(owner, `${OPTIONS}#customers`);
    const shops = await rpc<{ shopId: string }[]>(ownerOptions.page, 'shops.list', {});
    const shopId = shops[0]!.shopId;
    const tag = await rpc<{ id: string }>(ownerOptions.page, 'tag.create', { shopId, name: 'Everyone' });
    // The seller's pull that brings the new tag (whoever starts it: a poll or Sync now) is held
    // once the server has answered it, and the seller's worker is stopped right then.
    const { stores } = await dumpDb(sellerPage, ['meta']);
    const sellerToken = ((stores.meta as { key: string; value: { token?: string } }[]).find((m) => m.key === 'syncAccount')?.value.token)!;
    const held = proxy.holdPullWith(tag.id, sellerToken);
    const bulk = await rpc<{ changed: number }>(ownerOptions.page, 'customers.bulkTag', { shopId, filter: { query: '' }, tagId: tag.id, action: 'add' });
    expect(bulk.changed).toBeGreaterThan(20);
    await rpc(ownerOptions.page, 'sync.now', {});

    const sellerOptions = await open(seller, `${OPTIONS}#team`);
    const syncing = rpc(sellerOptions.page, 'sync.now', {}).catch(() => 'cut off');
    const { release } = await held;
    await killExtensionWorker(seller.context);
    release();
    await syncing;

    // The worker comes back (the page asks it), resumes from what the database holds, and converges.
    // (The database is read from the extension's own page: a handle on the stopped worker is stale.)
    const worker = sellerOptions.page;
    await pollUntil(
      async () => {
        await rpc(sellerOptions.page, 'sync.now', {}).catch(() => undefined);
        const { stores } = await dumpDb(worker, ['taggings']);
        return (stores.taggings as { tagId: string; deleted: boolean; addIds: string[] }[]).filter((t) => t.tagId === tag.id && !t.deleted && t.addIds.length).length;
      },
      (count) => count === bulk.changed,
      { timeoutMs: 30_000, describe: (last, err) => `the seller's taggings of "Everyone": ${String(last)} of ${bulk.changed} (${String(err ?? '')})` },
    );
    // Both books hold the same taggings, the seller's outbox is empty.
    const [mine, theirs] = await Promise.all([dumpDb(worker, ['taggings', 'outbox']), dumpDb(await extensionWorker(owner.context), ['taggings'])]);
    const live = (rows: unknown[]) =>
      (rows as { id: string; deleted: boolean; addIds: string[] }[])
        .filter((t) => !t.deleted && t.addIds.length)
        .map((t) => `${t.id}:${[...t.addIds].sort().join(',')}`)
        .sort();
    expect(live(mine.stores.taggings!)).toEqual(live(theirs.stores.taggings!));
    expect(mine.stores.outbox).toEqual([]);
  });

  it('work done while the server was down, with the browser closed meanwhile, reaches the team when both are back', async () => {
    // The server dies mid-work (SIGKILL: no clean shutdown of its storage).
    await server.stop('SIGKILL');
    const sellerList = await open(seller, `${demo.url}/admin/orders?per=200`);
    const rows = await waitForAnnotated(sellerList.page);
    const nick = nicks(rows, true)[3];
    if (!nick) throw new Error('the demo order list has fewer than four buyers');
    await addTagOnRow(sellerList.page, rowOf(sellerList.page, nick), 'Offline work');
    await waitForChipOnBuyer(sellerList.page, nick, 'Offline work');
    const sellerOptions = await open(seller, `${OPTIONS}#team`);
    const offline = await rpc<{ state: string; pending: number; error?: { code: string } }>(sellerOptions.page, 'sync.now', {});
    expect(offline).toMatchObject({ state: 'error', error: { code: 'offline' } });
    expect(offline.pending).toBeGreaterThan(0);
    // The person sees it, with a way to retry.
    const line = sellerOptions.page.locator('[data-bl="team-card"] .sync-line');
    await expect.poll(() => line.textContent(), { timeout: 10_000 }).toMatch(/Can.t sync/);
    expect(await line.locator('button').textContent()).toBe('Retry');

    // The seller closes the browser; the server comes back on the same storage; the seller opens the browser again.
    opened = opened.filter((o) => o.page.context() !== seller.context);
    await seller.close();
    await server.restart();
    seller = await launchBrowser({ userDataDir: sellerDir });
    const ownerList = await open(owner, `${demo.url}/admin/orders?per=200`);
    await waitForAnnotated(ownerList.page);
    // Nobody presses anything: the worker starts with the browser and sends what waited.
    await waitForChipOnBuyer(ownerList.page, nick, 'Offline work', 30_000);
    // Everything acknowledged before the kill is still on the server: the first test's tags too.
    const fresh = await open(seller, `${OPTIONS}#team`);
    const status = await rpc<{ state: string; pending: number }>(fresh.page, 'sync.now', {});
    expect(status).toMatchObject({ state: 'up-to-date', pending: 0 });
    const ownerOptions = await open(owner, `${OPTIONS}#team`);
    await rpc(ownerOptions.page, 'sync.now', {});
    const tagNames = async (b: ExtensionBrowser) =>
      ((await dumpDb(await extensionWorker(b.context), ['tags'])).stores.tags as { name: string; deleted: boolean }[]).filter((t) => !t.deleted).map((t) => t.name).sort();
    expect(await tagNames(owner)).toEqual(expect.arrayContaining(['Team VIP', '回头客', 'Survivor', 'Everyone', 'Offline work']));
    expect(await tagNames(seller)).toEqual(await tagNames(owner));
  });
});
