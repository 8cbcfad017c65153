export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** The byte-order mark at the start of `bytes`, if any (the decoder strips it). */
export function bomEncoding(bytes: Uint8Array): TextEncodingName | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * Whether `bytes` is well-formed UTF-8 (no overlongs, no surrogates, ≤ U+10FFFF). With
 * `allowTruncatedEnd` a sequence cut off by the end of the sample is accepted.
 */
export function isValidUtf8(bytes: Uint8Array, allowTruncatedEnd = false): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return false;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return allowTruncatedEnd;
      const c = bytes[i + k]!;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return false;
    }
    i += need + 1;
  }
  return true;
}

/**
 * The encoding of a CSV export from its first bytes: a BOM decides; else valid UTF-8 is UTF-8;
 * else GB18030 (a superset of GBK/GB2312, what Chinese Excel and Taobao write). Pure ASCII is
 * UTF-8 (identical in both). `sample` should hold at least a few KB past the first non-ASCII byte;
 * `complete` says the sample is the whole file (a sequence cut at its end is then invalid).
 */
export function detectEncoding(sample: Uint8Array, complete = false): TextEncodingName {
  return bomEncoding(sample) ?? (isValidUtf8(sample, !complete) ? 'utf-8' : 'gb18030');
}
