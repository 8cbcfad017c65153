/**
 * The in-extension half of `npm run bench:io`: bundled by bench/io.ts and evaluated in the built
 * extension's options page (chrome-extension://…/options.html), so every RPC goes to the real
 * background service worker over runtime messaging, and the IndexedDB is the extension's own.
 *
 * `window.runIoBench(options)` measures:
 * (a) import: a generated Shopify orders export (one row per line item) read with importRecords
 *     from the file's stream → import.begin / import.stage batches → import.commit, as the Import
 *     tab does; beside it the physical floor: the same number of order and customer objects put
 *     with plain IndexedDB in one transaction into a scratch database with the same indexes.
 *     The page's JS heap is sampled on every batch (performance.memory).
 * (b) segment: customers.query (limit 0: count only) with a three-clause segment over a second
 *     shop of 100,000 customers: the first call (cold: the customer table is built) and the
 *     median of the next ones (warm: the table is in memory).
 * (c) export: export.csv of those 100,000 customers, page by page, joined into one Blob with the
 *     UTF-8 BOM, as the export dialog does.
 */
import { BuyerLensDb, type AggregateRow } from '../lib/db/database';
import { importRecords } from '../lib/io/import';
import type { Customer, Tag, Tagging } from '../lib/model/entities';
import { customerIdOf, shopIdOf, tagIdOf, taggingIdOf } from '../lib/model/ids';
import type { ExportColumn } from '../lib/model/owner';
import type { RpcInput, RpcName, RpcReply } from '../lib/rpc/protocol';
import { call, RpcCallError, type Transport } from '../lib/rpc/owner-client';
import { prng } from './prng.ts';

export interface IoBenchOptions {
  orders: number;
  importCustomers: number;
  segmentCustomers: number;
  seed: number;
  warmRuns: number;
  exportPage: number;
  /** 'import': only (a). */
  only?: string;
}

export interface MemorySample {
  at: number;
  usedJSHeapSize: number;
}

export interface IoBenchResult {
  import:
    | { available: false; reason: string; csvBytes: number; csvRows: number }
    | {
        available: true;
        csvBytes: number;
        csvRows: number;
        generateMs: number;
        readMs: number;
        commitMs: number;
        totalMs: number;
        rowsPerSec: number;
        ordersPerSec: number;
        summary: unknown;
        problems: number;
        stagedBatches: number;
        floorMs: number;
        floorRecords: number;
        heap: { before: number; max: number; after: number; samples: number };
      };
  segment?: { customers: number; query: string; matched: number; coldMs: number; warmMs: number[]; seedMs: number; readFloorMs: number };
  export?: { rows: number; pages: number; bytes: number; ms: number; pageMs: number[]; columns: ExportColumn[] };
  userAgent: string;
}

declare global {
  interface Window {
    benchLog?: (line: string) => Promise<void>;
    runIoBench: (options: IoBenchOptions) => Promise<IoBenchResult>;
  }
  interface Performance {
    memory?: { usedJSHeapSize: number; totalJSHeapSize: number };
  }
}

const IMPORT_SHOP = { platform: 'shopify', key: 'bench-io.myshopify.com', name: 'Bench imports' } as const;
const SEGMENT_SHOP = { platform: 'shopify', key: 'bench-segments.myshopify.com', name: 'Bench segments' } as const;
const SEGMENT_SHOP_ID = shopIdOf(SEGMENT_SHOP.platform, SEGMENT_SHOP.key);
export const SEGMENT_QUERY = "amount_spent >= 500 AND last_order_date < -60d AND customer_tags CONTAINS 'vip'";
const EXPORT_COLUMNS: ExportColumn[] = ['name', 'key', 'email', 'phone', 'tags', 'number_of_orders', 'amount_spent', 'currency', 'last_order_date', 'rfm_group', 'lifecycle'];
/** Records per import.stage call, as the Import tab sends them. */
const STAGE_BATCH = 2000;
const DAY = 86_400_000;
const NOW = Date.now();

// In an extension page: chrome.runtime messaging to the background, validated like the UI's calls.
declare const chrome: { runtime: { sendMessage: (m: unknown) => Promise<unknown> } };
const transport: Transport = (m) => chrome.runtime.sendMessage(m);
const rpc = <N extends RpcName>(name: N, args: RpcInput<N>): Promise<RpcReply<N>> => call(name, args, transport);

