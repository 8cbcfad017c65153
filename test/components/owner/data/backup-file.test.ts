import { describe, expect, it } from 'vitest';
import { BackupFileError, backupFileName, parseHeader, readBackup, textLines, type BackupChunk } from '@/components/owner/data/backup-file';
import { BACKUP_TABLES } from '@/lib/model/owner';

async function* chunks(...parts: string[]): AsyncGenerator<string> {
  for (const p of parts) yield p;
}

async function collect<T>(gen: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

const counts = (c: Record<string, number>) => ({ ...Object.fromEntries(BACKUP_TABLES.map((t) => [t, 0])), ...c });
const header = (c: Record<string, number>, extra = {}) => JSON.stringify({ format: 'buyerlens-backup', version: 1, createdAt: '2026-01-31T10:00:00Z', counts: counts(c), ...extra });

async function problemOf(gen: AsyncIterable<unknown>): Promise<[string, Record<string, unknown>]> {
  try {
    await collect(gen);
  } catch (e) {
    if (e instanceof BackupFileError) return [e.problem, e.params];
    throw e;
  }
  return ['none', {}];
}

describe('textLines', () => {
  it('joins lines split across chunks, accepts CRLF, skips blank lines and numbers lines as an editor does', async () => {
    const lines = await collect(textLines(chunks('ab', 'c\r\nde', 'f\n\n', 'gh')));
    expect(lines).toEqual([
      { line: 1, text: 'abc', terminated: true },
      { line: 2, text: 'def', terminated: true },
      { line: 4, text: 'gh', terminated: false },
    ]);
  });

  it('refuses a first line too long to be a backup header', async () => {
    expect(await problemOf(textLines(chunks('x'.repeat(70_000))))).toEqual(['notBackup', { line: 1 }]);
  });
});

describe('parseHeader', () => {
  it('accepts a header and tells other files and newer versions apart', () => {
    expect(parseHeader(header({ customers: 2 })).counts.customers).toBe(2);
    const problem = (text: string) => {
      try {
        parseHeader(text);
        return 'accepted';
      } catch (e) {
        return (e as BackupFileError).problem;
      }
    };
    expect(problem('Name,Email')).toBe('notBackup');
    expect(problem('{"format":"buyerlens-recipes","version":1}')).toBe('notBackup');
    expect(problem(header({}, { version: 3 }))).toBe('newer');
    expect(problem(header({}, { counts: { customers: -1 } }))).toBe('notBackup');
  });
});

describe('readBackup', () => {
  it('yields the header, then pages of one table each, no larger than the page size', async () => {
    const rows = [
      JSON.stringify({ table: 'shops', row: { id: 's' } }),
      ...[1, 2, 3].map((i) => JSON.stringify({ table: 'customers', row: { id: `c${i}` } })),
    ];
    const out = await collect(readBackup(chunks(`${header({ shops: 1, customers: 3 })}\n${rows.join('\n')}\n`), 2));
    expect(out.map((c: BackupChunk) => (c.kind === 'header' ? 'header' : `${c.table}:${c.rows.length}`))).toEqual(['header', 'shops:1', 'customers:2', 'customers:1']);
  });

  it('a file with fewer records than its header says is cut', async () => {
    const text = `${header({ orders: 2 })}\n${JSON.stringify({ table: 'orders', row: { id: 'o1' } })}\n`;
    expect(await problemOf(readBackup(chunks(text)))).toEqual(['cut', { table: 'orders', expected: 2, found: 1 }]);
  });

  it('a damaged line in the middle is reported with its number; unknown tables too', async () => {
    const bad = `${header({ orders: 2 })}\n{"table":"orders","row":{}}\n{"table":"orders",\n`;
    expect(await problemOf(readBackup(chunks(bad)))).toEqual(['badLine', { line: 3 }]);
    const unknown = `${header({})}\n{"table":"passwords","row":{}}\n`;
    expect(await problemOf(readBackup(chunks(unknown)))).toEqual(['badLine', { line: 2 }]);
  });

  it('an empty file is empty', async () => {
    expect(await problemOf(readBackup(chunks('')))).toEqual(['empty', {}]);
  });

  it('names the file by the local date', () => {
    expect(backupFileName(new Date(2026, 0, 5, 23, 59))).toBe('buyerlens-backup-2026-01-05.jsonl');
  });
});
