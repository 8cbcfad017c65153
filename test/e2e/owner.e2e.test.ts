/**
 * An owner's afternoon, end to end in the built extension: import a Shopify orders export
 * through the options page, see the customers with their figures, build a segment, tag everyone
 * it matches, export it, and read the CSV back. The expected figures are computed here from the
 * file itself, independently of the extension.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { dumpDb, launchBrowser, pollUntil, readDb, watchPage, type ExtensionBrowser, type PageProblems } from './harness.ts';

declare const chrome: { runtime: { sendMessage: (message: unknown) => Promise<unknown> } };

interface Buyer {
  name: string;
  email: string;
  /** Counted (paid) order totals in dollars; a refunded and a pending order are added for some. */
  paid: number[];
  refunded?: number;
  pending?: number;
}

// Twelve buyers; two have a refunded or pending order that must not count.
const BUYERS: Buyer[] = [
  { name: 'Ada Lovelace', email: 'ada@example.com', paid: [120, 250.5, 99] },
  { name: 'Grace Hopper', email: 'grace@example.com', paid: [310] },
  { name: 'Alan Turing', email: 'alan@example.com', paid: [45, 60], refunded: 500 },
  { name: '张三', email: 'zhangsan@example.cn', paid: [88, 128, 256, 64] },
  { name: '李小龙', email: 'bruce@example.cn', paid: [299.99] },
  { name: 'Emma Wilson', email: 'emma@example.com', paid: [15, 15, 15], pending: 900 },
  { name: 'Linus Torvalds', email: 'linus@example.com', paid: [1000] },
  { name: 'Margaret Hamilton', email: 'margaret@example.com', paid: [150, 150] },
  { name: '王芳', email: 'wangfang@example.cn', paid: [20] },
  { name: 'Katherine Johnson', email: 'kj@example.com', paid: [300] },
  { name: 'Dennis Ritchie', email: 'dmr@example.com', paid: [75, 80, 90, 60] },
  { name: '=cmd|calc', email: 'formula@example.com', paid: [400] },
];
const THRESHOLD = 300;

function spent(b: Buyer): number {
  return b.paid.reduce((s, x) => s + x, 0);
}

/** A Shopify "Export orders" file: one row per line item, order fields on the first row only. */
function shopifyCsv(): string {
  const header = [
    'Name', 'Email', 'Financial Status', 'Paid at', 'Fulfillment Status', 'Fulfilled at', 'Currency', 'Subtotal', 'Total',
    'Created at', 'Lineitem quantity', 'Lineitem name', 'Lineitem price', 'Lineitem sku', 'Billing Name', 'Billing Phone',
    'Cancelled at', 'Refunded Amount', 'Tags',
  ];
  const rows: string[][] = [header];
  let n = 1001;
  let day = 1;
  const add = (b: Buyer, total: number, status: 'paid' | 'refunded' | 'pending') => {
    const created = `2026-${String(1 + (day % 10)).padStart(2, '0')}-${String(1 + (day % 27)).padStart(2, '0')} 09:50:26 +0200`;
    day += 3;
    const first = [
      `#${n++}`, b.email, status, status === 'pending' ? '' : created, 'fulfilled', created, 'USD', total.toFixed(2), total.toFixed(2),
      created, '1', 'Linen Tote Bag', (total - 5).toFixed(2), 'TOTE-1', b.name, '', '', status === 'refunded' ? total.toFixed(2) : '0.00', '',
    ];
    // A second line item on its own row: only the item columns are filled, as Shopify does.
    const second = header.map((h) => (h === 'Name' ? first[0]! : h === 'Email' ? b.email : h === 'Lineitem quantity' ? '1' : h === 'Lineitem name' ? 'Gift wrap' : h === 'Lineitem price' ? '5.00' : ''));
    rows.push(first, second);
  };
  for (const b of BUYERS) {
    for (const total of b.paid) add(b, total, 'paid');
    if (b.refunded) add(b, b.refunded, 'refunded');
    if (b.pending) add(b, b.pending, 'pending');
  }
  return Papa.unparse(rows, { newline: '\r\n' });
}

