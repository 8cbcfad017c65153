/**
 * Walking skeleton, end to end: the built extension in Debian's Chromium against the demo
 * backoffice (demo/server.mjs). See harness.ts for how the browser is driven and ui.ts for the
 * UI contract these tests read.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import {
  EXTENSION_ID,
  ROOT,
  dumpDb,
  launchBrowser,
  makeUserDataDir,
  openPopupFor,
  pollUntil,
  removeDir,
  startDemo,
  watchPage,
  type Demo,
  type ExtensionBrowser,
  type PageProblems,
} from './harness.ts';
import {
  addTagOnRow,
  chipHostCounts,
  nicks,
  rowOf,
  rowStates,
  typeTag,
  waitForAnnotated,
  waitForChipOnBuyer,
  waitForProfile,
} from './ui.ts';

let demo: Demo;
let browser: ExtensionBrowser;
let opened: Array<{ page: Page; problems: PageProblems }> = [];

const at = (path: string) => new URL(path, demo.url).href;

async function open(path: string): Promise<{ page: Page; problems: PageProblems }> {
  const page = await browser.context.newPage();
  const problems = watchPage(page);
  opened.push({ page, problems });
  await page.goto(at(path));
  return { page, problems };
}

function expectNoPageErrors(problems: PageProblems, where: string): void {
  expect(problems.pageErrors, `uncaught page errors on ${where}`).toEqual([]);
}

/** Tags `nick` on the full order list (all orders on one page) unless already tagged. */
async function ensureTagged(nick: string, tag: string): Promise<void> {
  const { page } = await open('/admin/orders?per=5000');
  const rows = await waitForAnnotated(page);
  const mine = rows.filter((r) => r.nick === nick);
  if (mine.length === 0) throw new Error(`Buyer "${nick}" has no order on /admin/orders?per=5000 (${rows.length} rows)`);
  if (!mine.every((r) => r.chips.includes(tag))) {
    await addTagOnRow(page, rowOf(page, nick), tag);
    await waitForChipOnBuyer(page, nick, tag);
  }
  await page.close();
}

/** Opens the first conversation of the demo chat and returns its id and buyer nick. */
async function firstConversation(page: Page): Promise<{ id: string; nick: string }> {
  await page.goto(at('/admin/chat'));
  const link = page.locator('a.conversation[data-conversation-id]').first();
  await link.waitFor({ timeout: 10_000 });
  const id = (await link.getAttribute('data-conversation-id')) ?? '';
  await page.goto(at(`/admin/chat/${encodeURIComponent(id)}`));
  const name = page.locator('main.conversation header span.buyer-name[data-nick]');
  await name.waitFor({ timeout: 10_000 });
  const nick = (await name.getAttribute('data-nick')) ?? '';
  expect(id, 'conversation id').not.toBe('');
  expect(nick, 'conversation buyer nick').not.toBe('');
  return { id, nick };
}

/** `popup.notRecognised` from lib/i18n/en.ts if that module exists and has the key. */
async function notRecognisedText(): Promise<string | undefined> {
  const file = join(ROOT, 'lib', 'i18n', 'en.ts');
  if (!existsSync(file)) return undefined;
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const lookup = (obj: unknown): string | undefined => {
    if (!obj || typeof obj !== 'object') return undefined;
    const rec = obj as Record<string, unknown>;
    const flat = rec['popup.notRecognised'];
    if (typeof flat === 'string') return flat;
    const popup = rec['popup'];
    if (popup && typeof popup === 'object') {
      const nested = (popup as Record<string, unknown>)['notRecognised'];
      if (typeof nested === 'string') return nested;
    }
    return undefined;
  };
  for (const value of [mod, mod['default'], mod['en'], mod['messages'], ...Object.values(mod)]) {
    const found = lookup(value);
    if (found) return found;
  }
  return undefined;
}

