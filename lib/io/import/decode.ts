import { bomEncoding, detectEncoding, type TextEncodingName } from './detect-encoding';
import { ImportFileError } from './types';

/** Bytes looked at past the first non-ASCII byte before choosing UTF-8 or GB18030. */
const DECIDE_WINDOW = 4096;

export interface DecodeOptions {
  /** Told once, when the encoding is known. */
  onEncoding?: (encoding: TextEncodingName) => void;
  /** Force an encoding instead of detecting it. */
  encoding?: TextEncodingName;
}

/**
 * Decodes a byte stream into text chunks incrementally (`TextDecoder` with `stream: true`), so a
 * 100 MB file is never one 100 MB string. ASCII is the same in UTF-8 and GB18030, so bytes are
 * decoded as they come until the first non-ASCII byte; from there a window decides the encoding.
 *
 * Throws ImportFileError: import.error.empty (0 bytes), import.error.spreadsheet (an .xlsx/.xls
 * workbook), import.error.binary (NUL or many control characters), import.error.invalidText
 * (bytes that are not text in the detected encoding).
 */
export async function* decodeText(chunks: AsyncIterable<Uint8Array>, options: DecodeOptions = {}): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let pending: Uint8Array = new Uint8Array(0);
  let total = 0;
  let checkedStart = false;
  let controlSeen = 0;
  let charsSeen = 0;

  const choose = (encoding: TextEncodingName) => {
    decoder = new TextDecoder(encoding, { fatal: true });
    options.onEncoding?.(encoding);
  };
  if (options.encoding) choose(options.encoding);

  const check = (text: string): string => {
    if (text.includes('\0')) throw new ImportFileError('import.error.binary');
    if (charsSeen < 65536) {
      const sample = text.slice(0, 65536 - charsSeen);
      charsSeen += sample.length;
      controlSeen += sample.match(/[\x01-\x08\x0b\x0e-\x1f\x7f]/g)?.length ?? 0;
      if (controlSeen > 8 && controlSeen * 100 > charsSeen) throw new ImportFileError('import.error.binary');
    }
    return text;
  };
  const decode = (bytes: Uint8Array, stream: boolean): string => {
    try {
      return check(decoder!.decode(bytes, { stream }));
    } catch (e) {
      if (e instanceof ImportFileError) throw e;
      throw new ImportFileError('import.error.invalidText');
    }
  };

  for await (const chunk of chunks) {
    if (!chunk.length) continue;
    total += chunk.length;
    if (decoder) {
      const text = decode(chunk, true);
      if (text) yield text;
      continue;
    }
    pending = concat(pending, chunk);
    if (!checkedStart) {
      if (pending.length < 4) continue;
      checkedStart = true;
      checkMagic(pending);
      const bom = bomEncoding(pending);
      if (bom) {
        choose(bom);
        const text = decode(pending, true);
        pending = new Uint8Array(0);
        if (text) yield text;
        continue;
      }
    }
    const text = undecided(false);
    if (text) yield text;
  }

  if (total === 0) throw new ImportFileError('import.error.empty');
  if (!checkedStart) checkMagic(pending);
  if (!decoder) {
    const text = undecided(true);
    if (text) yield text;
  }
  if (decoder) {
    const text = decode(new Uint8Array(0), false);
    if (text) yield text;
  }

  /** Before the encoding is known: hand out the ASCII prefix, decide once the window is full. */
  function undecided(final: boolean): string {
    let i = 0;
    while (i < pending.length && pending[i]! < 0x80) i++;
    let text = '';
    if (i > 0) {
      text = check(asciiText(pending.subarray(0, i)));
      pending = pending.slice(i);
    }
    if (pending.length && (final || pending.length >= DECIDE_WINDOW)) {
      choose(detectEncoding(pending, final));
      text += decode(pending, !final);
      pending = new Uint8Array(0);
    }
    return text;
  }
}

function checkMagic(bytes: Uint8Array): void {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (zip || ole) throw new ImportFileError('import.error.spreadsheet');
}

const asciiDecoder = new TextDecoder('utf-8');

/** ASCII bytes as text (identical in UTF-8 and GB18030). */
function asciiText(bytes: Uint8Array): string {
  return asciiDecoder.decode(bytes);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (!a.length) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** A Blob (a picked File) as chunks, read slice by slice: works in every browser and in workers. */
export async function* blobChunks(blob: Blob, chunkSize = 1 << 20): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < blob.size; start += chunkSize) {
    yield new Uint8Array(await blob.slice(start, start + chunkSize).arrayBuffer());
  }
}

/** Bytes in memory as chunks (tests, small files). */
export async function* bytesChunks(bytes: Uint8Array, chunkSize = 1 << 16): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += chunkSize) yield bytes.subarray(start, start + chunkSize);
  if (!bytes.length) return;
}
