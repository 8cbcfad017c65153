import { ImportFileError, importRecords, type ColumnMapping, type DateFormat, type ImportFormat, type ImportProblem } from '@/lib/io/import';
import type { ImportSummary } from '@/lib/model/owner';
import type { ShopRef } from '@/lib/model/sighting';
import { call } from '@/lib/rpc/owner-client';
import { fileChunks } from './file-chunks';
import { followJobProgress } from './job-progress';

/** Records per import.stage call: big enough to keep messages few, small enough to stay snappy. */
export const STAGE_BATCH = 2000;

export interface ImportPlan {
  file: Blob;
  fileName: string;
  shop: ShopRef;
  /** The detected format, or 'generic' with a mapping. */
  format: ImportFormat;
  mapping?: ColumnMapping;
  dateFormat?: DateFormat;
  utcOffset?: string;
  currency?: string;
}

export interface ImportProgress {
  phase: 'reading' | 'saving';
  /** Bytes of the file read so far, and its size. */
  bytes: number;
  size: number;
  rows: number;
  /** While saving: records written of all (from the background's broadcasts). */
  done?: number;
  total?: number;
  /** ms since the start, for rows per second. */
  elapsed: number;
}

export type ImportOutcome =
  | { kind: 'done'; summary: ImportSummary; problems: ImportProblem[]; rows: number }
  | { kind: 'cancelled' }
  /** Nothing was imported; `error` says why (an ImportFileError or a call's error). */
  | { kind: 'failed'; error: unknown };

/**
 * Streams a file into the background: begin, one stage per batch, commit. The background applies
 * the staged batches in one transaction at commit, so a failure or a cancel anywhere before that
 * (then jobs.cancel) leaves the shop exactly as it was.
 */
export async function runImport(
  plan: ImportPlan,
  { signal, onProgress, now = () => performance.now() }: { signal: AbortSignal; onProgress: (p: ImportProgress) => void; now?: () => number },
): Promise<ImportOutcome> {
  const started = now();
  const problems: ImportProblem[] = [];
  let rows = 0;
  let bytes = 0;
  let jobId: string | undefined;
  const report = (p: Partial<ImportProgress> & Pick<ImportProgress, 'phase'>) =>
    onProgress({ bytes, size: plan.file.size, rows, elapsed: now() - started, ...p });
  try {
    signal.throwIfAborted();
    ({ jobId } = await call('import.begin', { shop: plan.shop, fileName: plan.fileName.slice(0, 300), format: plan.format }));
    report({ phase: 'reading' });
    const batches = importRecords(fileChunks(plan.file), {
      ...(plan.mapping ? { mapping: plan.mapping } : {}),
      ...(plan.dateFormat ? { dateFormat: plan.dateFormat } : {}),
      ...(plan.utcOffset ? { utcOffset: plan.utcOffset } : {}),
      ...(plan.currency ? { currency: plan.currency } : {}),
      batchSize: STAGE_BATCH,
      signal,
      onProgress: (p) => {
        bytes = p.bytes;
        rows = p.rows;
        report({ phase: 'reading' });
      },
    });
    for await (const batch of batches) {
      rows = batch.rows;
      // Kept compactly: only what the list and the download need.
      for (const p of batch.problems) problems.push(p.params ? { line: p.line, message: p.message, params: p.params } : { line: p.line, message: p.message });
      if (batch.orders.length || batch.customers.length) {
        await call('import.stage', { jobId, orders: batch.orders, customers: batch.customers });
      }
      signal.throwIfAborted();
    }
    report({ phase: 'saving' });
    const id = jobId;
    const stop = followJobProgress(id, (done, total) => report({ phase: 'saving', done, total }));
    // A cancel while the background commits asks it to drop the job; if the commit had already
    // gone through, its summary is what happened and is reported as such.
    const cancelCommit = () => void call('jobs.cancel', { jobId: id }).catch(() => undefined);
    signal.addEventListener('abort', cancelCommit, { once: true });
    try {
      const summary = await call('import.commit', { jobId: id });
      return { kind: 'done', summary, problems, rows };
    } finally {
      signal.removeEventListener('abort', cancelCommit);
      stop();
    }
  } catch (error) {
    if (jobId !== undefined) await call('jobs.cancel', { jobId }).catch(() => undefined);
    if (signal.aborted) return { kind: 'cancelled' };
    return { kind: 'failed', error };
  }
}

export function isFileError(error: unknown): error is ImportFileError {
  return error instanceof ImportFileError;
}
