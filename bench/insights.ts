/**
 * `npm run bench:insights` — insights at scale in the real browser's IndexedDB.
 *
 * 100,000 customers and 1,000,000 orders (env BENCH_SCALE, default 1; 0.1 → 10,000 / 100,000)
 * are loaded into a fresh headless Chromium (persistent profile in a tmp dir, so IndexedDB is
 * on disk as the extension's is), then bench/insights-page.ts measures, in the page:
 * - full recompute: engine.rebuild(shopId) + the marker (lifecycle stage + RFM group) of every
 *   customer from the aggregates and the new stats; median of 3. Goal < 3 s.
 * - incremental: service['page.seen'] with one new order of an existing customer (write
 *   transaction with outbox + aggregate refresh + stats update + the reply); median of 50
 *   different customers. Goal < 20 ms.
 * - profile open: service['profile.get'] of a random customer (~10 orders); median (goal
 *   < 10 ms) and p95 of 200.
 * Each beside its physical floor in the same run, plain IndexedDB on the same database:
 * store.getAll() of the 100,000 aggregates; one put of one order in its own readwrite
 * transaction (until complete); one index('customerId').getAll(id) on the 1,000,000 orders.
 * Ratio = ours / floor (medians).
 *
 * BENCH_PROFILE=full,incremental,profile runs that phase once more under the CDP profiler (after
 * the measured runs, so the figures are unaffected) and prints where the main thread's time goes.
 * The last line printed is one JSON object with every figure.
 */
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchOptions, BenchResult, Phase, Stat } from './insights-page.ts';
import { bundlePageScript } from './bundle-page.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const PROFILE = (process.env.BENCH_PROFILE ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter((s): s is Phase => s === 'full' || s === 'incremental' || s === 'profile');
const GOALS = { fullMs: 3000, incrementalMs: 20, profileMs: 10 };
const WATCHDOG_MS = 20 * 60_000;

if (!(SCALE > 0)) throw new Error(`BENCH_SCALE must be a positive number, not ${process.env.BENCH_SCALE}`);

const options: BenchOptions = {
  customers: Math.round(100_000 * SCALE),
  orders: Math.round(1_000_000 * SCALE),
  seed: 20260601,
  fullRuns: 3,
  incrementalRuns: 50,
  profileRuns: 200,
  profile: PROFILE,
};

/** Bundle the page script (lib/ and its dependencies) for the browser. */
async function bundle(): Promise<{ js: string; moduleStarts: Array<{ line: number; file: string }> }> {
  const js = await bundlePageScript('bench/insights-page.ts', 'esm');
  // esbuild marks each module with a `// path` comment: enough to tell files apart in a profile.
  const moduleStarts: Array<{ line: number; file: string }> = [];
  js.split('\n').forEach((text, i) => {
    const m = /^\/\/ ((?:lib|bench|node_modules)\/\S+)$/.exec(text);
    if (m) moduleStarts.push({ line: i, file: m[1]! });
  });
  return { js, moduleStarts };
}

function serve(js: string): Promise<{ url: string; close: () => Promise<void> }> {
  const html = '<!doctype html><meta charset="utf-8"><title>bench:insights</title><script type="module" src="/bench.js"></script>';
  // Cross-origin isolated, so performance.now() has 5 µs resolution instead of 100 µs.
  const isolated = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp', 'cache-control': 'no-store' };
  const server = createServer((req, res) => {
    if (req.url === '/bench.js') {
      res.writeHead(200, { ...isolated, 'content-type': 'text/javascript; charset=utf-8' });
      res.end(js);
    } else if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { ...isolated, 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    } else {
      res.writeHead(204).end(); // favicon and the like
    }
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      ok({ url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((done) => server.close(() => done())) });
    }),
  );
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