function log(line: string): void {
  void window.benchLog?.(line);
}


const heap = () => performance.memory?.usedJSHeapSize ?? NaN;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2025-10-07 09:50:26 +0200`, as Shopify writes dates. */
function shopifyDate(t: number, offsetMinutes: number): string {
  const d = new Date(t + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(offsetMinutes);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${sign}${pad(Math.floor(off / 60))}${pad(off % 60)}`;
}

const HEADER = [
  'Name', 'Email', 'Financial Status', 'Paid at', 'Fulfillment Status', 'Fulfilled at', 'Currency', 'Subtotal', 'Shipping', 'Taxes',
  'Total', 'Discount Code', 'Discount Amount', 'Created at', 'Lineitem quantity', 'Lineitem name', 'Lineitem price', 'Lineitem sku',
  'Billing Name', 'Billing Phone', 'Cancelled at', 'Refunded Amount', 'Tags',
];

/**
 * A Shopify orders export of `orders` orders by `customers` buyers, 1–3 line items each (one CSV
 * row per item; order fields on the first row only). Built as Blob parts of 5,000 orders, so the
 * page never holds the whole text as one string.
 */
function shopifyOrdersCsv(orders: number, customers: number, seed: number): { blob: Blob; rows: number } {
  const rand = prng(seed);
  const parts: Blob[] = [new Blob([HEADER.join(',') + '\n'])];
  let lines: string[] = [];
  let rows = 0;
  const products = ['Rose tea 100g', 'Jasmine pearls', 'Gift box', 'Oolong sampler', 'Ceramic cup', 'Tea towel'];
  for (let n = 0; n < orders; n++) {
    const c = Math.floor(rand() ** 1.6 * customers); // some buyers order much more often than others
    const placed = NOW - Math.floor(rand() * 3 * 365 * DAY);
    const items = 1 + Math.floor(rand() * 3);
    const prices = Array.from({ length: items }, () => 5 + Math.floor(rand() * 120));
    const qty = Array.from({ length: items }, () => 1 + Math.floor(rand() * 3));
    const subtotal = prices.reduce((s, p, i) => s + p * qty[i]!, 0);
    const u = rand();
    const financial = u < 0.9 ? 'paid' : u < 0.93 ? 'refunded' : 'pending';
    const date = shopifyDate(placed, 120);
    const name = c % 3 === 0 ? `买家${c}` : `Buyer ${c}`;
    for (let i = 0; i < items; i++) {
      const first = i === 0;
      lines.push(
        [
          `#${1001 + n}`,
          `buyer${c}@example.com`,
          first ? financial : '',
          first && financial === 'paid' ? date : '',
          first ? 'fulfilled' : '',
          '',
          first ? 'USD' : '',
          first ? `${subtotal}.00` : '',
          first ? '5.00' : '',
          first ? '0.00' : '',
          first ? `${subtotal + 5}.00` : '',
          '',
          first ? '0.00' : '',
          first ? date : '',
          String(qty[i]),
          products[(c + i) % products.length],
          `${prices[i]}.00`,
          `SKU-${(c + i) % 500}`,
          first ? name : '',
          first ? `+1 555${pad(c % 10_000_000, 7)}` : '',
          '',
          first && financial === 'refunded' ? `${subtotal + 5}.00` : '',
          '',
        ].join(','),
      );
      rows++;
    }
    if (lines.length >= 5000) {
      parts.push(new Blob([lines.join('\n') + '\n']));
      lines = [];
    }
  }
  if (lines.length) parts.push(new Blob([lines.join('\n') + '\n']));
  return { blob: new Blob(parts, { type: 'text/csv' }), rows };
}

async function* blobStream(blob: Blob): AsyncGenerator<Uint8Array> {
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    if (value?.length) yield value;
  }
}

function notBuilt(err: unknown): string | undefined {
  if (err instanceof RpcCallError && (err.code === 'internal' || err.code === 'unknown-rpc')) return err.message;
  return undefined;
}

