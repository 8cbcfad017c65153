import Papa from 'papaparse';

/**
 * CSV for spreadsheets, safe to open. A spreadsheet runs a cell that starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return as a formula (OWASP "CSV injection"): a buyer who names
 * themselves `=HYPERLINK(...)` must not get code run on the owner's machine. Such a text cell gets
 * a leading `'`, which spreadsheets show as plain text. A text that already starts with `'` gets
 * one more, so taking one leading `'` off any guarded cell always gives back the original text.
 * Cells we produce ourselves as numbers (amounts, counts, scores) are written as they are.
 */

const FORMULA_START = /^[=+\-@\t\r']/;

/** A text cell made safe to open in a spreadsheet. */
export function guardCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The text a guarded cell stood for (the inverse of guardCell). */
export function unguardCell(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

/** A cell: text (guarded) or one of our own numbers (not guarded; already plain decimal text or a number). */
export type Cell = { text: string } | { number: string } | undefined;

export const text = (value: string | undefined): Cell => (value === undefined ? undefined : { text: value });
export const number = (value: string | number | undefined): Cell => (value === undefined ? undefined : { number: String(value) });

/**
 * Lines of CSV (CRLF, RFC 4180 quoting by papaparse), with the header row first when given.
 * No BOM: pages are joined by the caller, who puts the UTF-8 BOM once at the very start so Excel
 * reads Chinese text as UTF-8. Every line ends with CRLF, so pages concatenate into one file.
 */
export function csvLines(header: readonly string[] | undefined, rows: readonly (readonly Cell[])[]): string {
  const data: string[][] = [];
  if (header) data.push(header.map(guardCell));
  for (const row of rows) data.push(row.map(cellText));
  if (!data.length) return '';
  // escapeFormulae stays off: the guard is ours, so our own numbers (e.g. -5) are left alone.
  return Papa.unparse(data, { newline: '\r\n', header: false, quotes: false, escapeFormulae: false }) + '\r\n';
}

function cellText(cell: Cell): string {
  if (cell === undefined) return '';
  return 'text' in cell ? guardCell(cell.text) : cell.number;
}