beforeAll(async () => {
  demo = await startDemo({ orderCount: 360 });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

afterEach(async () => {
  for (const { page } of opened) await page.close().catch(() => {});
  opened = [];
});

describe('walking skeleton', () => {
  it('tags a buyer on the order list: "+" → type a new tag → Enter → chip on every row of that buyer', async () => {
    const { page, problems } = await open('/admin/orders?per=5000');
    const before = await waitForAnnotated(page);
    // The buyer with the most orders, so "every row of that buyer" means several rows.
    const nick = nicks(before, true)[0];
    if (!nick) throw new Error('no buyer nick on the order list');
    const tag = 'VIP客户';

    await addTagOnRow(page, rowOf(page, nick), tag);
    const after = await waitForChipOnBuyer(page, nick, tag);

    const others = after.filter((r) => r.nick !== nick && r.chips.includes(tag));
    expect(others.map((r) => `#${r.orderId} ${r.nick}`), `only "${nick}" was tagged "${tag}"`).toEqual([]);
    expectNoPageErrors(problems, page.url());
  });

  it('chat profile shows the tag; a note survives a reload and is rendered as literal text', async () => {
    const { page, problems } = await open('/admin/chat');
    const { id, nick } = await firstConversation(page);
    const tag = 'VIP客户';
    await ensureTagged(nick, tag);

    // How many orders the demo has for this buyer (all orders fit on one page with per=5000).
    const { page: list } = await open('/admin/orders?per=5000');
    const ordersOfBuyer = (await waitForAnnotated(list)).filter((r) => r.nick === nick).length;
    await list.close();

    await page.goto(at(`/admin/chat/${encodeURIComponent(id)}`));
    let profile = await waitForProfile(
      page,
      (p) => p.key.includes(nick) && p.chips.includes(tag),
      `buyer key containing "${nick}" and chip "${tag}"`,
    );
    expect(Number.parseInt(profile.orderCount.replace(/[^\d]/g, ''), 10), `order count shown for ${nick} ("${profile.orderCount}")`).toBe(
      ordersOfBuyer,
    );
    expect(profile.totalSpent, 'total spent is shown').not.toBe('');

    const note = `Prefers SF Express <b>bold</b> 周五回电 ${Date.now()}`;
    await page.locator('aside.chat-dock buyerlens-profile textarea[data-bl=note-input]').fill(note);
    await page.locator('aside.chat-dock buyerlens-profile button[data-bl=note-save]').click();
    profile = await waitForProfile(page, (p) => p.notes.some((n) => n.text === note), `a note with text ${JSON.stringify(note)}`);

    // The note is in the extension's database.
    const dump = await dumpDb(browser.worker);
    expect(JSON.stringify(dump.stores), 'the note text is stored in IndexedDB "buyerlens"').toContain(JSON.stringify(note).slice(1, -1));

    await page.reload();
    profile = await waitForProfile(
      page,
      (p) => p.chips.includes(tag) && p.notes.some((n) => n.text === note),
      `after reload: chip "${tag}" and the note`,
    );
    const shown = profile.notes.find((n) => n.text === note);
    // Literal text: the markup is escaped, no <b> element was created.
    expect(shown?.html, 'note rendered as text, not HTML').toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(
      await page.evaluate(() =>
        document.querySelector('aside.chat-dock buyerlens-profile')?.shadowRoot?.querySelectorAll('[data-bl=note-text] b').length ?? -1,
      ),
      'no <b> element inside note text',
    ).toBe(0);
    expectNoPageErrors(problems, page.url());
  });

  it('a second tab of the same shop sees a tag added in the first tab within about 1 s, without reload', async () => {
    const a = await open('/admin/orders');
    const b = await open('/admin/orders');
    const rowsA = await waitForAnnotated(a.page);
    await waitForAnnotated(b.page);
    const nick = nicks(rowsA)[1] ?? nicks(rowsA)[0];
    if (!nick) throw new Error('no buyer on the order list');
    const tag = '跨标签';

    await b.page.evaluate(() => {
      (window as unknown as { __blNoReload: boolean }).__blNoReload = true;
    });
    await a.page.bringToFront();
    await addTagOnRow(a.page, rowOf(a.page, nick), tag);
    await waitForChipOnBuyer(a.page, nick, tag);
    const t0 = Date.now();
    await waitForChipOnBuyer(b.page, nick, tag, 1_000);
    const elapsed = Date.now() - t0;
    expect(
      await b.page.evaluate(() => (window as unknown as { __blNoReload?: boolean }).__blNoReload === true),
      'tab B was not reloaded',
    ).toBe(true);
    expect(elapsed, 'ms from the chip in tab A to the chip in tab B').toBeLessThanOrEqual(1_000);
    expectNoPageErrors(a.problems, 'tab A');
    expectNoPageErrors(b.problems, 'tab B');
  });

  it('annotates rows rendered by client-side navigation (pagination, Orders → Chat → Orders)', async () => {
    const { page, problems } = await open('/admin/orders');
    const first = await waitForAnnotated(page);
    await page.evaluate(() => {
      (window as unknown as { __blNoReload: boolean }).__blNoReload = true;
    });
    const stillSamePage = () => page.evaluate(() => (window as unknown as { __blNoReload?: boolean }).__blNoReload === true);
    const firstId = first[0]?.orderId;

    await page.locator('nav.pagination a[data-page="2"]').click();
    await pollUntil(() => rowStates(page), (rows) => rows.length > 0 && rows[0]?.orderId !== firstId, {
      describe: (rows) => `page 2 did not render new rows (first row still #${rows?.[0]?.orderId ?? '?'})`,
    });
    const page2 = await waitForAnnotated(page);
    expect(await chipHostCounts(page), 'page 2: one <buyerlens-chips> per row').toEqual({ rows: page2.length, hosts: page2.length });
    expect(await stillSamePage(), 'pagination navigated client-side (no document reload)').toBe(true);

    await page.locator('a[data-nav][data-section="chat"]').click();
    await page.waitForURL(/\/admin\/chat/, { timeout: 10_000 });
    await page.locator('a.conversation[data-conversation-id]').first().waitFor({ timeout: 10_000 });
    expect(await stillSamePage(), 'Orders → Chat navigated client-side').toBe(true);

    await page.locator('a[data-nav][data-section="orders"]').click();
    await page.waitForURL(/\/admin\/orders/, { timeout: 10_000 });
    const back = await waitForAnnotated(page);
    expect(await chipHostCounts(page), 'back on Orders: one <buyerlens-chips> per row').toEqual({ rows: back.length, hosts: back.length });
    expect(await stillSamePage(), 'Chat → Orders navigated client-side').toBe(true);
    expectNoPageErrors(problems, page.url());
  });

  it('bulk: check 3 rows, "Tag N buyers" → "回购" → chip on all 3 buyers', async () => {
    const { page, problems } = await open('/admin/orders');
    const rows = await waitForAnnotated(page);
    const chosen = nicks(rows).slice(0, 3);
    expect(chosen.length, 'three different buyers on page 1').toBe(3);
    for (const nick of chosen) await rowOf(page, nick).locator('td.col-select input.row-select[type=checkbox]').check();

    const bulkTag = page.locator('[data-bl=bulk-bar] button[data-bl=bulk-tag]');
    await bulkTag.waitFor({ state: 'visible', timeout: 5_000 }).catch((err: unknown) => {
      throw new Error(`The bulk bar ([data-bl=bulk-bar] button[data-bl=bulk-tag]) did not show after checking 3 rows: ${String(err)}`);
    });
    // The bar follows the page's checkboxes as their change events arrive: wait for the third.
    await expect.poll(() => bulkTag.textContent(), { message: 'bulk button names the number of buyers', timeout: 5_000 }).toMatch(/\b3\b/);
    await bulkTag.click();
    await typeTag(page, '回购');
    for (const nick of chosen) await waitForChipOnBuyer(page, nick, '回购');
    const others = (await rowStates(page)).filter((r) => !chosen.includes(r.nick) && r.chips.includes('回购'));
    expect(others.map((r) => r.nick), 'buyers that were not selected are not tagged').toEqual([]);
    expectNoPageErrors(problems, page.url());
  });

  it('keeps tags across a browser restart (same user-data dir)', async () => {
    const dir = makeUserDataDir('buyerlens-restart-');
    const tag = '老客户';
    try {
      const first = await launchBrowser({ userDataDir: dir });
      let nick: string | undefined;
      try {
        const page = await first.context.newPage();
        await page.goto(at('/admin/orders'));
        const rows = await waitForAnnotated(page);
        nick = nicks(rows)[0];
        if (!nick) throw new Error('no buyer on the order list');
        await addTagOnRow(page, rowOf(page, nick), tag);
        await waitForChipOnBuyer(page, nick, tag);
      } finally {
        await first.close();
      }

      if (!nick) throw new Error('no buyer was tagged before the restart');
      const second = await launchBrowser({ userDataDir: dir });
      try {
        const page = await second.context.newPage();
        const problems = watchPage(page);
        await page.goto(at('/admin/orders'));
        await waitForChipOnBuyer(page, nick, tag);
        expectNoPageErrors(problems, 'after restart');
      } finally {
        await second.close();
      }
    } finally {
      removeDir(dir);
    }
  });

  it('on a page whose markup does not match: no errors, no chips, popup says not recognised', async () => {
    // A demo-like path on another port, rows of a different shape (no tr.order-row, no a.buyer-name).
    const odd = createServer((req, res) => {
      if (req.url?.startsWith('/admin/orders')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Orders</title></head><body>
<main><h1>Orders</h1><table class="orders-table"><tbody>
<tr class="line" data-id="1"><td><input type="checkbox"></td><td class="who">张三</td><td>¥120.00</td></tr>
<tr class="line" data-id="2"><td><input type="checkbox"></td><td class="who">李四</td><td>¥88.00</td></tr>
<tr><td colspan="3"><a class="buyer-name">no nick attribute</a></td></tr>
</tbody></table></main></body></html>`);
      } else {
        res.writeHead(204).end();
      }
    });
    await new Promise<void>((r) => odd.listen(0, '127.0.0.1', r));
    try {
      const port = (odd.address() as AddressInfo).port;
      const page = await browser.context.newPage();
      opened.push({ page, problems: watchPage(page) });
      const problems = opened[opened.length - 1]!.problems;
      await page.goto(`http://127.0.0.1:${port}/admin/orders`);
      await page.waitForLoadState('load');
      // Nothing should appear: give the content script time to (not) act.
      await page.waitForTimeout(1_500);
      expect(await page.locator('buyerlens-chips').count(), '<buyerlens-chips> on an unrecognised page').toBe(0);

      const popup = await openPopupFor(page);
      opened.push({ page: popup, problems: watchPage(popup) });
      const kind = popup.locator('[data-bl=popup-page-kind]');
      await kind.waitFor({ timeout: 10_000 });
      const kindText = ((await kind.textContent()) ?? '').trim();
      const countLoc = popup.locator('[data-bl=popup-count]');
      const countText = (await countLoc.count()) > 0 ? ((await countLoc.textContent()) ?? '').trim() : undefined;
      const expected = await notRecognisedText();
      const says = expected !== undefined && kindText.includes(expected);
      expect(
        says || countText === '0',
        `popup should say "${expected ?? 'popup.notRecognised (lib/i18n/en.ts not found)'}" or count 0; it shows kind "${kindText}", count "${countText ?? '(none)'}"`,
      ).toBe(true);
      if (countText !== undefined) expect(countText, 'popup count on an unrecognised page').toBe('0');
      expectNoPageErrors(problems, 'the unrecognised page');
    } finally {
      odd.closeAllConnections();
      await new Promise((r) => odd.close(r));
    }
  });

  it('popup counts the buyers recognised on the demo order list', async () => {
    const { page } = await open('/admin/orders');
    const rows = await waitForAnnotated(page);
    const distinct = nicks(rows).length;
    const popup = await openPopupFor(page);
    opened.push({ page: popup, problems: watchPage(popup) });
    const count = await pollUntil(
      async () => Number.parseInt(((await popup.locator('[data-bl=popup-count]').textContent({ timeout: 5_000 })) ?? '').replace(/[^\d]/g, ''), 10),
      (n) => n > 0,
      { describe: (n, err) => `popup count should be > 0 on ${page.url()}, saw ${String(n)}${err ? ` (${String(err)})` : ''}` },
    );
    expect(count, `buyers recognised (${distinct} distinct buyers, ${rows.length} rows on the page)`).toBeGreaterThanOrEqual(distinct);
    expect(count).toBeLessThanOrEqual(rows.length);
    expect(((await popup.locator('[data-bl=popup-page-kind]').textContent()) ?? '').trim(), 'page kind').not.toBe('');
  });

  it('the background rejects a malformed message and leaves the database unchanged', async () => {
    const page = await browser.context.newPage();
    opened.push({ page, problems: watchPage(page) });
    await page.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    await page.waitForLoadState('load');
    await page.waitForTimeout(500);
    const before = await dumpDb(page);

    const send = (message: unknown) =>
      page.evaluate((m) => {
        const c = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome;
        return c.runtime.sendMessage(m);
      }, message);
    // A known request (lib/rpc/protocol.ts names it `tag.create`) with malformed arguments.
    const reply = await send({ rpc: 'tag.create', args: { shopId: 42 } });
    expect(reply, 'reply to { rpc: "tag.create", args: { shopId: 42 } }').toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.any(String) },
    });
    expect((reply as { error: { message: string } }).error.message.length, 'error message is not empty').toBeGreaterThan(0);
    // An unknown request is refused too.
    expect(await send({ rpc: 'tags.create', args: { shopId: 42 } }), 'reply to an unknown rpc').toMatchObject({ ok: false });

    const after = await dumpDb(page);
    expect(after, 'database unchanged by the rejected message').toEqual(before);
  });
});