async function runImport(o: IoBenchOptions): Promise<IoBenchResult['import']> {
  const g0 = performance.now();
  const { blob, rows } = shopifyOrdersCsv(o.orders, o.importCustomers, o.seed);
  const generateMs = performance.now() - g0;
  log(`  generated ${rows.toLocaleString('en-US')} CSV rows (${(blob.size / 1e6).toFixed(1)} MB) in ${generateMs.toFixed(0)} ms`);
  const heapBefore = heap();
  let heapMax = heapBefore;
  let samples = 0;
  const sample = () => {
    const h = heap();
    samples++;
    if (h > heapMax) heapMax = h;
  };
  let jobId: string | undefined;
  const t0 = performance.now();
  try {
    ({ jobId } = await rpc('import.begin', { shop: IMPORT_SHOP, fileName: 'bench-orders.csv', format: 'shopify-orders' }));
  } catch (err) {
    const reason = notBuilt(err);
    if (reason !== undefined) return { available: false, reason: `import.begin: ${reason}`, csvBytes: blob.size, csvRows: rows };
    throw err;
  }
  let problems = 0;
  let stagedBatches = 0;
  let orders = 0;
  let customers = 0;
  try {
    for await (const batch of importRecords(blobStream(blob), { batchSize: STAGE_BATCH })) {
      problems += batch.problems.length;
      orders += batch.orders.length;
      customers += batch.customers.length;
      if (batch.orders.length || batch.customers.length) {
        await rpc('import.stage', { jobId, orders: batch.orders, customers: batch.customers });
        stagedBatches++;
      }
      sample();
    }
  } catch (err) {
    const reason = notBuilt(err);
    await rpc('jobs.cancel', { jobId }).catch(() => undefined);
    if (reason !== undefined) return { available: false, reason: `import.stage: ${reason}`, csvBytes: blob.size, csvRows: rows };
    throw err;
  }
  const t1 = performance.now();
  const sampler = setInterval(sample, 100);
  let summary: Awaited<ReturnType<typeof rpc<'import.commit'>>>;
  try {
    summary = await rpc('import.commit', { jobId });
  } catch (err) {
    const reason = notBuilt(err);
    await rpc('jobs.cancel', { jobId }).catch(() => undefined);
    if (reason !== undefined) return { available: false, reason: `import.commit: ${reason}`, csvBytes: blob.size, csvRows: rows };
    throw err;
  } finally {
    clearInterval(sampler);
  }
  const t2 = performance.now();
  log(`  imported in ${((t2 - t0) / 1000).toFixed(1)} s (read+stage ${((t1 - t0) / 1000).toFixed(1)} s, commit ${((t2 - t1) / 1000).toFixed(1)} s)`);
  // As many objects as the import wrote: its orders, and the customers their buyers resolved to.
  const floorOrders = summary.orders.added + summary.orders.updated + summary.orders.unchanged || orders;
  const floorCustomers = summary.customers.added + summary.customers.updated + summary.customers.unchanged || customers || o.importCustomers;
  const floorRecords = floorOrders + floorCustomers;
  const floorMs = await plainPutFloor(floorOrders, floorCustomers, o.seed);
  log(`  plain IndexedDB put of ${floorRecords.toLocaleString('en-US')} records: ${(floorMs / 1000).toFixed(1)} s`);
  return {
    available: true,
    csvBytes: blob.size,
    csvRows: rows,
    generateMs,
    readMs: t1 - t0,
    commitMs: t2 - t1,
    totalMs: t2 - t0,
    rowsPerSec: rows / ((t2 - t0) / 1000),
    ordersPerSec: o.orders / ((t2 - t0) / 1000),
    summary,
    problems,
    stagedBatches,
    floorMs,
    floorRecords,
    heap: { before: heapBefore, max: heapMax, after: heap(), samples },
  };
}

function idb<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((ok, fail) => {
    request.onsuccess = () => ok(request.result);
    request.onerror = () => fail(request.error);
  });
}

/**
 * The physical floor of the import's writes: the same number of order and customer objects, of
 * the same shape as ours, put with plain IndexedDB into stores with the same indexes, in one
 * readwrite transaction (an import commits in one), until it completes.
 */
