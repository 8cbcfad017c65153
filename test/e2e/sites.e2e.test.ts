/**
 * Real backoffices, end to end: each built-in site's fixture pages served under the site's
 * real host name and path over HTTPS (see sites-harness.ts), in Chromium with the built
 * extension and the sites enabled as a user would have enabled them. The shipped adapters,
 * host patterns and dynamic content-script registration run unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openPopupFor, pollUntil, ROOT, watchPage, type ExtensionBrowser } from './harness.ts';
import { hostFlags, launchWithGrants, startSiteServer, type SiteServer } from './sites-harness.ts';

interface SiteCase {
  readonly name: string;
  readonly host: string;
  readonly fixtures: string;
  readonly grant: string;
}

const SITES: Record<'woocommerce' | 'taobaoTrade' | 'taobaoChat' | 'shopify', SiteCase> = {
  woocommerce: { name: 'WooCommerce', host: 'shop.example.com', fixtures: 'woocommerce', grant: 'https://shop.example.com/*' },
  taobaoTrade: { name: 'Taobao', host: 'trade.taobao.com', fixtures: 'taobao', grant: 'https://trade.taobao.com/*' },
  taobaoChat: { name: 'Taobao', host: 'myseller.taobao.com', fixtures: 'taobao', grant: 'https://myseller.taobao.com/*' },
  shopify: { name: 'Shopify', host: 'admin.shopify.com', fixtures: 'shopify', grant: 'https://admin.shopify.com/*' },
};

const servers: Partial<Record<keyof typeof SITES, SiteServer>> = {};
let browser: ExtensionBrowser;

beforeAll(async () => {
  for (const [key, site] of Object.entries(SITES) as [keyof typeof SITES, SiteCase][]) {
    const pagesDir = join(ROOT, 'test/fixtures', site.fixtures, 'pages');
    const routes = JSON.parse(readFileSync(join(pagesDir, 'routes.json'), 'utf8')) as Record<string, string>;
    servers[key] = await startSiteServer({ host: site.host, https: true, pagesDir, routes });
  }
  const hosts = Object.values(SITES).map((s) => s.host);
  browser = await launchWithGrants(
    Object.values(SITES).map((s) => s.grant),
    { args: hostFlags(hosts) },
  );
  // The worker registers the content script for every granted site as it starts.
  await pollUntil(
    () => browser.worker.evaluate(() => (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<unknown[]> } } }).chrome.scripting.getRegisteredContentScripts()),
    (scripts) => scripts.length >= Object.keys(SITES).length,
    { timeoutMs: 10_000, describe: (s) => `content scripts registered for the granted sites: ${JSON.stringify(s)}` },
  );
}, 90_000);

afterAll(async () => {
  await browser?.close();
  for (const server of Object.values(servers)) await server?.close();
});

async function open(key: keyof typeof SITES, path: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(servers[key]!.origin + path);
  return page;
}

/** Rows the adapter reads show chips; count the chip hosts and what they sit in. */
async function chipHosts(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll('buyerlens-chips').length);
}

async function expectChips(page: Page, expected: number, where: string): Promise<void> {
  const n = await pollUntil(() => chipHosts(page), (c) => c === expected, {
    timeoutMs: 10_000,
    describe: (c) => `${where}: expected ${expected} <buyerlens-chips>, saw ${c}`,
  });
  expect(n).toBe(expected);
}

async function popupFacts(page: Page) {
  const popup = await openPopupFor(page);
  const facts = await pollUntil(
    () =>
      popup.evaluate(() => ({
        site: document.querySelector('[data-bl=popup-site]')?.textContent ?? '',
        kind: document.querySelector('[data-bl=popup-page-kind]')?.textContent ?? '',
        rows: document.querySelector('[data-bl=popup-rows]')?.textContent ?? '',
      })),
    (f) => f.kind !== '' && f.kind !== '…',
    { timeoutMs: 5_000, describe: (f) => `popup facts: ${JSON.stringify(f)}` },
  );
  await popup.close();
  return facts;
}

describe('WooCommerce admin (HPOS and legacy)', () => {
  it('annotates every readable order row, and the popup says how many it read', async () => {
    const page = await open('woocommerce', '/wp-admin/admin.php?page=wc-orders');
    const problems = watchPage(page);
    await expectChips(page, 19, 'HPOS order list');
    const facts = await popupFacts(page);
    expect(facts.site).toContain('WooCommerce');
    expect(facts.kind).toBe('Order list');
    expect(facts.rows).toBe('Read 19 of 20 rows');
    expect(problems.pageErrors).toEqual([]);
  });

  it('the legacy list and an order edit page', async () => {
    const legacy = await open('woocommerce', '/wp-admin/edit.php?post_type=shop_order');
    await expectChips(legacy, 8, 'legacy order list');
    const edit = await open('woocommerce', '/wp-admin/admin.php?page=wc-orders&action=edit&id=1276');
    await expectChips(edit, 1, 'HPOS order edit page');
  });

  it('does nothing on a wp-admin page that is not about orders', async () => {
    const page = await open('woocommerce', '/wp-admin/index.php');
    await page.waitForTimeout(800);
    expect(await chipHosts(page)).toBe(0);
  });
});

