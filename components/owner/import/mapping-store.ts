import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import { ColumnMapping, DateFormat, normalizeHeader } from '@/lib/io/import';
import { hash64 } from '@/lib/model/ids';

export const MAPPINGS_KEY = 'buyerlens:importMappings';
/** Files of the same layout share a header; keep the choices for this many layouts. */
const MAX_REMEMBERED = 50;

const Remembered = z.object({ mapping: ColumnMapping, dateFormat: DateFormat, savedAt: z.number() });
export type RememberedMapping = z.infer<typeof Remembered>;

/** The identity of a file layout: the same columns in the same order, whatever their case or spacing. */
export function headerSignature(header: readonly string[]): string {
  return hash64(header.map(normalizeHeader).join('\n'));
}

/** Everything stored, each entry checked on its own: one bad entry never hides the others. */
async function readAll(): Promise<Record<string, RememberedMapping>> {
  const stored = (await browser.storage.local.get(MAPPINGS_KEY))[MAPPINGS_KEY];
  const out: Record<string, RememberedMapping> = {};
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return out;
  for (const [signature, value] of Object.entries(stored)) {
    const parsed = Remembered.safeParse(value);
    if (parsed.success) out[signature] = parsed.data;
  }
  return out;
}

/** The mapping chosen last time for a file with this header, if any. */
export async function recallMapping(header: readonly string[]): Promise<RememberedMapping | undefined> {
  try {
    return (await readAll())[headerSignature(header)];
  } catch {
    return undefined; // storage unavailable: the person simply maps again
  }
}

export async function rememberMapping(header: readonly string[], mapping: ColumnMapping, dateFormat: DateFormat, now = Date.now()): Promise<void> {
  const all = await readAll();
  all[headerSignature(header)] = { mapping, dateFormat, savedAt: now };
  const kept = Object.entries(all)
    .sort(([, a], [, b]) => b.savedAt - a.savedAt)
    .slice(0, MAX_REMEMBERED);
  await browser.storage.local.set({ [MAPPINGS_KEY]: Object.fromEntries(kept) });
}
