import { csvRecords, type CsvOptions } from './csv';
import { decodeText } from './decode';
import type { TextEncodingName } from './detect-encoding';
import { FORMAT_SPECS, detectFormat, missingColumns, type ImportFormat } from './formats';
import { ColumnMapping, genericMapper, unmappedColumns } from './generic';
import {
  DateFormat,
  ImportFileError,
  emptyResult,
  normalizeHeader,
  toFields,
  type ImportProblem,
  type ImportedCustomer,
  type MapOptions,
  type MapResult,
  type RowMapper,
} from './types';
import type { OrderSighting } from '../../model/sighting';
import { normalizeOffset } from './values';

/**
 * The most data rows one file may hold. A file commits in one transaction, so its size bounds
 * how long that transaction runs (about 250,000 orders, a few minutes on a slow machine): past
 * it the owner is asked to split the export by date, before anything is written.
 */
export const MAX_IMPORT_ROWS = 500_000;

export interface ImportOptions {
  /** A column mapping chosen in the UI; when given it is used whatever the detected format. */
  mapping?: ColumnMapping;
  /** How to read day/month order in dates like 03/04/2025 (generic files; default year-first). */
  dateFormat?: DateFormat;
  /** Offset of dates written without one; default +08:00 for Taobao, UTC otherwise. */
  utcOffset?: string;
  /** Currency of amounts the file gives without one (WooCommerce Analytics, generic files). */
  currency?: string;
  signal?: AbortSignal;
  onProgress?: (p: { bytes: number; rows: number }) => void;
  /** Data rows a file may hold (default MAX_IMPORT_ROWS); past it the whole file fails. */
  maxRows?: number;
  /** Records per batch (orders + customers), default 1000. */
  batchSize?: number;
  csv?: CsvOptions;
}

export interface ImportBatch extends MapResult {
  format: ImportFormat;
  encoding: TextEncodingName | undefined;
  /** The header row as in the file (trimmed). */
  header: readonly string[];
  /** Data rows read so far (blank lines not counted). */
  rows: number;
  /** True on the last batch of the file. */
  done: boolean;
}

/**
 * Reads an export file as a stream and yields batches of validated records (orders or
 * customers) with the problems of their rows, each with its line number. Bad rows never throw:
 * they become problems and are skipped. The whole file fails (the generator throws an
 * ImportFileError, nothing should be written) for: an empty file, a workbook or binary data,
 * undecodable text, no header row, a recognised format missing required columns, a generic file
 * without a mapping (the error carries the header so the UI can ask for one), a mapping naming
 * absent columns, and a file cut inside a quoted cell. An abort rejects with `signal.reason`.
 */
