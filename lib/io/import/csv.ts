import Papa from 'papaparse';
import { ImportFileError } from './types';

/** One CSV record: its cells and the physical line it starts on (1-based). */
export interface CsvRecord {
  line: number;
  cells: string[];
  /** Papaparse found a malformed quote in this record (e.g. `"abc"x`): its cells are unreliable. */
  malformed?: boolean;
}

/** A record still open after this many characters is not a record (an unterminated quote). */
export const MAX_RECORD_CHARS = 4 * 1024 * 1024;

export interface CsvOptions {
  maxRecordChars?: number;
  /** Told once, when the dialect is known. */
  onDialect?: (d: { delimiter: string; newline: string }) => void;
}

/**
 * Streams CSV records out of text chunks with papaparse's parser, chunk by chunk the way
 * papaparse's own streamers do it (the unfinished last record is carried into the next chunk).
 * Quoted cells may hold delimiters, quotes (`""`) and newlines. The delimiter (`,` `;` or tab) and
 * the line break (CRLF, LF, CR) are taken from the header line.
 *
 * Throws ImportFileError import.error.truncated when the file ends inside a quoted cell, and
 * import.error.recordTooLong when a record grows past `maxRecordChars`.
 */
export async function* csvRecords(texts: AsyncIterable<string>, options: CsvOptions = {}): AsyncGenerator<CsvRecord[]> {
  const maxRecord = options.maxRecordChars ?? MAX_RECORD_CHARS;
  let head = '';
  let parser: Papa.Parser | undefined;
  let partial = '';
  let base = 0; // absolute offset of `partial`'s first character
  let line = 1; // physical line of `partial`'s first character
  let batch: CsvRecord[] = [];
  let aggregate = '';
  let aggregateBase = 0;
  let rowStart = 0; // absolute offset of the next record

  const step = (results: Papa.ParseStepResult<string[]>) => {
    const end: number = results.meta.cursor;
    const text = aggregate.slice(rowStart - aggregateBase, end - aggregateBase);
    const cells = (results.data as unknown as string[][])[0] ?? [];
    const rec: CsvRecord = { line, cells };
    if (results.errors.length) {
      if (results.errors.some((e) => e.code === 'MissingQuotes')) throw new ImportFileError('import.error.truncated', { line });
      rec.malformed = true;
    }
    batch.push(rec);
    line += countLineBreaks(text);
    rowStart = end;
  };

  const feed = (chunk: string, final: boolean) => {
    aggregate = partial + chunk;
    aggregateBase = base;
    const results = parser!.parse(aggregate, base, !final) as Papa.ParseResult<string[]>;
    const cursor: number = results.meta.cursor;
    if (!final) {
      partial = aggregate.slice(cursor - base);
      base = cursor;
      if (partial.length > maxRecord) throw new ImportFileError('import.error.recordTooLong', { line });
    }
    aggregate = '';
  };

  const start = (sample: string) => {
    const dialect = guessDialect(sample);
    options.onDialect?.(dialect);
    parser = new Papa.Parser({ ...dialect, step } as Papa.ParseConfig);
  };

  for await (const text of texts) {
    if (!parser) {
      head += text;
      if (!/[\n]/.test(head) && head.length < 65536) continue;
      start(head);
      feed(head, false);
      head = '';
    } else feed(text, false);
    if (batch.length) {
      yield batch;
      batch = [];
    }
  }
  if (!parser) {
    if (!head) return;
    start(head);
    feed(head, true);
  } else feed('', true);
  if (batch.length) yield batch;
}

/** Delimiter and line break from the first line (outside quotes). */
export function guessDialect(sample: string): { delimiter: string; newline: '\n' | '\r\n' | '\r' } {
  let firstLine = '';
  let quoted = false;
  let newline: '\n' | '\r\n' | '\r' = '\n';
  for (let i = 0; i < sample.length; i++) {
    const c = sample[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      newline = c === '\r' ? (sample[i + 1] === '\n' ? '\r\n' : i + 1 < sample.length ? '\r' : '\r\n') : '\n';
      break;
    }
    firstLine += c;
  }
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts: [string, number][] = [',', ';', '\t'].map((d) => [d, unquoted.split(d).length - 1]);
  counts.sort((a, b) => b[1] - a[1]);
  const best = counts[0]!;
  return { delimiter: best[1] > 0 ? best[0] : ',', newline };
}

function countLineBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}