async function plainPutFloor(orders: number, customers: number, seed: number): Promise<number> {
  const name = `bench-io-floor-${Date.now()}`;
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    const db = open.result;
    const o = db.createObjectStore('orders', { keyPath: 'id' });
    o.createIndex('shopId', 'shopId');
    o.createIndex('customerId', 'customerId');
    o.createIndex('shopId+placedAt', ['shopId', 'placedAt']);
    const c = db.createObjectStore('customers', { keyPath: 'id' });
    c.createIndex('shopId', 'shopId');
    c.createIndex('keys', 'keys', { multiEntry: true });
  };
  const db = await idb(open);
  const rand = prng(seed + 1);
  const shopId = shopIdOf(IMPORT_SHOP.platform, IMPORT_SHOP.key);
  const orderRows = Array.from({ length: orders }, (_, n) => {
    const c = Math.floor(rand() * customers);
    return {
      id: `o_floor${n}`,
      shopId,
      hlc: '0000000000000:0000:client',
      updatedBy: 'client',
      deleted: false,
      orderId: `#${1001 + n}`,
      customerId: `c_floor${c}`,
      placedAt: new Date(NOW - Math.floor(rand() * 3 * 365 * DAY)).toISOString(),
      total: { amountMinor: 1000 + Math.floor(rand() * 30000), currency: 'USD' },
      status: 'paid',
      items: [{ name: 'Rose tea 100g', quantity: 2, unitPrice: { amountMinor: 1250, currency: 'USD' } }],
      source: 'import',
      firstSeenAt: NOW,
      lastSeenAt: NOW,
    };
  });
  const customerRows = Array.from({ length: customers }, (_, c) => ({
    id: `c_floor${c}`,
    shopId,
    hlc: '0000000000000:0000:client',
    updatedBy: 'client',
    deleted: false,
    keys: [`email:buyer${c}@example.com`, `phone:+1555${pad(c, 7)}`],
    displayName: `Buyer ${c}`,
    email: `buyer${c}@example.com`,
    phone: `+1 555${pad(c, 7)}`,
    fields: {},
    firstSeenAt: NOW,
  }));
  const t0 = performance.now();
  const tx = db.transaction(['orders', 'customers'], 'readwrite', { durability: 'default' });
  const os = tx.objectStore('orders');
  const cs = tx.objectStore('customers');
  for (const r of orderRows) os.put(r);
  for (const r of customerRows) cs.put(r);
  await new Promise<void>((ok, fail) => {
    tx.oncomplete = () => ok();
    tx.onerror = () => fail(tx.error);
    tx.onabort = () => fail(tx.error);
  });
  const ms = performance.now() - t0;
  db.close();
  await idb(indexedDB.deleteDatabase(name)).catch(() => undefined);
  return ms;
}

/**
 * A second shop of `n` customers written straight into the extension's database (same origin as
 * the worker): customers, their derived figures and a 'vip' tag on one in five. Loading is not
 * what is measured; the worker has never looked at this shop, so its first query is cold.
 */
async function seedSegmentShop(n: number, seed: number): Promise<number> {
  const t0 = performance.now();
  const rand = prng(seed + 2);
  const db = new BuyerLensDb('buyerlens');
  await db.open();
  const hlc = '0000000000000:0000:bench';
  const vip: Tag = { id: tagIdOf(SEGMENT_SHOP_ID, 'vip'), shopId: SEGMENT_SHOP_ID, hlc, updatedBy: 'bench', deleted: false, name: 'vip', nameKey: 'vip', color: 'amber', description: '' };
  await db.shops.put({ id: SEGMENT_SHOP_ID, platform: SEGMENT_SHOP.platform, key: SEGMENT_SHOP.key, name: SEGMENT_SHOP.name, firstSeenAt: NOW });
  await db.tags.put(vip);
  const CHUNK = 10_000;
  for (let start = 0; start < n; start += CHUNK) {
    const customers: Customer[] = [];
    const aggregates: AggregateRow[] = [];
    const taggings: Tagging[] = [];
    for (let i = start; i < Math.min(n, start + CHUNK); i++) {
      const key = `email:seg${i}@example.com`;
      const id = customerIdOf(SEGMENT_SHOP_ID, key);
      customers.push({ id, shopId: SEGMENT_SHOP_ID, hlc, updatedBy: 'bench', deleted: false, keys: [key], displayName: i % 3 ? `Buyer ${i}` : `买家${i}`, email: `seg${i}@example.com`, fields: {}, firstSeenAt: NOW });
      if (rand() < 0.9) {
        const orderCount = 1 + Math.floor(rand() * 12);
        const lastAt = NOW - Math.floor(rand() * 700 * DAY);
        const firstAt = lastAt - Math.floor(rand() * 400 * DAY);
        aggregates.push({
          customerId: id,
          shopId: SEGMENT_SHOP_ID,
          orderCount,
          totalMinor: orderCount * (2000 + Math.floor(rand() * 15000)),
          currency: 'USD',
          otherCurrencyOrders: 0,
          unknownTotalOrders: 0,
          firstAt,
          lastAt,
          ...(orderCount > 1 ? { prevAt: lastAt - 30 * DAY, cycleDays: 30 + Math.floor(rand() * 60) } : {}),
          datedCount: orderCount,
          lastOrderId: `#S${i}`,
          lastStatus: 'paid',
        });
      }
      if (rand() < 0.2) taggings.push({ id: taggingIdOf(id, vip.id), shopId: SEGMENT_SHOP_ID, hlc, updatedBy: 'bench', deleted: false, customerId: id, tagId: vip.id, addIds: [`a_bench${i}`] });
    }
    await db.transaction('rw', [db.customers, db.aggregates, db.taggings], async () => {
      await db.customers.bulkPut(customers);
      await db.aggregates.bulkPut(aggregates);
      await db.taggings.bulkPut(taggings);
    });
  }
  db.close();
  return performance.now() - t0;
}

