/**
 * `npm run bench:io` — the owner's lists at scale, in the built extension in real Chromium.
 *
 * Builds the extension (`npx wxt build`; BENCH_NO_BUILD=1 uses the .output/chrome-mv3 there is),
 * launches Debian's Chromium with it, opens its options page and evaluates bench/io-page.ts there
 * (bundled with esbuild), which measures through the real background:
 * (a) import of a generated 100,000-order Shopify orders export (1–3 line items each, ~30,000
 *     buyers): importRecords over the file's stream → import.stage batches → import.commit. Beside
 *     it, the physical floor in the same run: the same number of order + customer objects put with
 *     plain IndexedDB in one transaction. Heap sampled in the page on every batch and in the worker
 *     every 250 ms (CDP Runtime.getHeapUsage through the worker's target), to show it stays bounded.
 * (b) a three-clause segment over 100,000 customers (customers.query, limit 0): cold (the table
 *     built) and warm (median).
 * (c) export.csv of 100,000 rows, page by page, joined into one Blob with the BOM.
 * Goals: import < 15 s and < 2× plain IndexedDB; segment < 300 ms; export < 3 s.
 * BENCH_SCALE (default 1) scales every count. BENCH_ONLY=import runs only (a). BENCH_TIMINGS=1
 * has the worker log where the import commit's time goes (lib/db/timings.ts), printed as it comes.
 * The last line printed is one JSON object.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession } from 'playwright-core';
import { EXTENSION_ID, launchBrowser } from '../test/e2e/harness.ts';
import type { IoBenchOptions, IoBenchResult } from './io-page.ts';
import { bundlePageScript } from './bundle-page.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const ONLY = process.env.BENCH_ONLY;
if (ONLY !== undefined && ONLY !== 'import') throw new Error(`BENCH_ONLY may be 'import', not ${ONLY}`);
const GOALS = { importMs: 15_000, importRatio: 2, segmentMs: 300, exportMs: 3_000 };
const WATCHDOG_MS = 20 * 60_000;
if (!(SCALE > 0)) throw new Error(`BENCH_SCALE must be a positive number, not ${process.env.BENCH_SCALE}`);

const options: IoBenchOptions = {
  orders: Math.round(100_000 * SCALE),
  importCustomers: Math.round(30_000 * SCALE),
  segmentCustomers: Math.round(100_000 * SCALE),
  seed: 20260601,
  warmRuns: 7,
  exportPage: 20_000,
  only: ONLY,
};

/** The page script as one IIFE (evaluated through CDP, so the page's CSP does not apply). */
function bundle(): Promise<string> {
  return bundlePageScript('bench/io-page.ts', 'iife');
}

/**
 * The worker's JS heap, sampled every 250 ms while the bench runs. Playwright opens CDP sessions
 * on pages only, so the page's session attaches to the service worker's target and relays
 * Runtime.getHeapUsage to it (Target.sendMessageToTarget). Reported n/a if the browser refuses.
 */
