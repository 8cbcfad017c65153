import { blobChunks } from '@/lib/io/import';

/** Bytes read per slice when the browser's Blob has no `stream()`. */
const SLICE_BYTES = 1 << 20;

/**
 * A picked file as a stream of byte chunks, so a 100 MB export is never one 100 MB buffer.
 * `Blob.stream()` is the cheap path; older engines (and some test DOMs) lack it, so fall back to
 * reading slices.
 */
export async function* fileChunks(file: Blob): AsyncGenerator<Uint8Array> {
  const stream = typeof file.stream === 'function' ? file.stream() : undefined;
  if (!stream || typeof stream.getReader !== 'function') {
    yield* blobChunks(file, SLICE_BYTES);
    return;
  }
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value?.length) yield value;
    }
  } finally {
    // An early exit (an abort, a file error) must release the file.
    reader.releaseLock();
  }
}

/** A text file as decoded chunks (UTF-8), for backups. */
export async function* fileTexts(file: Blob): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of fileChunks(file)) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}