describe('Taobao/Tmall seller center', () => {
  it('annotates the sold-items list by CSS-module prefixes', async () => {
    const page = await open('taobaoTrade', '/trade/itemlist/list_sold_items.htm');
    await expectChips(page, 10, '已卖出的宝贝');
    const facts = await popupFacts(page);
    expect(facts.site).toContain('Taobao');
  });

  it('docks the profile beside the workbench chat when the buyer is on the page', async () => {
    const page = await open('taobaoChat', '/home.htm/app-customer-service/workbench');
    const name = await pollUntil(
      () => page.evaluate(() => document.querySelector('buyerlens-profile')?.shadowRoot?.querySelector('[data-bl=profile-name]')?.textContent ?? ''),
      (n) => n !== '',
      { timeoutMs: 10_000, describe: (n) => `profile name beside the workbench chat: "${n}"` },
    );
    expect(name).toBe('小鱼儿爱吃鱼');
  });

  it('offers a search box to pick the buyer where the workbench markup does not say', async () => {
    // Buyers seen on the sold-items list are searchable.
    const list = await open('taobaoTrade', '/trade/itemlist/list_sold_items.htm');
    await expectChips(list, 10, '已卖出的宝贝');
    const nick = await list.evaluate(() => document.querySelector('a[class*="buyer-mod__name___"]')?.textContent?.trim() ?? '');
    const page = await open('taobaoChat', '/home.htm/qn-customer-service/reception');
    const search = page.locator('buyerlens-profile [data-bl=buyer-search]');
    await search.waitFor({ timeout: 10_000 });
    await search.fill(nick.slice(0, 2));
    await page.locator('buyerlens-profile [data-bl=buyer-hit]').first().click();
    const name = await pollUntil(
      () => page.evaluate(() => document.querySelector('buyerlens-profile')?.shadowRoot?.querySelector('[data-bl=profile-name]')?.textContent ?? ''),
      (n) => n !== '',
      { timeoutMs: 5_000, describe: (n) => `profile after picking a buyer: "${n}"` },
    );
    expect(name.length).toBeGreaterThan(0);
    // The agent can change a buyer picked by hand.
    await page.locator('buyerlens-profile [data-bl=buyer-repick]').click();
    await page.locator('buyerlens-profile [data-bl=buyer-search]').waitFor({ timeout: 5_000 });
  });
});

describe('Shopify admin', () => {
  it('annotates the order list found by its accessible structure, in English and Chinese', async () => {
    const en = await open('shopify', '/store/blossom-teas/orders');
    const enRows = await en.evaluate(() => document.querySelectorAll('tbody tr, [role=row]').length);
    await pollUntil(() => chipHosts(en), (c) => c > 0, { timeoutMs: 10_000, describe: (c) => `Shopify list chips: ${c}` });
    expect(await chipHosts(en)).toBeLessThanOrEqual(enRows);
    const zh = await open('shopify', '/store/huakai-tea/orders');
    await pollUntil(() => chipHosts(zh), (c) => c > 0, { timeoutMs: 10_000, describe: (c) => `Shopify (Chinese headers) chips: ${c}` });
  });

  it('a customer page shows the customer’s chips beside the name', async () => {
    const page = await open('shopify', '/store/blossom-teas/customers/7001');
    await expectChips(page, 1, 'Shopify customer page');
    expect(await page.evaluate(() => document.querySelector('main h1 + buyerlens-chips') !== null)).toBe(true);
  });

  it('an order page shows the buyer’s chips', async () => {
    const page = await open('shopify', '/store/blossom-teas/orders/5551234567890');
    await expectChips(page, 1, 'Shopify order detail');
  });
});

describe('Teach this page (an admin no adapter knows)', () => {
  it('proposes the buyer cell on every row from one click, saves the recipe, and annotates the page from then on', async () => {
    const pagesDir = join(ROOT, 'test/fixtures/recipe');
    const server = await startSiteServer({ host: 'admin.unknown.test', https: true, pagesDir, routes: { '/orders': 'plain-table.html' } });
    const taught = await launchWithGrants(['https://admin.unknown.test/*'], { args: hostFlags(['admin.unknown.test']) });
    try {
      const page = await taught.context.newPage();
      const problems = watchPage(page);
      await page.goto(`${server.origin}/orders`);
      await page.waitForTimeout(500);
      expect(await chipHosts(page), 'nothing is annotated before teaching').toBe(0);

      // The popup does not know the page and offers to teach it.
      const popup = await openPopupFor(page);
      const teach = popup.locator('[data-bl=popup-teach]');
      await teach.waitFor({ timeout: 5_000 });
      await teach.click();
      await page.bringToFront();

      const panel = page.locator('buyerlens-teach [data-bl=teach-panel]');
      await panel.waitFor({ timeout: 5_000 });
      await page.locator('#orders a.buyer').nth(3).click();
      const count = page.locator('buyerlens-teach [data-bl=teach-count]');
      await expect.poll(() => count.textContent(), { timeout: 5_000 }).toContain('20');
      await page.locator('buyerlens-teach [data-bl=teach-save]').click();

      // Saving reloads the page; the content script now reads it like a built-in site.
      await expectChips(page, 20, 'taught page after saving the recipe');
      const recipes = await taught.worker.evaluate(() =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('buyerlens');
          open.onsuccess = () => {
            const count = open.result.transaction('recipes').objectStore('recipes').count();
            count.onsuccess = () => resolve(count.result);
          };
        }),
      );
      expect(recipes).toBe(1);
      expect(problems.pageErrors).toEqual([]);
    } finally {
      await taught.close();
      await server.close();
    }
  });
});
