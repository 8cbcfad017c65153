import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importFile, type ImportOptions } from '../../lib/io/import';

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url))));
}

/** Bytes as an async stream of chunks of `size` bytes (1 = the harshest split). */
export async function* chunked(bytes: Uint8Array, size = 1 << 16): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

export const utf8 = (text: string) => new TextEncoder().encode(text);

export function run(bytes: Uint8Array | string, options: ImportOptions = {}, chunkSize?: number) {
  return importFile(chunked(typeof bytes === 'string' ? utf8(bytes) : bytes, chunkSize), options);
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export async function ok(bytes: Uint8Array | string, options: ImportOptions = {}, chunkSize?: number) {
  const r = await run(bytes, options, chunkSize);
  if (!r.ok) throw new Error(`expected ok, got ${r.error.key} ${JSON.stringify(r.error.params)}`);
  return r;
}

export async function fileError(bytes: Uint8Array | string, options: ImportOptions = {}, chunkSize?: number) {
  const r = await run(bytes, options, chunkSize);
  if (r.ok) throw new Error('expected a file error');
  return r.error;
}
