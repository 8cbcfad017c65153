import * as z from 'zod/mini';
import { BACKUP_FORMAT, BACKUP_TABLES, BACKUP_VERSION, BackupHeader, BackupTable } from '@/lib/model/owner';

/** Why a file cannot be restored; each is a dataUi.restore.error.* message. */
export type BackupProblem = 'empty' | 'notBackup' | 'newer' | 'badLine' | 'cut';

export class BackupFileError extends Error {
  override readonly name = 'BackupFileError';
  constructor(
    readonly problem: BackupProblem,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`dataUi.restore.error.${problem}`);
  }
}

/** The header line is small; a first line longer than this is not a backup's. */
const MAX_HEADER_CHARS = 64 * 1024;
/** One record per line; a line longer than this is not one of ours (and would eat memory). */
const MAX_LINE_CHARS = 16 * 1024 * 1024;
/** Rows per restore.stage call. */
export const RESTORE_PAGE = 5000;

export interface TextLine {
  /** 1-based. */
  line: number;
  text: string;
  /** False for a last line the file ends in without a line break (possibly cut). */
  terminated: boolean;
}

/**
 * Lines out of streamed text chunks, carrying the unfinished last line into the next chunk, so
 * a backup of any size is read without one string of its whole size. Blank lines are skipped.
 */
export async function* textLines(texts: AsyncIterable<string>, maxLine = MAX_LINE_CHARS): AsyncGenerator<TextLine> {
  let rest = '';
  let line = 0;
  for await (const text of texts) {
    rest += text;
    let start = 0;
    for (let nl = rest.indexOf('\n', start); nl >= 0; nl = rest.indexOf('\n', start)) {
      line++;
      const body = rest.slice(start, nl).replace(/\r$/, '');
      start = nl + 1;
      if (body.trim()) yield { line, text: body, terminated: true };
    }
    rest = rest.slice(start);
    const limit = line === 0 ? MAX_HEADER_CHARS : maxLine;
    if (rest.length > limit) throw new BackupFileError(line === 0 ? 'notBackup' : 'badLine', { line: line + 1 });
  }
  if (rest.trim()) yield { line: line + 1, text: rest.replace(/\r$/, ''), terminated: false };
}

/** The first line of a file, checked: a BuyerLens backup this version can read, or why not. */
export function parseHeader(text: string): BackupHeader {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch {
    throw new BackupFileError('notBackup');
  }
  if (!json || typeof json !== 'object' || (json as { format?: unknown }).format !== BACKUP_FORMAT) throw new BackupFileError('notBackup');
  const version = (json as { version?: unknown }).version;
  if (typeof version === 'number' && version > BACKUP_VERSION) throw new BackupFileError('newer', { version });
  const header = BackupHeader.safeParse(json);
  if (!header.success) throw new BackupFileError('notBackup');
  return header.data;
}

const Record_ = z.object({ table: BackupTable, row: z.unknown() });

export type BackupChunk = { kind: 'header'; header: BackupHeader } | { kind: 'rows'; table: BackupTable; rows: unknown[] };

/**
 * Reads a backup: the header first, then its records in pages of one table (≤ pageSize rows),
 * and at the end checks that every table holds as many records as the header says. Throws a
 * BackupFileError for anything that is not a whole, readable backup: the caller restores
 * nothing (or cancels what it staged).
 */
export async function* readBackup(texts: AsyncIterable<string>, pageSize = RESTORE_PAGE): AsyncGenerator<BackupChunk> {
  let header: BackupHeader | undefined;
  const seen = Object.fromEntries(BACKUP_TABLES.map((t) => [t, 0])) as Record<BackupTable, number>;
  let page: { table: BackupTable; rows: unknown[] } | undefined;
  for await (const { line, text, terminated } of textLines(texts)) {
    if (!header) {
      header = parseHeader(text);
      yield { kind: 'header', header };
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // A last line without its line break that does not parse: the file was cut there.
      throw new BackupFileError(terminated ? 'badLine' : 'cut', { line });
    }
    const record = Record_.safeParse(json);
    if (!record.success || record.data.row === undefined) throw new BackupFileError('badLine', { line });
    const { table, row } = record.data;
    seen[table]++;
    if (page && (page.table !== table || page.rows.length >= pageSize)) {
      yield { kind: 'rows', ...page };
      page = undefined;
    }
    (page ??= { table, rows: [] }).rows.push(row);
  }
  if (!header) throw new BackupFileError('empty');
  if (page) yield { kind: 'rows', ...page };
  for (const table of BACKUP_TABLES) {
    const expected = header.counts[table] ?? 0;
    if (seen[table] !== expected) throw new BackupFileError('cut', { table, expected, found: seen[table] });
  }
}

/** `buyerlens-backup-2026-11-02.jsonl`, in the person's own calendar. */
export function backupFileName(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `buyerlens-backup-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.jsonl`;
}

/** The header line and record lines of a backup, as Blob parts (a backup never becomes one string). */
export function backupHeaderLine(counts: Record<BackupTable, number>, createdAt: Date): string {
  const header: BackupHeader = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: createdAt.toISOString(), counts };
  return `${JSON.stringify(header)}\n`;
}

export function backupRecordLine(table: BackupTable, row: unknown): string {
  return `${JSON.stringify({ table, row })}\n`;
}
