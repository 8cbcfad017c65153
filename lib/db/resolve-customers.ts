import type { Customer } from '../model/entities';
import { forgottenKeyIdOf } from '../model/ids';
import type { BuyerLensDb } from './database';

/** Merges chain at most this deep (A into B, later B into C...): a guard against a cycle in synced data. */
const MAX_MERGE_HOPS = 10;

/**
 * Whether a buyer, known by these platform keys, was forgotten in this shop. Reads the shop's
 * forgotten keys once (a handful of rows); with none, no key is hashed at all, so the common
 * case costs nothing per buyer.
 */
export async function forgottenCheck(db: BuyerLensDb, shopId: string): Promise<(keys: readonly string[]) => boolean> {
  const rows = await db.forgotten.where('shopId').equals(shopId).toArray();
  const live = new Set(rows.filter((r) => !r.deleted).map((r) => r.id));
  if (!live.size) return () => false;
  return (keys) => keys.some((k) => live.has(forgottenKeyIdOf(shopId, k)));
}

/** The key hashes of these keys that are forgotten in the shop (for a re-admission). */
export async function forgottenHashesOf(db: BuyerLensDb, shopId: string, keys: readonly string[]): Promise<string[]> {
  const hashes = [...new Set(keys.map((k) => forgottenKeyIdOf(shopId, k)))];
  const rows = await db.forgotten.bulkGet(hashes);
  return hashes.filter((_, i) => rows[i] && !rows[i]!.deleted);
}

/**
 * Each customer followed through `mergedInto` to the record that now stands for it (itself when
 * not merged). Reads only the survivors not already in hand, a bulkGet per hop.
 */
export async function followMerges(db: BuyerLensDb, customers: readonly Customer[]): Promise<Map<string, Customer>> {
  const known = new Map(customers.map((c) => [c.id, c]));
  for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
    const missing = [...new Set([...known.values()].flatMap((c) => (c.mergedInto && !known.has(c.mergedInto) ? [c.mergedInto] : [])))];
    if (!missing.length) break;
    const found = await db.customers.bulkGet(missing);
    for (const c of found) if (c) known.set(c.id, c);
    if (found.every((c) => !c)) break;
  }
  const out = new Map<string, Customer>();
  for (const c of customers) {
    let current = c;
    for (let hop = 0; hop < MAX_MERGE_HOPS && current.mergedInto; hop++) {
      const next = known.get(current.mergedInto);
      if (!next) break;
      current = next;
    }
    out.set(c.id, current);
  }
  return out;
}

/** The id that stands for each asked id: the survivor for a merged customer, the id itself otherwise. */
export async function survivorIds(db: BuyerLensDb, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const rows = (await db.customers.bulkGet(unique)).filter((c): c is Customer => !!c);
  const followed = await followMerges(db, rows);
  return new Map(unique.map((id) => [id, followed.get(id)?.id ?? id]));
}

/** The most key hashes one re-admission retires (the mutation's limit). */
const READMIT_HASHES_MAX = 60;

/**
 * The forgotten key hashes a hand action on a buyer (known by these keys) retires: those of the
 * keys themselves and of every other key the forgotten customer had (its tombstone keeps them as
 * keys), so re-admitting by nick also lets their email back in.
 */
export async function readmissionHashes(db: BuyerLensDb, shopId: string, keys: readonly string[]): Promise<string[]> {
  const direct = await forgottenHashesOf(db, shopId, keys);
  if (!direct.length) return [];
  const tombstones = await db.customers.where('keys').anyOf(direct).toArray();
  const related = [...new Set(tombstones.filter((c) => c.shopId === shopId && c.deleted).flatMap((c) => c.keys))];
  const stored = await db.forgotten.bulkGet(related);
  const all = new Set([...direct, ...related.filter((_, i) => stored[i] && !stored[i]!.deleted)]);
  return [...all].slice(0, READMIT_HASHES_MAX);
}

/**
 * The id that stands for one asked id, for use inside a read transaction: built only from Dexie
 * promises (no native async step), because awaiting a native async helper there can lose Dexie's
 * transaction zone and commit the transaction early.
 */
export function survivorIdOf(db: BuyerLensDb, id: string, hops = MAX_MERGE_HOPS): PromiseLike<string> {
  return db.customers.get(id).then((c) => (c?.mergedInto && hops > 0 ? survivorIdOf(db, c.mergedInto, hops - 1) : id));
}