/** JSON with keys in one order: a restored record is the same data whatever order its keys were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

let browser: ExtensionBrowser;
let page: Page;
let problems: PageProblems;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'buyerlens-owner-'));
  browser = await launchBrowser();
  page = await browser.context.newPage();
  problems = watchPage(page);
  await page.goto(`chrome-extension://${browser.extensionId}/options.html#import`);
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const bl = (name: string) => `[data-bl="${name}"]`;

describe('an owner imports, segments, tags and exports', () => {
  it('imports a Shopify orders export into a new shop and shows every buyer with the counted figures', async () => {
    await page.locator(bl('import-file')).setInputFiles({ name: 'orders_export.csv', mimeType: 'text/csv', buffer: Buffer.from(shopifyCsv()) });
    await expect.poll(() => page.locator(bl('import-format')).getAttribute('data-format')).toBe('shopify-orders');
    await page.locator(bl('import-shop-new')).check();
    await page.locator(bl('import-platform')).selectOption('shopify');
    await page.locator(bl('import-shop-name')).fill('Owner E2E Shop');
    await page.locator(bl('import-start')).click();
    await page.locator(bl('import-summary')).waitFor({ timeout: 20_000 });
    expect(await page.locator(bl('import-summary-customers')).textContent()).toContain(String(BUYERS.length));

    // What the database holds is the file: one customer per buyer, every order, keyed by email.
    const customers = await readDb<{ keys: string[]; shopId: string; deleted: boolean }>(browser.worker, 'customers');
    const ours = customers.filter((c) => c.shopId === 'shopify:Owner E2E Shop' && !c.deleted);
    expect(ours.map((c) => c.keys[0]).sort()).toEqual(BUYERS.map((b) => `email:${b.email}`).sort());
    const orders = await readDb<{ shopId: string }>(browser.worker, 'orders');
    const orderCount = BUYERS.reduce((s, b) => s + b.paid.length + (b.refunded ? 1 : 0) + (b.pending ? 1 : 0), 0);
    expect(orders.filter((o) => o.shopId === 'shopify:Owner E2E Shop')).toHaveLength(orderCount);

    await page.locator(bl('tab-customers')).click();
    await expect.poll(() => page.locator(bl('customer-row')).count(), { timeout: 10_000 }).toBe(BUYERS.length);
    // Sorted by amount spent by default: the top row is the biggest counted spender, refunds and
    // pending orders left out (Emma's 900 pending and Alan's 500 refund do not count).
    const top = [...BUYERS].sort((a, b) => spent(b) - spent(a))[0]!;
    const firstRow = page.locator(bl('customer-row')).first();
    expect(await firstRow.textContent()).toContain(top.name);
    expect(await firstRow.textContent()).toContain('1,000');
    // Page text is rendered as text: the formula-looking name is a name, not markup or a formula.
    expect(await page.locator(bl('customer-row'), { hasText: '=cmd|calc' }).count()).toBe(1);
  });

  it('counts a segment as it is typed, tags everyone it matches, and exports them as CSV', async () => {
    const matched = BUYERS.filter((b) => spent(b) >= THRESHOLD);
    await page.locator(bl('segment-input')).fill(`amount_spent >= ${THRESHOLD}`);
    await expect.poll(() => page.locator(bl('segment-count')).textContent(), { timeout: 10_000 }).toMatch(
      new RegExp(`^${matched.length}\\D+${BUYERS.length}\\D`),
    );
    await expect.poll(() => page.locator(bl('customer-row')).count()).toBe(matched.length);

    await page.locator(bl('bulk-tag')).click();
    await page.locator(bl('bulk-tag-name')).fill('big spender');
    await page.locator(bl('bulk-tag-next')).click();
    await page.locator(bl('bulk-tag-confirm')).click();
    await expect.poll(() => page.locator(bl('bulk-status')).textContent()).toContain('big spender');

    // Exactly the matched buyers carry the tag, in the database the team would sync.
    const tags = await readDb<{ id: string; name: string; shopId: string }>(browser.worker, 'tags');
    const tag = tags.find((t) => t.name === 'big spender' && t.shopId === 'shopify:Owner E2E Shop');
    expect(tag).toBeDefined();
    const customers = await readDb<{ id: string; keys: string[] }>(browser.worker, 'customers');
    const keyOf = new Map(customers.map((c) => [c.id, c.keys[0]]));
    const taggings = await pollUntil(
      () => readDb<{ tagId: string; customerId: string; addIds: string[] }>(browser.worker, 'taggings'),
      (rows) => rows.filter((r) => r.tagId === tag!.id && r.addIds.length).length === matched.length,
      { describe: (rows) => `taggings: ${JSON.stringify(rows)}` },
    );
    expect(
      taggings
        .filter((r) => r.tagId === tag!.id && r.addIds.length)
        .map((r) => keyOf.get(r.customerId))
        .sort(),
    ).toEqual(matched.map((b) => `email:${b.email}`).sort());

    // Export what the segment matches and read the file back.
    await page.locator(bl('export-open')).click();
    const downloading = page.waitForEvent('download');
    await page.locator(bl('export-start')).click();
    const download = await downloading;
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^buyerlens-.*\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<string[]>(bytes.toString('utf8').slice(1), { skipEmptyLines: true });
    const [header, ...rows] = parsed.data;
    expect(rows).toHaveLength(matched.length);
    const text = rows.map((r) => r.join(','));
    for (const b of matched) expect(text.some((line) => line.includes(b.name.replace(/^=/, "'=")))).toBe(true);
    // The formula-looking name is neutralised: no cell starts with a formula character.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(header!.length).toBeGreaterThan(1);
    // Tags column carries the new tag for every exported buyer.
    const tagsColumn = header!.findIndex((h) => /tag/i.test(h));
    expect(tagsColumn).toBeGreaterThanOrEqual(0);
    for (const row of rows) expect(row[tagsColumn]).toContain('big spender');
  });

  it('backs everything up, and a restore after a change brings back exactly the backed-up data', async () => {
    const TABLES = ['shops', 'customers', 'orders', 'tags', 'taggings', 'notes', 'actionStates', 'shopSettings', 'segments', 'forgotten', 'recipes'];
    const snapshot = async () => {
      const dump = await dumpDb(browser.worker, TABLES);
      return Object.fromEntries(
        TABLES.map((t) => [t, [...(dump.stores[t] ?? [])].map(canonical).sort()]),
      );
    };
    await page.locator(bl('tab-data')).click();
    const before = await snapshot();
    expect(before.orders!.length).toBeGreaterThan(0);
    const downloading = page.waitForEvent('download');
    await page.locator(bl('backup-download')).click();
    const download = await downloading;
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^buyerlens-backup-\d{4}-\d{2}-\d{2}\.jsonl$/);
    const [headerLine] = readFileSync(file, 'utf8').split('\n');
    expect(JSON.parse(headerLine!)).toMatchObject({ format: 'buyerlens-backup', version: 1 });

    // Something changes after the backup: the tag goes, with it every buyer's chip.
    const tag = (await readDb<{ id: string; name: string }>(browser.worker, 'tags')).find((t) => t.name === 'big spender')!;
    const deleted = await page.evaluate(
      (args) => chrome.runtime.sendMessage({ rpc: 'tag.delete', args }),
      { shopId: 'shopify:Owner E2E Shop', tagId: tag.id },
    );
    expect(deleted).toMatchObject({ ok: true });
    expect(await snapshot()).not.toEqual(before);

    await page.locator(bl('restore-file')).setInputFiles(file);
    await page.locator(bl('restore-confirm')).click();
    await page.locator(bl('restore-done')).waitFor({ timeout: 20_000 });
    expect(await snapshot()).toEqual(before);
  });

  it('leaves no errors on the page', () => {
    expect(problems.pageErrors).toEqual([]);
  });
});
