import type { ImportProblem } from '@/lib/io/import';
import type { OwnerTranslate } from '@/lib/i18n/owner';

const BOM = '\ufeff';

/** One CSV cell: quoted when needed, and never something a spreadsheet would run as a formula. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A problem as a person reads it. */
export function problemText(problem: ImportProblem, t: OwnerTranslate): string {
  return t(problem.message, { ...problem.params, line: problem.line });
}

/**
 * Every problem of an import as CSV parts (line, problem), one UTF-8 BOM first so Excel reads
 * Chinese text right. Parts, not one string: a file with a million bad rows stays cheap to build.
 */
export function problemsCsvParts(problems: readonly ImportProblem[], t: OwnerTranslate, headings: [string, string]): string[] {
  const parts = [`${BOM}${csvCell(headings[0])},${csvCell(headings[1])}\r\n`];
  let chunk = '';
  for (const p of problems) {
    chunk += `${p.line},${csvCell(problemText(p, t))}\r\n`;
    if (chunk.length > 1 << 16) {
      parts.push(chunk);
      chunk = '';
    }
  }
  if (chunk) parts.push(chunk);
  return parts;
}