export async function* importRecords(chunks: AsyncIterable<Uint8Array>, options: ImportOptions = {}): AsyncGenerator<ImportBatch> {
  const { signal, onProgress } = options;
  const batchSize = options.batchSize ?? 1000;
  const maxRows = options.maxRows ?? MAX_IMPORT_ROWS;
  signal?.throwIfAborted();
  if (options.utcOffset !== undefined && !normalizeOffset(options.utcOffset)) {
    throw new ImportFileError('import.error.invalidOption', { option: 'utcOffset', value: options.utcOffset });
  }
  if (options.currency !== undefined && !/^[A-Z]{3}$/.test(options.currency)) {
    throw new ImportFileError('import.error.invalidOption', { option: 'currency', value: options.currency });
  }
  const mapping = options.mapping === undefined ? undefined : ColumnMapping.safeParse(options.mapping);
  if (mapping && !mapping.success) {
    throw new ImportFileError('import.error.invalidMapping', { field: mapping.error.issues[0]?.path.join('.') ?? '-' });
  }
  const dateFormat = options.dateFormat === undefined ? undefined : DateFormat.safeParse(options.dateFormat);
  if (dateFormat && !dateFormat.success) {
    throw new ImportFileError('import.error.invalidOption', { option: 'dateFormat', value: String(options.dateFormat) });
  }
  const mapOptions: MapOptions = {
    ...(options.utcOffset !== undefined ? { utcOffset: options.utcOffset } : {}),
    ...(options.currency !== undefined ? { currency: options.currency } : {}),
    ...(dateFormat?.success ? { dateFormat: dateFormat.data } : {}),
  };

  let bytes = 0;
  let rows = 0;
  let encoding: TextEncodingName | undefined;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      signal?.throwIfAborted();
      bytes += chunk.length;
      yield chunk;
    }
  }

  let header: string[] | undefined;
  let keys: string[] = [];
  let format: ImportFormat = 'generic';
  let mapper: RowMapper | undefined;
  let out = emptyResult();
  const batch = (done: boolean): ImportBatch => {
    const b: ImportBatch = { ...out, format, encoding, header: header ?? [], rows, done };
    out = emptyResult();
    return b;
  };

  const texts = decodeText(counted(), { onEncoding: (e) => (encoding = e) });
  for await (const records of csvRecords(texts, options.csv)) {
    for (const rec of records) {
      if (isBlank(rec.cells)) continue;
      if (!header) {
        header = rec.cells.map((c) => c.replace(/^\ufeff/, '').trim());
        keys = header.map(normalizeHeader);
        format = detectFormat(header);
        mapper = makeMapper(header, format, mapping?.success ? mapping.data : undefined, mapOptions);
        if (mapping?.success) format = 'generic';
        continue;
      }
      if (++rows > maxRows) throw new ImportFileError('import.error.tooManyRows', { max: maxRows });
      if (rec.malformed) {
        out.problems.push({ line: rec.line, message: 'import.problem.malformedQuotes' });
        continue;
      }
      if (rec.cells.length !== header.length) {
        out.problems.push({ line: rec.line, message: 'import.problem.columnCount', params: { expected: header.length, found: rec.cells.length } });
        continue;
      }
      mapper!.push({ line: rec.line, fields: toFields(keys, rec.cells) }, out);
      if (out.orders.length + out.customers.length + out.problems.length >= batchSize) {
        signal?.throwIfAborted();
        yield batch(false);
      }
    }
    onProgress?.({ bytes, rows });
  }
  signal?.throwIfAborted();
  if (!header || !mapper) throw new ImportFileError('import.error.noHeader');
  mapper.end(out);
  onProgress?.({ bytes, rows });
  yield batch(true);
}

function makeMapper(header: readonly string[], format: ImportFormat, mapping: ColumnMapping | undefined, options: MapOptions): RowMapper {
  if (mapping) {
    const absent = unmappedColumns(mapping, header);
    if (absent.length) throw new ImportFileError('import.error.mappingColumns', { columns: absent.join(', ') }, header);
    return genericMapper(mapping, options);
  }
  if (format === 'generic') throw new ImportFileError('import.error.mappingRequired', { columns: header.join(', ') }, header);
  const missing = missingColumns(format, header);
  if (missing.length) throw new ImportFileError('import.error.missingColumns', { format, columns: missing.join(', ') }, header);
  return FORMAT_SPECS[format].mapper(options);
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

export type ImportResult =
  | {
      ok: true;
      format: ImportFormat;
      encoding: TextEncodingName | undefined;
      header: readonly string[];
      rows: number;
      orders: OrderSighting[];
      customers: ImportedCustomer[];
      problems: ImportProblem[];
    }
  | { ok: false; error: ImportFileError };

/**
 * The whole file in memory, for small files and tests: never throws for bad input (a file error
 * is returned); an abort still rejects.
 */
export async function importFile(chunks: AsyncIterable<Uint8Array>, options: ImportOptions = {}): Promise<ImportResult> {
  const all = emptyResult();
  try {
    for await (const b of importRecords(chunks, options)) {
      all.orders.push(...b.orders);
      all.customers.push(...b.customers);
      all.problems.push(...b.problems);
      if (b.done) return { ok: true, format: b.format, encoding: b.encoding, header: b.header, rows: b.rows, ...all };
    }
  } catch (e) {
    if (e instanceof ImportFileError) return { ok: false, error: e };
    throw e;
  }
  /* c8 ignore next */
  return { ok: false, error: new ImportFileError('import.error.noHeader') };
}
