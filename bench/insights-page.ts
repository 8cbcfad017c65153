/**
 * The in-browser half of `npm run bench:insights` (bundled by bench/insights.ts with esbuild and
 * run in a plain page of headless Chromium, so the IndexedDB is the real browser's).
 *
 * `window.runInsightsBench(options)` loads the data set (bulkPut, not the write path: loading is
 * not what is measured), then measures, each next to its physical floor in plain IndexedDB:
 * - full recompute: engine.recomputeAll(shopId): statistics + the marker (stage + RFM group) of
 *   every customer, from one read of the aggregates;
 * - incremental: service['page.seen'] with one new order of an existing customer;
 * - profile open: service['profile.get'] of a random existing customer.
 * Progress goes through `window.benchLog` (exposed by the runner); with profiling asked for,
 * `window.benchProfiler('start' | 'stop', phase)` wraps an extra, unreported pass of that phase.
 */
import { aggregateRow, type AggregateChange } from '../lib/db/aggregates';
import { BuyerLensDb, type AggregateRow } from '../lib/db/database';
import { InsightEngine } from '../lib/db/insights';
import { createService } from '../lib/db/service';
import { buildShopStats, markerOf } from '../lib/insights/insight';
import type { Customer, OrderRecord } from '../lib/model/entities';
import { customerIdOf, orderRecordIdOf, shopIdOf } from '../lib/model/ids';
import type { InsightView, MarkerView } from '../lib/model/views';
import { PROTOCOL } from '../lib/rpc/protocol-all';
import { prng } from './prng.ts';

export interface BenchOptions {
  customers: number;
  orders: number;
  seed: number;
  fullRuns: number;
  incrementalRuns: number;
  profileRuns: number;
  /** Phases to run once more under the CDP profiler (after the measured runs). */
  profile: Phase[];
}

export type Phase = 'full' | 'incremental' | 'profile';

export interface Stat {
  median: number;
  p95: number;
  min: number;
  max: number;
  n: number;
}

export interface BenchResult {
  customers: number;
  orders: number;
  ordersCounted: number;
  load: { ms: number; generateMs: number; records: number; recordsPerSec: number; ordersPerSec: number; transactions: number };
  full: {
    ours: Stat;
    rebuildOnly: Stat;
    markersCpu: Stat;
    readAggregates: Stat;
    floor: Stat;
    markers: number;
    stages: Record<string, number>;
    groups: Record<string, number>;
    thresholds: unknown;
  };
  incremental: {
    ours: Stat;
    write: Stat;
    apply: Stat;
    reply: Stat;
    floor: Stat;
  };
  profile: {
    ours: Stat;
    insight: Stat;
    floor: Stat;
    ordersPerProfile: number;
  };
  userAgent: string;
}

declare global {
  interface Window {
    benchLog?: (line: string) => Promise<void>;
    benchProfiler?: (what: 'start' | 'stop', phase: Phase) => Promise<void>;
    runInsightsBench: (options: BenchOptions) => Promise<BenchResult>;
  }
}

const DB_NAME = 'buyerlens-bench';
const SHOP = { platform: 'demo', key: 'bench', name: 'Bench shop' } as const;
const SHOP_ID = shopIdOf(SHOP.platform, SHOP.key);
const DAY = 86_400_000;
/** A fixed "now", so the data set and the scores are the same in every run. */
const NOW = Date.parse('2026-06-01T04:00:00Z');
const SPAN_DAYS = 3 * 365;
const CUSTOMERS_PER_BATCH = 1000; // ≈ 10,000 orders per bulkPut
const BATCHES_PER_TRANSACTION = 10; // ≈ 100,000 orders per transaction
/** A pause after loading, so the measurements do not start in the middle of the store's flush. */
const SETTLE_MS = 3000;

function log(line: string): void {
  void window.benchLog?.(line);
}


