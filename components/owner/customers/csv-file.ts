/**
 * Joining the pages of `export.csv` into one file Excel opens correctly: exactly one UTF-8 byte
 * order mark at the very start (Excel reads BOM-less UTF-8 as the local code page and garbles
 * Chinese), and the pages end to end with no line lost or doubled at the seams.
 */
export const BOM = '\uFEFF';

export function joinCsvPages(pages: readonly string[]): string {
  let out = BOM;
  for (const raw of pages) {
    const page = raw.startsWith(BOM) ? raw.slice(1) : raw;
    if (!page) continue;
    // A page that does not end its last line would glue it to the next page's first row.
    if (out.length > BOM.length && !/\r?\n$/.test(out)) out += '\r\n';
    out += page;
  }
  return out;
}

/** `buyerlens-<label>-<YYYY-MM-DD>.csv`, with the label reduced to what every file system accepts. */
export function exportFileName(label: string, now: Date): string {
  const safe =
    label
      .normalize('NFKC')
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
      .trim()
      .replace(/\s+/g, '-')
      .slice(0, 60) || 'customers';
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return `buyerlens-${safe}-${day}.csv`;
}

/** Offer text as a file download (the browser's own save flow). */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled, not during it.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