async function followWorkerHeap(cdp: CDPSession): Promise<{ stop: () => Promise<{ max: number; last: number; samples: number }> }> {
  let max = NaN;
  let last = NaN;
  let samples = 0;
  const none = { stop: async () => ({ max, last, samples }) };
  const send = cdp.send.bind(cdp) as (method: string, params?: object) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  let sessionId: string;
  try {
    const { targetInfos } = await send('Target.getTargets');
    const worker = (targetInfos as Array<{ targetId: string; type: string; url: string }>).find(
      (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${EXTENSION_ID}/`),
    );
    if (!worker) return none;
    ({ sessionId } = await send('Target.attachToTarget', { targetId: worker.targetId, flatten: false }));
  } catch {
    return none;
  }
  let nextId = 1;
  const waiting = new Map<number, (usedSize: number) => void>();
  cdp.on('Target.receivedMessageFromTarget' as never, ((event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const msg = JSON.parse(event.message) as { id?: number; result?: { usedSize?: number } };
    if (msg.id !== undefined && waiting.has(msg.id)) {
      waiting.get(msg.id)!(msg.result?.usedSize ?? NaN);
      waiting.delete(msg.id);
    }
  }) as never);
  const ask = () =>
    new Promise<number>((ok) => {
      const id = nextId++;
      waiting.set(id, ok);
      setTimeout(() => waiting.delete(id) && ok(NaN), 2000);
      void send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) }).catch(() => ok(NaN));
    });
  let running = true;
  const loop = (async () => {
    while (running) {
      const used = await ask();
      if (Number.isFinite(used)) {
        last = used;
        max = Number.isNaN(max) ? used : Math.max(max, used);
        samples++;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { max, last, samples };
    },
  };
}

const mb = (b: number) => (Number.isFinite(b) ? `${(b / 1048576).toFixed(0)} MB` : 'n/a');
const fmtMs = (v: number) => (!Number.isFinite(v) ? 'n/a' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : v >= 10 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2) : NaN;
};
const n = (v: number) => Math.round(v).toLocaleString('en-US');
const r1 = (v: number) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : null);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  if (process.env.BENCH_NO_BUILD !== '1') {
    console.error('bench:io — building the extension (npx wxt build)…');
    execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const js = await bundle();
  const browser = await launchBrowser({ inspectableUi: false });
  const watchdog = setTimeout(() => {
    console.error(`bench:io: still running after ${WATCHDOG_MS / 60_000} min, giving up`);
    void browser.close().finally(() => process.exit(1));
  }, WATCHDOG_MS);
  try {
    const page = await browser.context.newPage();
    page.on('pageerror', (err) => console.error(`  page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') console.error(`  page ${msg.type()}: ${msg.text()}`);
    });
    await page.exposeFunction('benchLog', (line: string) => console.error(line));
    if (process.env.BENCH_TIMINGS === '1') {
      browser.worker.on('console', (msg) => {
        if (msg.text().startsWith('[buyerlens:timings]')) console.error(`  worker ${msg.text()}`);
      });
      await browser.worker.evaluate(() => ((globalThis as { __buyerlensTimings?: boolean }).__buyerlensTimings = true));
    }
    await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`, { waitUntil: 'load' });
    await page.evaluate(js);
    const heap = await followWorkerHeap(await browser.context.newCDPSession(page));
    console.error(
      `bench:io — scale ${SCALE}: ${n(options.orders)} orders by ${n(options.importCustomers)} buyers to import; ${n(options.segmentCustomers)} customers to segment and export`,
    );
    const result: IoBenchResult = await page.evaluate((o) => window.runIoBench(o), options);
    const workerHeap = await heap.stop();
    report(result, workerHeap, (Date.now() - started) / 1000);
  } finally {
    clearTimeout(watchdog);
    await browser.close();
  }
}

function report(r: IoBenchResult, workerHeap: { max: number; last: number; samples: number }, wallSec: number): void {
  const met = (ok: boolean) => (ok ? 'yes' : 'NO');
  const warm = r.segment ? median(r.segment.warmMs) : NaN;
  const imp = r.import;
  const ratio = imp.available ? imp.totalMs / imp.floorMs : NaN;
  const rows: string[][] = [['figure', 'ours', 'beside', 'goal', 'met?']];
  if (imp.available) {
    rows.push([
      `import ${n(imp.csvRows)} CSV rows (${n(options.orders)} orders), total`,
      fmtMs(imp.totalMs),
      `plain IDB put ${fmtMs(imp.floorMs)} (${ratio.toFixed(2)}x)`,
      `< 15 s, < 2x`,
      met(imp.totalMs < GOALS.importMs && ratio < GOALS.importRatio),
    ]);
    rows.push(['  read + stage (page parses, worker stages)', fmtMs(imp.readMs), '', '', '']);
    rows.push(['  commit (one transaction)', fmtMs(imp.commitMs), '', '', '']);
    rows.push(['  throughput', `${n(imp.rowsPerSec)} rows/s`, `${n(imp.ordersPerSec)} orders/s`, '', '']);
  } else {
    rows.push([`import ${n(imp.csvRows)} CSV rows`, 'not available', imp.reason, '< 15 s, < 2x', 'n/a']);
  }
  if (r.segment) {
    rows.push([`segment over ${n(r.segment.customers)} customers, warm (median of ${r.segment.warmMs.length})`, fmtMs(warm), `${n(r.segment.matched)} match`, '< 300 ms', met(warm < GOALS.segmentMs)]);
    rows.push(['segment, cold (customer table built)', fmtMs(r.segment.coldMs), `plain IDB getAll ${fmtMs(r.segment.readFloorMs)}`, '', '']);
  }
  if (r.export) {
    rows.push([`export ${n(r.export.rows)} rows, ${r.export.pages} pages into one Blob`, fmtMs(r.export.ms), `${(r.export.bytes / 1e6).toFixed(1)} MB`, '< 3 s', met(r.export.ms < GOALS.exportMs)]);
  }

  const out: string[] = [''];
  out.push(`bench:io — real Chromium, built extension; ${r.userAgent}`);
  out.push('');
  out.push(table(rows));
  out.push('');
  if (imp.available) {
    out.push(`import summary: ${JSON.stringify(imp.summary)}; ${n(imp.problems)} row problems; ${imp.stagedBatches} staged batches; CSV ${(imp.csvBytes / 1e6).toFixed(1)} MB generated in ${fmtMs(imp.generateMs)} (not counted)`);
    out.push(`memory while importing: page heap ${mb(imp.heap.before)} before, ${mb(imp.heap.max)} at most (${imp.heap.samples} samples), ${mb(imp.heap.after)} after; worker heap at most ${mb(workerHeap.max)} (${workerHeap.samples} samples over the whole run)`);
  }
  if (r.segment) out.push(`segment: ${r.segment.query}; warm runs ${r.segment.warmMs.map(fmtMs).join(', ')}; seeding the shop (not measured) took ${fmtMs(r.segment.seedMs)}`);
  if (r.export) out.push(`export pages: ${r.export.pageMs.map(fmtMs).join(', ')}; columns ${r.export.columns.join(', ')}`);
  out.push(`floor: plain IndexedDB, the same number of order + customer objects put in one readwrite transaction into stores with the same indexes. Wall time ${wallSec.toFixed(0)} s.`);
  console.log(out.join('\n'));

  const json = {
    bench: 'io',
    scale: SCALE,
    import: imp.available
      ? {
          available: true,
          orders: options.orders,
          csvRows: imp.csvRows,
          csvBytes: imp.csvBytes,
          totalMs: Math.round(imp.totalMs),
          readStageMs: Math.round(imp.readMs),
          commitMs: Math.round(imp.commitMs),
          rowsPerSec: Math.round(imp.rowsPerSec),
          floorPutMs: Math.round(imp.floorMs),
          floorRecords: imp.floorRecords,
          ratio: Number.isFinite(ratio) ? Math.round(ratio * 100) / 100 : null,
          pageHeapMB: { before: r1(imp.heap.before / 1048576), max: r1(imp.heap.max / 1048576), after: r1(imp.heap.after / 1048576) },
          summary: imp.summary,
        }
      : { available: false, reason: imp.reason },
    workerHeapMaxMB: r1(workerHeap.max / 1048576),
    segment: r.segment
      ? { customers: r.segment.customers, matched: r.segment.matched, warmMs: r1(warm), coldMs: Math.round(r.segment.coldMs), coldFloorGetAllMs: Math.round(r.segment.readFloorMs) }
      : null,
    export: r.export ? { rows: r.export.rows, pages: r.export.pages, bytes: r.export.bytes, ms: Math.round(r.export.ms) } : null,
    goals: GOALS,
    met: {
      import: imp.available ? imp.totalMs < GOALS.importMs && ratio < GOALS.importRatio : null,
      segment: r.segment ? warm < GOALS.segmentMs : null,
      export: r.export ? r.export.ms < GOALS.exportMs : null,
    },
    wallSec: Math.round(wallSec),
  };
  console.log(JSON.stringify(json));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