const int = (rand: () => number, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

export function stat(values: readonly number[]): Stat {
  const xs = [...values].sort((a, b) => a - b);
  const n = xs.length;
  if (!n) return { median: NaN, p95: NaN, min: NaN, max: NaN, n: 0 };
  const mid = n >> 1;
  const median = n % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
  const p95 = xs[Math.min(n - 1, Math.ceil(0.95 * n) - 1)]!;
  return { median, p95, min: xs[0]!, max: xs[n - 1]!, n };
}

const keyOf = (i: number) => `nick:buyer${i}`;
const nameOf = (i: number) => `买家${i}`;
const cidOf = (i: number) => customerIdOf(SHOP_ID, keyOf(i));

/** ISO 8601 in China time, as a Taobao page shows it. */
function isoCst(t: number): string {
  return new Date(t + 8 * 3600_000).toISOString().replace('Z', '+08:00');
}

/** Orders per customer: a quarter buy once, some 25–30 times, the rest 3–20; summing to `total`. */
function orderCounts(customers: number, total: number, rand: () => number): Uint8Array {
  const counts = new Uint8Array(customers);
  let sum = 0;
  for (let i = 0; i < customers; i++) {
    const u = rand();
    counts[i] = u < 0.25 ? 1 : u < 0.33 ? int(rand, 25, 30) : int(rand, 3, 20);
    sum += counts[i]!;
  }
  // Nudge random customers by one until the sum is exact (kept within 1..30).
  let diff = total - sum;
  while (diff !== 0) {
    const i = Math.floor(rand() * customers);
    const c = counts[i]!;
    if (diff > 0 && c < 30 && c > 1) (counts[i] = c + 1), diff--;
    else if (diff < 0 && c > 2) (counts[i] = c - 1), diff++;
  }
  return counts;
}

const ITEMS = ['龙井茶 250g', '碧螺春 礼盒', '普洱茶饼 357g', '白茶 寿眉', '茶具套装', '铁观音 500g', '红茶 金骏眉'];

function statusOf(rand: () => number, ageDays: number): string {
  const u = rand();
  if (u < 0.04) return 'refunded';
  if (u < 0.07) return 'cancelled';
  if (ageDays < 3) return 'paid';
  return u < 0.5 ? 'completed' : 'shipped';
}

/** One customer's record and orders, deterministic from (i, rand). */
function customerData(i: number, count: number, rand: () => number): { customer: Customer; orders: OrderRecord[] } {
  const id = cidOf(i);
  const firstAgo = rand() * SPAN_DAYS; // days before NOW of the first order
  // 40 % still buying (last order within ~2 months), the rest stopped at some point.
  const lastAgo = count === 1 ? firstAgo : rand() < 0.4 ? rand() * Math.min(60, firstAgo) : rand() * firstAgo;
  const basket = int(rand, 30, 600) * 100; // fen
  const orders: OrderRecord[] = [];
  for (let j = 0; j < count; j++) {
    const ago = j === 0 ? firstAgo : j === count - 1 ? lastAgo : lastAgo + rand() * (firstAgo - lastAgo);
    const placed = NOW - Math.floor(ago * DAY);
    const orderId = `B${i}-${j}`;
    const amountMinor = Math.round((basket * (0.5 + rand() * 1.5)) / 10) * 10;
    const quantity = int(rand, 1, 3);
    const order: OrderRecord = {
      id: orderRecordIdOf(SHOP_ID, orderId),
      shopId: SHOP_ID,
      orderId,
      customerId: id,
      placedAt: isoCst(placed),
      total: { amountMinor, currency: 'CNY' },
      status: statusOf(rand, ago),
      items: [{ name: ITEMS[int(rand, 0, ITEMS.length - 1)]!, quantity, unitPrice: { amountMinor: Math.round(amountMinor / quantity), currency: 'CNY' } }],
      source: 'import',
      firstSeenAt: placed,
      lastSeenAt: placed,
      hlc: '0000000000000000:0000:bench',
      updatedBy: 'bench',
      deleted: false,
    };
    orders.push(order);
  }
  const customer: Customer = {
    id,
    shopId: SHOP_ID,
    keys: [keyOf(i)],
    displayName: nameOf(i),
    fields: {},
    firstSeenAt: NOW - Math.floor(firstAgo * DAY),
    hlc: '0000000000000000:0000:bench',
    updatedBy: 'bench',
    deleted: false,
  };
  return { customer, orders };
}

async function deleteDb(name: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    req.onblocked = () => resolve();
  });
}

