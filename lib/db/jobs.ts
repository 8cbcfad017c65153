import { randomId } from '../model/ids';
import type { BuyerLensDb, JobRow, StagingRow } from './database';
import type { StepTimings } from './timings';

/** A job nobody committed or cancelled within a day was abandoned (a closed tab, a crash). */
export const JOB_MAX_AGE_MS = 24 * 3600_000;

/** Open a job; abandoned ones are dropped first so their staged rows do not pile up. */
export async function openJob(db: BuyerLensDb, kind: JobRow['kind'], info: unknown, now: number): Promise<string> {
  const id = randomId('job');
  await db.transaction('rw', db.jobs, db.staging, async () => {
    const stale = (await db.jobs.toArray()).filter((j) => now - j.startedAt > JOB_MAX_AGE_MS);
    for (const job of stale) await dropStaged(db, job.id);
    await db.jobs.put({ id, kind, info, startedAt: now, staged: 0 });
  });
  return id;
}

/**
 * Append one batch to a job, counting `records` towards its total; undefined when the job is not
 * open (or is of another kind). The batch is one row: a job of 100,000 records is ~20 rows.
 */
export async function stageBatch(
  db: BuyerLensDb,
  jobId: string,
  kind: JobRow['kind'],
  row: Omit<StagingRow, 'jobId' | 'seq'>,
  records: number,
): Promise<JobRow | undefined> {
  return db.transaction('rw', db.jobs, db.staging, async () => {
    const job = await db.jobs.get(jobId);
    if (!job || job.kind !== kind) return undefined;
    await db.staging.add({ ...row, jobId });
    const next = { ...job, staged: job.staged + records };
    await db.jobs.put(next);
    return next;
  });
}

/** Drop a job and everything it staged; whether there was such a job. */
export async function dropJob(db: BuyerLensDb, jobId: string): Promise<boolean> {
  return db.transaction('rw', db.jobs, db.staging, async () => {
    const job = await db.jobs.get(jobId);
    await dropStaged(db, jobId);
    return !!job;
  });
}

async function dropStaged(db: BuyerLensDb, jobId: string): Promise<void> {
  await db.staging.where('jobId').equals(jobId).delete();
  await db.jobs.delete(jobId);
}

/**
 * The staged rows of a job, in the order they were staged, read one at a time inside the
 * caller's transaction, so memory holds one batch whatever the size of the file.
 */
export async function forEachStaged(
  db: BuyerLensDb,
  jobId: string,
  visit: (row: StagingRow) => Promise<void>,
  timings?: StepTimings,
): Promise<number[]> {
  const seqs = (await db.staging.where('jobId').equals(jobId).primaryKeys()) as number[];
  for (const seq of seqs) {
    const t0 = performance.now();
    const row = await db.staging.get(seq);
    timings?.add('staging read', performance.now() - t0);
    if (row) await visit(row);
  }
  return seqs;
}