async function runSegment(o: IoBenchOptions): Promise<NonNullable<IoBenchResult['segment']>> {
  const seedMs = await seedSegmentShop(o.segmentCustomers, o.seed);
  log(`  seeded ${o.segmentCustomers.toLocaleString('en-US')} customers in ${(seedMs / 1000).toFixed(1)} s`);
  const ask = () => rpc('customers.query', { shopId: SEGMENT_SHOP_ID, filter: { query: SEGMENT_QUERY }, limit: 0 });
  const c0 = performance.now();
  const cold = await ask();
  const coldMs = performance.now() - c0;
  const warmMs: number[] = [];
  let matched = cold.total;
  for (let i = 0; i < o.warmRuns; i++) {
    const t = performance.now();
    matched = (await ask()).total;
    warmMs.push(performance.now() - t);
  }
  if (cold.all !== o.segmentCustomers) throw new Error(`the segment shop holds ${cold.all} customers, expected ${o.segmentCustomers}`);
  return { customers: cold.all, query: SEGMENT_QUERY, matched, coldMs, warmMs, seedMs, readFloorMs: await readFloor() };
}

/**
 * The floor of the cold build: plain IndexedDB reads of what the table is built from (the shop's
 * customers, aggregates, taggings, tags and notes by their shopId index, all at once, as the
 * build asks for them), from the extension's database in this page.
 */
async function readFloor(): Promise<number> {
  const db = await idb(indexedDB.open('buyerlens'));
  const t0 = performance.now();
  const stores = ['customers', 'aggregates', 'taggings', 'tags', 'notes'];
  const tx = db.transaction(stores, 'readonly');
  await Promise.all(stores.map((s) => idb(tx.objectStore(s).index('shopId').getAll(SEGMENT_SHOP_ID))));
  const ms = performance.now() - t0;
  db.close();
  return ms;
}

async function runExport(o: IoBenchOptions): Promise<NonNullable<IoBenchResult['export']>> {
  const t0 = performance.now();
  const parts: string[] = ['\ufeff']; // the UTF-8 BOM, once, so Excel reads the Chinese names right
  const pageMs: number[] = [];
  let rows = 0;
  let total = Infinity;
  for (let offset = 0; offset < total; offset += o.exportPage) {
    const p0 = performance.now();
    const page = await rpc('export.csv', { shopId: SEGMENT_SHOP_ID, filter: { query: '' }, columns: EXPORT_COLUMNS, offset, limit: o.exportPage });
    pageMs.push(performance.now() - p0);
    parts.push(page.csv);
    rows += page.rows;
    total = page.total;
  }
  const blob = new Blob(parts, { type: 'text/csv;charset=utf-8' });
  const ms = performance.now() - t0;
  return { rows, pages: pageMs.length, bytes: blob.size, ms, pageMs, columns: EXPORT_COLUMNS };
}

window.runIoBench = async (o) => {
  log('(a) import');
  const imported = await runImport(o);
  if (o.only === 'import') return { import: imported, userAgent: navigator.userAgent };
  log('(b) segment');
  const segment = await runSegment(o);
  log('(c) export');
  const exported = await runExport(o);
  return { import: imported, segment, export: exported, userAgent: navigator.userAgent };
};
