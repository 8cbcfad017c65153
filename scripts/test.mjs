#!/usr/bin/env node
// `npm test`: every check CI runs, in order, stopping at the first failure.
// The last line of a run is always `N passed, M failed` (unit + e2e test counts); CI reads it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'test-results');
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);

/** Runs a command with inherited stdio (or captured stdout when `capture`), resolves {code, stdout}. */
function run(cmd, args, { capture = false } = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
      env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0') },
    });
    let stdout = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.on('error', (err) => resolvePromise({ code: 127, stdout, error: err }));
    child.on('close', (code, signal) => resolvePromise({ code: code ?? (signal ? 128 : 1), stdout }));
  });
}

/** Reads vitest's JSON report: {passed, failed, skipped, total}. */
function vitestCounts(file) {
  if (!existsSync(file)) return undefined;
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    return { passed: r.numPassedTests ?? 0, failed: r.numFailedTests ?? 0, skipped, total: r.numTotalTests ?? 0 };
  } catch {
    return undefined;
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const summary = [];

function vitestStep(name, configArgs, reportName) {
  const report = join(RESULTS, reportName);
  return {
    name,
    async run() {
      rmSync(report, { force: true });
      const res = await run(bin('vitest'), [
        'run',
        ...configArgs,
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${report}`,
      ]);
      const counts = vitestCounts(report);
      if (counts) {
        totals.passed += counts.passed;
        totals.failed += counts.failed;
        totals.skipped += counts.skipped;
      } else if (res.code !== 0) {
        totals.failed += 1; // the run broke before reporting (e.g. a config or import error)
      }
      const note = counts
        ? `${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped/todo` : ''}`
        : 'no JSON report';
      if (res.code === 0 && counts && counts.skipped > 0) {
        console.log(`\n!! ${name}: ${counts.skipped} test(s) skipped or todo — see the report above.`);
      }
      return { ok: res.code === 0 && counts !== undefined && counts.failed === 0, note };
    },
  };
}

const steps = [
  {
    name: 'typecheck (tsc --noEmit)',
    async run() {
      const res = await run(bin('tsc'), ['--noEmit']);
      return { ok: res.code === 0 };
    },
  },
  vitestStep('unit tests (vitest run)', [], 'unit.json'),
  {
    name: 'build chrome-mv3 (wxt build)',
    async run() {
      const res = await run(bin('wxt'), ['build']);
      const ok = res.code === 0 && existsSync(join(ROOT, '.output', 'chrome-mv3', 'manifest.json'));
      return { ok, note: ok ? undefined : '.output/chrome-mv3/manifest.json missing' };
    },
  },
  {
    name: 'build firefox-mv2 (wxt build -b firefox)',
    async run() {
      const res = await run(bin('wxt'), ['build', '-b', 'firefox']);
      const ok = res.code === 0 && existsSync(join(ROOT, '.output', 'firefox-mv2', 'manifest.json'));
      return { ok, note: ok ? undefined : '.output/firefox-mv2/manifest.json missing' };
    },
  },
  {
    name: 'web-ext lint (firefox-mv2)',
    async run() {
      const res = await run(
        bin('web-ext'),
        ['lint', '--source-dir', join(ROOT, '.output', 'firefox-mv2'), '--output', 'json', '--boring', '--no-input'],
        { capture: true },
      );
      let report;
      try {
        report = JSON.parse(res.stdout.slice(res.stdout.indexOf('{')));
      } catch {
        process.stdout.write(res.stdout);
        return { ok: false, note: 'could not parse web-ext lint JSON output' };
      }
      const show = (kind, list) => {
        for (const m of list ?? []) {
          console.log(`  ${kind} ${m.code}: ${m.message}${m.file ? ` (${m.file}${m.line ? `:${m.line}` : ''})` : ''}`);
          if (m.description && kind === 'ERROR') console.log(`        ${String(m.description).replace(/\s+/g, ' ').slice(0, 300)}`);
        }
      };
      show('ERROR', report.errors);
      show('warning', report.warnings);
      show('notice', report.notices);
      const errors = report.errors?.length ?? report.summary?.errors ?? 0;
      const warnings = report.warnings?.length ?? 0;
      const note = `${errors} errors, ${warnings} warnings, ${report.notices?.length ?? 0} notices`;
      console.log(`  web-ext lint: ${note}`);
      return { ok: errors === 0 && res.code === 0, note };
    },
  },
  {
    name: 'bundle sizes (size-limit)',
    async run() {
      const res = await run(bin('size-limit'), []);
      return { ok: res.code === 0 };
    },
  },
  vitestStep('end-to-end tests (vitest --config vitest.e2e.config.ts)', ['--config', 'vitest.e2e.config.ts'], 'e2e.json'),
];

function printSummary(failedStep) {
  console.log('\n──────── npm test summary ────────');
  for (const s of summary) console.log(`${s.ok ? 'ok  ' : 'FAIL'}  ${s.name}${s.note ? ` — ${s.note}` : ''}  (${s.seconds.toFixed(1)} s)`);
  const notRun = steps.slice(summary.length).map((s) => s.name);
  if (notRun.length) console.log(`not run: ${notRun.join('; ')}`);
  if (failedStep) console.log(`\nStopped at: ${failedStep}`);
  if (totals.skipped) console.log(`${totals.skipped} test(s) skipped or todo`);
  // CI reads this exact line; keep it last.
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
}

mkdirSync(RESULTS, { recursive: true });
let interrupted = false;
process.on('SIGINT', () => {
  interrupted = true;
});

for (const step of steps) {
  console.log(`\n━━━━ ${step.name} ━━━━`);
  const t0 = performance.now();
  let result;
  try {
    result = await step.run();
  } catch (err) {
    result = { ok: false, note: String(err) };
  }
  summary.push({ name: step.name, ok: result.ok && !interrupted, note: result.note, seconds: (performance.now() - t0) / 1000 });
  if (!result.ok || interrupted) {
    if (totals.failed === 0) totals.failed = 1; // a failed non-test step still counts as a failure
    printSummary(interrupted ? `${step.name} (interrupted)` : step.name);
    process.exit(1);
  }
}
printSummary();
process.exit(totals.failed === 0 ? 0 : 1);
