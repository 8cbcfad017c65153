import { BACKUP_TABLES, type BackupHeader, type BackupTable } from '@/lib/model/owner';
import { call } from '@/lib/rpc/owner-client';
import { fileTexts } from '../import/file-chunks';
import { followJobProgress } from '../import/job-progress';
import { backupHeaderLine, backupRecordLine, readBackup } from './backup-file';

/** Rows per backup.read call. */
const READ_PAGE = 5000;
/** Lines are gathered into parts of about this many characters before going into the Blob. */
const PART_CHARS = 1 << 20;

export interface JobStep {
  done: number;
  total: number;
}

/**
 * Every table, page by page, as JSON Lines parts: the header first, then one line per record.
 * The header carries the counts actually written (not the ones announced before reading), so a
 * record added meanwhile cannot make a whole backup look cut.
 */
export async function writeBackup(onProgress: (p: JobStep) => void, now = new Date()): Promise<{ parts: string[]; counts: Record<BackupTable, number> }> {
  const { counts: announced } = await call('backup.info', {});
  const total = BACKUP_TABLES.reduce((n, t) => n + (announced[t] ?? 0), 0);
  const counts = Object.fromEntries(BACKUP_TABLES.map((t) => [t, 0])) as Record<BackupTable, number>;
  const parts: string[] = [];
  let part = '';
  let done = 0;
  onProgress({ done, total });
  for (const table of BACKUP_TABLES) {
    for (let offset = 0; ; offset += READ_PAGE) {
      const { rows } = await call('backup.read', { table, offset, limit: READ_PAGE });
      for (const row of rows) {
        part += backupRecordLine(table, row);
        if (part.length >= PART_CHARS) {
          parts.push(part);
          part = '';
        }
      }
      counts[table] += rows.length;
      done += rows.length;
      onProgress({ done, total: Math.max(total, done) });
      if (rows.length < READ_PAGE) break;
    }
  }
  if (part) parts.push(part);
  parts.unshift(backupHeaderLine(counts, now));
  return { parts, counts };
}

/** Reads a whole backup file once without sending anything: its header if it is whole and readable. */
export async function checkBackup(file: Blob, onProgress: (p: JobStep) => void): Promise<BackupHeader> {
  let header: BackupHeader | undefined;
  let done = 0;
  for await (const chunk of readBackup(fileTexts(file))) {
    if (chunk.kind === 'header') header = chunk.header;
    else {
      done += chunk.rows.length;
      onProgress({ done, total: total(header) });
    }
  }
  return header!;
}

export function total(header: BackupHeader | undefined): number {
  return header ? BACKUP_TABLES.reduce((n, t) => n + (header.counts[t] ?? 0), 0) : 0;
}

/**
 * Replaces every table with the backup's: begin, stage page by page, commit. The background swaps
 * the data in one transaction at commit; on any failure before that the job is cancelled and
 * nothing has changed.
 */
export async function restoreBackup(
  file: Blob,
  onProgress: (p: JobStep & { phase: 'staging' | 'saving' }) => void,
): Promise<Record<BackupTable, number>> {
  let jobId: string | undefined;
  try {
    let all = 0;
    let done = 0;
    for await (const chunk of readBackup(fileTexts(file))) {
      if (chunk.kind === 'header') {
        all = total(chunk.header);
        ({ jobId } = await call('restore.begin', { header: chunk.header }));
        onProgress({ phase: 'staging', done, total: all });
        continue;
      }
      await call('restore.stage', { jobId: jobId!, table: chunk.table, rows: chunk.rows });
      done += chunk.rows.length;
      onProgress({ phase: 'staging', done, total: all });
    }
    const id = jobId!;
    onProgress({ phase: 'saving', done: 0, total: all });
    const stop = followJobProgress(id, (d, t) => onProgress({ phase: 'saving', done: d, total: t }));
    try {
      const { counts } = await call('restore.commit', { jobId: id });
      return counts;
    } finally {
      stop();
    }
  } catch (error) {
    if (jobId !== undefined) await call('jobs.cancel', { jobId }).catch(() => undefined);
    throw error;
  }
}