async function load(db: BuyerLensDb, opts: BenchOptions): Promise<{ result: BenchResult['load']; counted: number; aggregates: number }> {
  const rand = prng(opts.seed);
  const counts = orderCounts(opts.customers, opts.orders, rand);
  const t0 = performance.now();
  await db.shops.put({ id: SHOP_ID, platform: SHOP.platform, key: SHOP.key, name: SHOP.name, firstSeenAt: NOW - SPAN_DAYS * DAY });
  let written = 0;
  let nextReport = 100_000;
  let counted = 0;
  let aggregateRows = 0;
  let generateMs = 0;
  let transactions = 1;
  const perTx = CUSTOMERS_PER_BATCH * BATCHES_PER_TRANSACTION;
  for (let start = 0; start < opts.customers; start += perTx) {
    const end = Math.min(opts.customers, start + perTx);
    transactions++;
    await db.transaction('rw', db.customers, db.orders, db.aggregates, async () => {
      // Generate the next batch while the database writes the previous one.
      let pending: Promise<unknown> | undefined;
      for (let b = start; b < end; b += CUSTOMERS_PER_BATCH) {
        const customers: Customer[] = [];
        const orders: OrderRecord[] = [];
        const aggregates: AggregateRow[] = [];
        const batchEnd = Math.min(end, b + CUSTOMERS_PER_BATCH);
        const g = performance.now();
        for (let i = b; i < batchEnd; i++) {
          const d = customerData(i, counts[i]!, rand);
          customers.push(d.customer);
          for (const o of d.orders) orders.push(o);
          const agg = aggregateRow(d.customer.id, SHOP_ID, d.orders);
          if (agg) {
            aggregates.push(agg);
            aggregateRows++;
            if (agg.orderCount > 0) counted++;
          }
        }
        generateMs += performance.now() - g;
        await pending;
        pending = Promise.all([db.customers.bulkPut(customers), db.orders.bulkPut(orders), db.aggregates.bulkPut(aggregates)]);
        written += orders.length;
        if (written >= nextReport) {
          const s = (performance.now() - t0) / 1000;
          log(`  loaded ${written.toLocaleString('en-US')} orders, ${batchEnd.toLocaleString('en-US')} customers (${s.toFixed(1)} s, ${Math.round(written / s).toLocaleString('en-US')} orders/s)`);
          while (nextReport <= written) nextReport += 100_000;
        }
      }
      await pending;
    });
  }
  const ms = performance.now() - t0;
  const records = opts.customers + aggregateRows + opts.orders + 1; // customers, aggregates, orders, the shop
  return {
    result: { ms, generateMs, records, recordsPerSec: records / (ms / 1000), ordersPerSec: opts.orders / (ms / 1000), transactions },
    counted,
    aggregates: aggregateRows,
  };
}

/** Open the same database with the plain IndexedDB API (a second connection, no Dexie). */
function openPlain(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
}

/** Distinct random customer indexes. */
function pick(rand: () => number, n: number, count: number, avoid: Set<number>): number[] {
  const out: number[] = [];
  while (out.length < count && avoid.size < n) {
    const i = Math.floor(rand() * n);
    if (avoid.has(i)) continue;
    avoid.add(i);
    out.push(i);
  }
  return out;
}

/** The engine of lib/db/insights.ts, timing its parts (nothing changed in what it does). */
class TimedEngine extends InsightEngine {
  applyStart = 0;
  applyEnd = 0;
  insightMs = 0;
  override async apply(changes: readonly AggregateChange[]): Promise<void> {
    this.applyStart = performance.now();
    await super.apply(changes);
    this.applyEnd = performance.now();
  }
  override async insight(...args: Parameters<InsightEngine['insight']>): Promise<InsightView> {
    const t = performance.now();
    const view = await super.insight(...args);
    this.insightMs = performance.now() - t;
    return view;
  }
}

async function profiled<T>(phase: Phase, opts: BenchOptions, body: () => Promise<T>): Promise<void> {
  if (!opts.profile.includes(phase) || !window.benchProfiler) return;
  log(`  profiling ${phase} (an extra pass, not in the figures)…`);
  await window.benchProfiler('start', phase);
  try {
    await body();
  } finally {
    await window.benchProfiler('stop', phase);
  }
}