/** Self and total (inclusive) time per function, with the source file from the bundle's markers. */
function summarize(profile: CpuProfile, moduleStarts: Array<{ line: number; file: string }>): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // Chrome's deltas precede their sample: the time until the next sample belongs to this one.
    const dt = (deltas[i + 1] ?? 0) / 1000;
    self.set(samples[i]!, (self.get(samples[i]!) ?? 0) + dt);
  }
  const fileOf = (url: string, line: number) => {
    if (!url) return '';
    if (!url.endsWith('/bench.js')) return url.replace(/^.*\//, '');
    let file = 'bench.js';
    for (const m of moduleStarts) if (m.line <= line) file = m.file;
    return file;
  };
  const label = (id: number) => {
    const f = byId.get(id)!.callFrame;
    const file = fileOf(f.url, f.lineNumber);
    return `${f.functionName || '(anonymous)'}${file ? ` ${file}` : ''}`;
  };
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  let all = 0;
  for (const [id, ms] of self) {
    all += ms;
    selfBy.set(label(id), (selfBy.get(label(id)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const l = label(at);
      if (seen.has(l)) continue; // recursion counts once
      seen.add(l);
      totalBy.set(l, (totalBy.get(l) ?? 0) + ms);
    }
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([l, ms]) => `    ${ms.toFixed(1).padStart(9)} ms ${((100 * ms) / all).toFixed(1).padStart(5)} %  ${l}`);
  return [
    `  sampled ${all.toFixed(0)} ms (wall ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms)`,
    '  self time:',
    ...top(selfBy, 18),
    '  total time (function and what it calls):',
    ...top(
      new Map([...totalBy].filter(([l]) => !l.startsWith('(root)'))),
      18,
    ),
  ];
}

const r1 = (v: number) => Math.round(v * 10) / 10;
const r2 = (v: number) => Math.round(v * 100) / 100;
const r3 = (v: number) => Math.round(v * 1000) / 1000;

function fmtMs(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  return v >= 100 ? `${v.toFixed(0)} ms` : v >= 10 ? `${v.toFixed(1)} ms` : `${v.toFixed(2)} ms`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

function stat(s: Stat, digits: (v: number) => number = r2) {
  return { median: digits(s.median), p95: digits(s.p95), min: digits(s.min), max: digits(s.max), n: s.n };
}

async function main(): Promise<void> {
  const started = Date.now();
  const { js, moduleStarts } = await bundle();
  const server = await serve(js);
  const userDataDir = mkdtempSync(join(tmpdir(), 'buyerlens-bench-insights-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    timeout: 60_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const watchdog = setTimeout(() => {
    console.error(`bench:insights: still running after ${WATCHDOG_MS / 60_000} min, giving up`);
    void context.close().finally(() => process.exit(1));
  }, WATCHDOG_MS);
  const profiles: Array<{ phase: Phase; lines: string[] }> = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (err) => console.error(`  page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') console.error(`  page ${msg.type()}: ${msg.text()}`);
    });
    await page.exposeFunction('benchLog', (line: string) => console.error(line));
    const cdp = await context.newCDPSession(page);
    await page.exposeFunction('benchProfiler', async (what: 'start' | 'stop', phase: Phase) => {
      if (what === 'start') {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
        await cdp.send('Profiler.start');
      } else {
        const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
        await cdp.send('Profiler.disable');
        profiles.push({ phase, lines: summarize(profile, moduleStarts) });
      }
    });
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForFunction(() => typeof window.runInsightsBench === 'function');
    if (!(await page.evaluate(() => self.crossOriginIsolated))) console.error('  (page not cross-origin isolated: timer resolution is 100 µs)');
    console.error(
      `bench:insights — scale ${SCALE}: ${options.customers.toLocaleString('en-US')} customers, ${options.orders.toLocaleString('en-US')} orders, Chromium ${context.browser()?.version() ?? ''}`,
    );
    const result: BenchResult = await page.evaluate((o) => window.runInsightsBench(o), options);
    report(result, (Date.now() - started) / 1000, profiles);
  } finally {
    clearTimeout(watchdog);
    await context.close();
    await server.close();
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3, retryDelay: 200 });
  }
}

function report(r: BenchResult, wallSec: number, profiles: Array<{ phase: Phase; lines: string[] }>): void {
  const ratio = (ours: number, floor: number) => (floor > 0 ? ours / floor : NaN);
  const full = { ours: r.full.ours.median, floor: r.full.floor.median };
  const inc = { ours: r.incremental.ours.median, floor: r.incremental.floor.median };
  const prof = { ours: r.profile.ours.median, floor: r.profile.floor.median };
  const met = (v: number, goal: number) => (v < goal ? 'yes' : 'NO');
  const n = (v: number) => v.toLocaleString('en-US');

  const rows = [
    ['figure', 'ours', 'physical floor', 'ratio', 'goal', 'met?'],
    [
      `full recompute, ${n(r.full.markers)} customers (median of ${r.full.ours.n})`,
      fmtMs(full.ours),
      `${fmtMs(full.floor)} getAll`,
      `${ratio(full.ours, full.floor).toFixed(1)}x`,
      `< ${GOALS.fullMs} ms`,
      met(full.ours, GOALS.fullMs),
    ],
    [
      `incremental, one new order (median of ${r.incremental.ours.n})`,
      fmtMs(inc.ours),
      `${fmtMs(inc.floor)} put`,
      `${ratio(inc.ours, inc.floor).toFixed(1)}x`,
      `< ${GOALS.incrementalMs} ms`,
      met(inc.ours, GOALS.incrementalMs),
    ],
    [
      `profile open (median of ${r.profile.ours.n})`,
      fmtMs(prof.ours),
      `${fmtMs(prof.floor)} index getAll`,
      `${ratio(prof.ours, prof.floor).toFixed(1)}x`,
      `< ${GOALS.profileMs} ms`,
      met(prof.ours, GOALS.profileMs),
    ],
    [
      `profile open (p95 of ${r.profile.ours.n})`,
      fmtMs(r.profile.ours.p95),
      `${fmtMs(r.profile.floor.p95)} index getAll`,
      `${ratio(r.profile.ours.p95, r.profile.floor.p95).toFixed(1)}x`,
      '',
      '',
    ],
  ];
  const parts = [
    ['part (medians)', 'time'],
    ['full: engine.rebuild(shopId) alone', fmtMs(r.full.rebuildOnly.median)],
    ['full: aggregates where(shopId).toArray() alone (Dexie)', fmtMs(r.full.readAggregates.median)],
    ['full: statistics + markerOf × every customer (CPU alone)', fmtMs(r.full.markersCpu.median)],
    ['incremental: write transaction (applyMutations)', fmtMs(r.incremental.write.median)],
    ['incremental: engine.apply (stats update)', fmtMs(r.incremental.apply.median)],
    ['incremental: reply (shopView: tags, markers)', fmtMs(r.incremental.reply.median)],
    ['profile: engine.insight inside profile.get', fmtMs(r.profile.insight.median)],
  ];

  const out: string[] = [];
  out.push('');
  out.push(
    `bench:insights — ${n(r.customers)} customers, ${n(r.orders)} orders (${n(r.ordersCounted)} customers with a counted order), real Chromium IndexedDB`,
  );
  out.push(
    `load (bulkPut, not measured against a goal): ${(r.load.ms / 1000).toFixed(1)} s, ${n(Math.round(r.load.recordsPerSec))} records/s (${n(Math.round(r.load.ordersPerSec))} orders/s, ${n(r.load.records)} records, ${r.load.transactions} transactions; generating the data took ${(r.load.generateMs / 1000).toFixed(1)} s of it on the page's thread, overlapped with the writes)`,
  );
  out.push('');
  out.push(table(rows));
  out.push('');
  out.push(table(parts));
  out.push('');
  out.push(`floors: plain IndexedDB on the same database — store('aggregates').getAll(); put of one order in its own readwrite transaction until complete; store('orders').index('customerId').getAll(id).`);
  out.push(`lifecycle thresholds: ${JSON.stringify(r.full.thresholds)}`);
  out.push(`stages: ${JSON.stringify(r.full.stages)}`);
  out.push(`groups: ${JSON.stringify(r.full.groups)}`);
  out.push(`orders per opened profile: ${r.profile.ordersPerProfile.toFixed(1)}; wall time ${wallSec.toFixed(0)} s`);
  for (const p of profiles) {
    out.push('');
    out.push(`CPU profile of ${p.phase} (an extra pass, 100 µs sampling):`);
    out.push(...p.lines);
  }
  console.log(out.join('\n'));

  const json = {
    bench: 'insights',
    scale: SCALE,
    customers: r.customers,
    orders: r.orders,
    customersCounted: r.ordersCounted,
    load: { ms: Math.round(r.load.ms), generateMs: Math.round(r.load.generateMs), recordsPerSec: Math.round(r.load.recordsPerSec), ordersPerSec: Math.round(r.load.ordersPerSec) },
    fullRecomputeMs: stat(r.full.ours, r1),
    fullFloorGetAllMs: stat(r.full.floor, r1),
    fullRatio: r2(ratio(full.ours, full.floor)),
    fullRebuildOnlyMs: stat(r.full.rebuildOnly, r1),
    fullMarkersCpuMs: stat(r.full.markersCpu, r1),
    incrementalMs: stat(r.incremental.ours, r3),
    incrementalFloorPutMs: stat(r.incremental.floor, r3),
    incrementalRatio: r2(ratio(inc.ours, inc.floor)),
    incrementalWriteMs: stat(r.incremental.write, r3),
    incrementalApplyMs: stat(r.incremental.apply, r3),
    incrementalReplyMs: stat(r.incremental.reply, r3),
    profileOpenMs: stat(r.profile.ours, r3),
    profileFloorIndexGetAllMs: stat(r.profile.floor, r3),
    profileRatio: r2(ratio(prof.ours, prof.floor)),
    profileP95Ratio: r2(ratio(r.profile.ours.p95, r.profile.floor.p95)),
    goals: GOALS,
    met: { full: full.ours < GOALS.fullMs, incremental: inc.ours < GOALS.incrementalMs, profile: prof.ours < GOALS.profileMs },
    wallSec: Math.round(wallSec),
    userAgent: r.userAgent,
  };
  console.log(JSON.stringify(json));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
