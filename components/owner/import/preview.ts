import {
  ImportFileError,
  csvRecords,
  decodeText,
  detectFormat,
  missingColumns,
  normalizeHeader,
  toFields,
  type ImportFormat,
  type Row,
  type TextEncodingName,
} from '@/lib/io/import';

/** How much of a file the preview reads: enough for the header and a screenful of rows. */
export const PREVIEW_BYTES = 64 * 1024;
/** Data rows the preview keeps. */
export const PREVIEW_ROWS = 20;

/** What the first bytes of a file say about it. */
export interface FilePreview {
  format: ImportFormat;
  /** 'utf-8-bom' when the file starts with a UTF-8 byte-order mark (Excel's "CSV UTF-8"). */
  encoding: TextEncodingName | 'utf-8-bom' | undefined;
  header: string[];
  /** The first data rows as the parsers see them (blank rows left out). */
  rows: Row[];
  /** Their cells, in header order, for the preview table. */
  cells: string[][];
  /** Required columns a recognised format lacks (the import would refuse the file). */
  missing: string[];
}

export type PreviewResult = { ok: true; preview: FilePreview } | { ok: false; error: ImportFileError };

/**
 * Reads the start of a file (`bytes`; `whole` when that is the entire file) the way the import
 * will: same decoder, same CSV reader, same format detection. Pure over bytes, so it is tested
 * without a browser. A partial read is cut back to the last line break so a multi-byte character
 * or a record split by the cut does not look like a broken file.
 */
export async function previewBytes(bytes: Uint8Array, whole: boolean): Promise<PreviewResult> {
  let sample = bytes;
  if (!whole) {
    // 0x0A never occurs inside a UTF-8 or GB18030 multi-byte character.
    const lastBreak = bytes.lastIndexOf(0x0a);
    if (lastBreak > 0) sample = bytes.subarray(0, lastBreak + 1);
  }
  let encoding: FilePreview['encoding'];
  const hasBom = sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf;
  let header: string[] | undefined;
  const rows: Row[] = [];
  const cells: string[][] = [];
  let keys: string[] = [];
  try {
    const texts = decodeText(once(sample), { onEncoding: (e) => (encoding = e === 'utf-8' && hasBom ? 'utf-8-bom' : e) });
    outer: for await (const records of csvRecords(texts)) {
      for (const rec of records) {
        if (rec.cells.every((c) => c.trim() === '')) continue;
        if (!header) {
          header = rec.cells.map((c) => c.replace(/^\ufeff/, '').trim());
          keys = header.map(normalizeHeader);
          continue;
        }
        rows.push({ line: rec.line, fields: toFields(keys, rec.cells) });
        cells.push(rec.cells);
        if (rows.length >= PREVIEW_ROWS) break outer;
      }
    }
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e;
    // A quoted cell cut by the end of the sample is not the file's fault; the full read decides.
    const cutBySample = !whole && (e.key === 'import.error.truncated' || e.key === 'import.error.recordTooLong');
    if (!cutBySample) return { ok: false, error: e };
  }
  if (!header) return { ok: false, error: new ImportFileError(bytes.length ? 'import.error.noHeader' : 'import.error.empty') };
  const format = detectFormat(header);
  return { ok: true, preview: { format, encoding, header, rows, cells, missing: missingColumns(format, header) } };
}

/** Reads the first PREVIEW_BYTES of a picked file and previews them. */
export async function previewFile(file: Blob): Promise<PreviewResult> {
  const whole = file.size <= PREVIEW_BYTES;
  const buffer = await file.slice(0, PREVIEW_BYTES).arrayBuffer();
  return previewBytes(new Uint8Array(buffer), whole);
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  if (bytes.length) yield bytes;
}

/** The platform a recognised format belongs to, for a new shop. */
export function platformOf(format: ImportFormat): string {
  if (format.startsWith('shopify')) return 'shopify';
  if (format.startsWith('woocommerce')) return 'woocommerce';
  if (format.startsWith('taobao')) return 'taobao';
  return 'other';
}