async function runInsightsBench(opts: BenchOptions): Promise<BenchResult> {
  await deleteDb(DB_NAME);
  const db = new BuyerLensDb(DB_NAME);
  await db.open();
  log(`loading ${opts.customers.toLocaleString('en-US')} customers, ${opts.orders.toLocaleString('en-US')} orders (bulkPut, ${CUSTOMERS_PER_BATCH * 10} orders per batch)…`);
  const loaded = await load(db, opts);
  log(`  loaded in ${(loaded.result.ms / 1000).toFixed(1)} s; settling ${SETTLE_MS / 1000} s`);
  await new Promise((ok) => setTimeout(ok, SETTLE_MS));
  const plain = await openPlain(DB_NAME);
  const rand = prng(opts.seed ^ 0x5eed);
  const now = () => NOW;
  const engine = new TimedEngine(db, now);
  const service = createService({ db, engine, now, onChange: () => {}, authorName: async () => 'bench', message: (key) => key });

  // ---- full recompute ----------------------------------------------------------------------
  log('full recompute…');
  const floorFull: number[] = [];
  const oursFull: number[] = [];
  const rebuildOnly: number[] = [];
  const markersCpu: number[] = [];
  const readAggregates: number[] = [];
  let markers: MarkerView[] = [];
  let thresholds: unknown;
  const fullOnce = async () => {
    const t0 = performance.now();
    // The engine's full recompute: one read of the aggregates, the statistics, every marker.
    const { stats, markers: all } = await engine.recomputeAll(SHOP_ID);
    const t1 = performance.now();
    // The CPU part alone, for the breakdown: statistics and markers from rows already read.
    const rows = await db.aggregates.where('shopId').equals(SHOP_ID).toArray();
    const c0 = performance.now();
    const again = buildShopStats(rows, now());
    for (const row of rows) markerOf(row, again, again.asOf);
    const cpu = performance.now() - c0;
    return { total: t1 - t0, cpu, out: [...all.values()], stats };
  };
  for (let run = 0; run < opts.fullRuns; run++) {
    let t = performance.now();
    const all = await request(plain.transaction('aggregates', 'readonly').objectStore('aggregates').getAll());
    floorFull.push(performance.now() - t);
    if (all.length !== loaded.aggregates) throw new Error(`floor read ${all.length} aggregates, expected ${loaded.aggregates}`);

    t = performance.now();
    await engine.rebuild(SHOP_ID);
    rebuildOnly.push(performance.now() - t);

    t = performance.now();
    await db.aggregates.where('shopId').equals(SHOP_ID).toArray();
    readAggregates.push(performance.now() - t);

    const r = await fullOnce();
    oursFull.push(r.total);
    markersCpu.push(r.cpu);
    markers = r.out;
    thresholds = r.stats.thresholds;
    log(`  run ${run + 1}: ours ${r.total.toFixed(0)} ms (markers ${r.cpu.toFixed(0)} ms), rebuild alone ${rebuildOnly.at(-1)!.toFixed(0)} ms, floor getAll ${floorFull.at(-1)!.toFixed(0)} ms`);
  }
  const stages: Record<string, number> = {};
  const groups: Record<string, number> = {};
  for (const m of markers) {
    stages[m.stage] = (stages[m.stage] ?? 0) + 1;
    groups[m.group] = (groups[m.group] ?? 0) + 1;
  }
  await profiled('full', opts, fullOnce);

  // ---- incremental after one new order -----------------------------------------------------
  log('incremental (page.seen with one new order)…');
  const used = new Set<number>();
  let newOrder = 0;
  const seen = async (i: number) => {
    const args = PROTOCOL['page.seen'].request.parse({
      shop: SHOP,
      orders: [
        {
          orderId: `N${newOrder++}`,
          buyer: { key: keyOf(i), otherKeys: [], displayName: nameOf(i) },
          placedAt: isoCst(NOW - 2 * 3600_000),
          total: { amountMinor: 12_800, currency: 'CNY' },
          status: 'paid',
          items: [{ name: ITEMS[0]!, quantity: 1, unitPrice: { amountMinor: 12_800, currency: 'CNY' } }],
        },
      ],
      buyers: [],
    });
    const t0 = performance.now();
    const view = await service['page.seen'](args, {});
    const t1 = performance.now();
    if (!view.markers[cidOf(i)]) throw new Error(`no marker for customer ${i} after page.seen`);
    return { total: t1 - t0, write: engine.applyStart - t0, apply: engine.applyEnd - engine.applyStart, reply: t1 - engine.applyEnd };
  };
  for (const i of pick(rand, opts.customers, 3, used)) await seen(i); // warm-up, not counted
  const oursInc: number[] = [];
  const incWrite: number[] = [];
  const incApply: number[] = [];
  const incReply: number[] = [];
  for (const i of pick(rand, opts.customers, opts.incrementalRuns, used)) {
    const r = await seen(i);
    oursInc.push(r.total);
    incWrite.push(r.write);
    incApply.push(r.apply);
    incReply.push(r.reply);
  }
  // Floor: one put of one order-shaped record in its own readwrite transaction (same store).
  const floorInc: number[] = [];
  const floorIds: string[] = [];
  const template = (await db.orders.limit(1).first())!;
  for (let k = 0; k < opts.incrementalRuns + 3; k++) {
    const id = `o_floor${k}`;
    floorIds.push(id);
    const record = { ...template, id, orderId: `F${k}`, customerId: 'c_floor', placedAt: isoCst(NOW - 3600_000) };
    const t = performance.now();
    const tx = plain.transaction('orders', 'readwrite');
    tx.objectStore('orders').put(record);
    await done(tx);
    if (k >= 3) floorInc.push(performance.now() - t);
  }
  {
    const tx = plain.transaction('orders', 'readwrite');
    for (const id of floorIds) tx.objectStore('orders').delete(id);
    await done(tx);
  }
  log(`  median ours ${stat(oursInc).median.toFixed(2)} ms (write ${stat(incWrite).median.toFixed(2)}, stats ${stat(incApply).median.toFixed(2)}, reply ${stat(incReply).median.toFixed(2)}), floor put ${stat(floorInc).median.toFixed(2)} ms`);
  await profiled('incremental', opts, async () => {
    for (const i of pick(rand, opts.customers, 20, used)) await seen(i);
  });

  // ---- profile open ------------------------------------------------------------------------
  log('profile open (profile.get)…');
  const floorProfile: number[] = [];
  const oursProfile: number[] = [];
  const insightMs: number[] = [];
  let ordersSeen = 0;
  const open = async (i: number) => {
    const t = performance.now();
    const view = await service['profile.get']({ shopId: SHOP_ID, customerId: cidOf(i) }, {});
    const ms = performance.now() - t;
    if (!view.known || !view.orders.length) throw new Error(`profile of customer ${i} came back empty`);
    return { ms, orders: view.orders.length };
  };
  // Fresh random customers for each side, so neither reads what the other just warmed.
  const profileAvoid = new Set<number>();
  for (const i of pick(rand, opts.customers, 5, profileAvoid)) await open(i); // warm-up
  for (const i of pick(rand, opts.customers, opts.profileRuns, profileAvoid)) {
    const t = performance.now();
    const rows = await request(plain.transaction('orders', 'readonly').objectStore('orders').index('customerId').getAll(cidOf(i)));
    floorProfile.push(performance.now() - t);
    if (!rows.length) throw new Error(`floor found no orders for customer ${i}`);
  }
  for (const i of pick(rand, opts.customers, opts.profileRuns, profileAvoid)) {
    const r = await open(i);
    oursProfile.push(r.ms);
    insightMs.push(engine.insightMs);
    ordersSeen += r.orders;
  }
  log(`  median ours ${stat(oursProfile).median.toFixed(2)} ms (insight ${stat(insightMs).median.toFixed(2)}), floor index getAll ${stat(floorProfile).median.toFixed(2)} ms`);
  await profiled('profile', opts, async () => {
    for (const i of pick(rand, opts.customers, 100, profileAvoid)) await open(i);
  });

  plain.close();
  db.close();
  await deleteDb(DB_NAME);

  return {
    customers: opts.customers,
    orders: opts.orders,
    ordersCounted: loaded.counted,
    load: loaded.result,
    full: {
      ours: stat(oursFull),
      rebuildOnly: stat(rebuildOnly),
      markersCpu: stat(markersCpu),
      readAggregates: stat(readAggregates),
      floor: stat(floorFull),
      markers: markers.length,
      stages,
      groups,
      thresholds,
    },
    incremental: { ours: stat(oursInc), write: stat(incWrite), apply: stat(incApply), reply: stat(incReply), floor: stat(floorInc) },
    profile: { ours: stat(oursProfile), insight: stat(insightMs), floor: stat(floorProfile), ordersPerProfile: ordersSeen / oursProfile.length },
    userAgent: navigator.userAgent,
  };
}

window.runInsightsBench = runInsightsBench;
