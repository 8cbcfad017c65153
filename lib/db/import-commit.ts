import * as z from 'zod/mini';
import { shopIdOf } from '../model/ids';
import type { ImportSummary } from '../model/owner';
import { ImportedCustomer, OrderSighting, ShopRef } from '../model/sighting';
import { RpcError } from '../rpc/server';
import { customerCounts, emptyImportReport } from './import-report';
import { putAggregatesFrom } from './aggregates';
import { newImportCache, primeImportCache } from './import-records';
import { forEachStaged } from './jobs';
import type { OwnerContext } from './owner-context';
import { stepTimings } from './timings';
import { applyInSession, closeWriteSession, openWriteSession } from './write';

/** What import.begin keeps on the job. */
export const ImportJobInfo = z.object({ shop: ShopRef, fileName: z.string(), format: z.string() });
export type ImportJobInfo = z.infer<typeof ImportJobInfo>;

/** One staged batch, as import.stage validated it. */
export interface ImportBatch {
  orders: OrderSighting[];
  customers: ImportedCustomer[];
}

/**
 * Apply every staged batch of an import in ONE transaction: each batch is one import.records
 * mutation with its own clock tick and outbox entry, exactly as applyMutations would write it,
 * and the staged rows and the job go in the same transaction. The whole file, or (on any
 * failure) nothing, with the job left to retry or cancel.
 */
export async function commitImport(ctx: OwnerContext, jobId: string): Promise<ImportSummary> {
  const { db } = ctx;
  const started = performance.now();
  const report = emptyImportReport();
  const timings = stepTimings();
  const { shopId, changed } = await db.transaction('rw', [...db.writeTables, db.staging, db.jobs], async () => {
    const job = await db.jobs.get(jobId);
    const info = job?.kind === 'import' ? ImportJobInfo.safeParse(job.info) : undefined;
    if (!job || !info?.success) throw new RpcError('not-found', ctx.message('dataService.errors.jobNotFound'));
    const { shop } = info.data;
    const session = await openWriteSession(db);
    const importCache = newImportCache(shopIdOf(shop.platform, shop.key));
    let t0 = performance.now();
    await primeImportCache(db, importCache, job.staged);
    timings?.add('prime', performance.now() - t0);
    let done = 0;
    const seqs = await forEachStaged(db, jobId, async (row) => {
      // Validated by import.stage's schema on the way in; the staging table is ours alone.
      const { orders, customers } = row.payload as ImportBatch;
      for (const part of bySize(orders, customers)) {
        await applyInSession(db, session, { name: 'import.records', args: { shop, importId: jobId, ...part } }, ctx.now, {
          importReport: report,
          importCache,
          ...(timings ? { timings } : {}),
        });
      }
      done += orders.length + customers.length;
      ctx.progress({ type: 'buyerlens:job-progress', jobId, done, total: Math.max(done, job.staged) });
    }, timings);
    // The shop's statistics are recomputed whole below, so no per-customer changes are kept.
    t0 = performance.now();
    if (importCache.ordersOf) {
      // The shop had no orders before this commit: the figures come from what it wrote, unread.
      const ordersOf = new Map([...importCache.ordersOf].map(([id, own]) => [id, [...own.values()]]));
      await putAggregatesFrom(db, importCache.shopId, session.touched, ordersOf);
      session.touched.clear();
    }
    await closeWriteSession(db, session, { collect: false });
    timings?.add('aggregates', performance.now() - t0);
    t0 = performance.now();
    await db.staging.bulkDelete(seqs);
    await db.jobs.delete(jobId);
    timings?.add('staging delete', performance.now() - t0);
    return { shopId: shopIdOf(shop.platform, shop.key), changed: session.changed };
  });
  timings?.add('transaction', performance.now() - started);
  if (changed) {
    const t0 = performance.now();
    await ctx.engine.recomputeAll(shopId);
    timings?.add('recomputeAll', performance.now() - t0);
    ctx.changed(shopId);
  }
  timings?.log(`import.commit ${jobId}`);
  return {
    orders: { ...report.orders },
    customers: customerCounts(report),
    skippedForgotten: report.skippedForgotten,
    possibleDuplicates: report.possibleDuplicates.size,
    ms: Math.round(performance.now() - started),
  };
}

/**
 * At most this many characters of JSON per import.records mutation (3 MB of UTF-8 at worst): the
 * sync server refuses request bodies over 4 MB, and an outbox entry that can never be pushed
 * would hold back every change behind it. A batch of plain orders stays one mutation.
 */
export const IMPORT_MUTATION_MAX_CHARS = 1_000_000;

/** A staged batch as one or more parts, each under IMPORT_MUTATION_MAX_CHARS of JSON. */
export function bySize(orders: OrderSighting[], customers: ImportedCustomer[], max = IMPORT_MUTATION_MAX_CHARS): ImportBatch[] {
  const parts: ImportBatch[] = [];
  let part: ImportBatch = { orders: [], customers: [] };
  let size = 0;
  const add = (kind: 'orders' | 'customers', item: OrderSighting | ImportedCustomer) => {
    const chars = JSON.stringify(item).length + 1;
    if (size + chars > max && (part.orders.length || part.customers.length)) {
      parts.push(part);
      part = { orders: [], customers: [] };
      size = 0;
    }
    (part[kind] as unknown[]).push(item);
    size += chars;
  };
  for (const o of orders) add('orders', o);
  for (const c of customers) add('customers', c);
  parts.push(part);
  return parts;
}
