import * as z from 'zod/mini';
import type { OrderSighting } from '../../model/sighting';
import type { importEn } from '../../i18n/import.en';

/** An i18n key of lib/i18n/import.en.ts. */
export type ImportMessageKey = keyof typeof importEn;
export type MessageParams = Record<string, string | number>;

/** A problem with one row: the row is skipped (or partly read), the rest of the file goes on. */
export interface ImportProblem {
  /** Physical line of the file (1 = header) where the record starts, as a text editor counts. */
  line: number;
  message: ImportMessageKey;
  params?: MessageParams;
}

export { ImportedCustomer } from '../../model/sighting';
import type { ImportedCustomer } from '../../model/sighting';

export interface MapResult {
  orders: OrderSighting[];
  customers: ImportedCustomer[];
  problems: ImportProblem[];
}

export function emptyResult(): MapResult {
  return { orders: [], customers: [], problems: [] };
}

/** One data row: cells keyed by normalised header name (see normalizeHeader). */
export interface Row {
  line: number;
  fields: Readonly<Record<string, string>>;
}

/**
 * A stateful row consumer. Mappers are incremental so a file streams through them, and each
 * module also exports a pure `map…(rows)` built on `runMapper`.
 */
export interface RowMapper {
  push(row: Row, out: MapResult): void;
  /** End of file: flush whatever is still open (e.g. the last Shopify order). */
  end(out: MapResult): void;
}

export function runMapper(mapper: RowMapper, rows: Iterable<Row>): MapResult {
  const out = emptyResult();
  for (const row of rows) mapper.push(row, out);
  mapper.end(out);
  return out;
}

/** `  Order ID ` → `order id`: trimmed, inner whitespace collapsed, lower-cased (CJK unaffected). */
export function normalizeHeader(name: string): string {
  return name.replace(/^\ufeff/, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Rows from a header and cell arrays, for the pure mappers and tests (line = index + 2). */
export function rowsFromTable(header: readonly string[], cells: readonly (readonly string[])[]): Row[] {
  const keys = header.map(normalizeHeader);
  return cells.map((c, i) => ({ line: i + 2, fields: toFields(keys, c) }));
}

export function toFields(keys: readonly string[], cells: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  keys.forEach((k, i) => {
    if (k && !Object.hasOwn(fields, k)) fields[k] = cells[i] ?? '';
  });
  return fields;
}

/** A whole-file failure: nothing of the file should be written. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
  constructor(
    readonly key: ImportMessageKey,
    readonly params: MessageParams = {},
    /** The header row, when the failure is about columns (the UI offers a mapping). */
    readonly header?: readonly string[],
  ) {
    super(key);
  }
}

/** Options shared by the mappers. */
export interface MapOptions {
  /** Offset for dates written without one (shop local time), e.g. "+08:00". Per-format default. */
  utcOffset?: string;
  /** ISO currency for amounts the file gives without one. */
  currency?: string;
  dateFormat?: DateFormat;
}

export const DateFormat = z.enum(['ymd', 'dmy', 'mdy']);
export type DateFormat = z.infer<typeof DateFormat>;
