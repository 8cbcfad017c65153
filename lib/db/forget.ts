import type { ActionState, Customer, Note, OrderRecord, Tagging } from '../model/entities';
import type { MutationArgs } from '../model/mutation';
import type { BuyerLensDb } from './database';
import type { WriteContext } from './mutators';

/** A forgotten customer's tombstone keeps its key hashes as keys: not personal, and how a re-admission finds all of them. */
const TOMBSTONE_KEYS_MAX = 50;

/** The customer and every record merged into it (the same person), as stored now. */
export async function forgetGroup(db: BuyerLensDb, shopId: string, customerId: string): Promise<Customer[]> {
  const customer = await db.customers.get(customerId);
  if (!customer || customer.shopId !== shopId) return [];
  const group = new Map([[customer.id, customer]]);
  // A merge unites keys, so the records merged into this one are found through its keys.
  const related = await db.customers.where('keys').anyOf(customer.keys).toArray();
  for (const c of related) if (c.shopId === shopId && c.mergedInto && group.has(c.mergedInto)) group.set(c.id, c);
  return [...group.values()];
}

/**
 * Erase a customer: every record about them becomes a tombstone without personal data (so the
 * deletion syncs), their figures go, and a hash of each key stays so imports and pages leave
 * them out. Local merge snapshots naming them are dropped too: they hold the erased data.
 */
export async function forgetCustomer(
  db: BuyerLensDb,
  ctx: WriteContext,
  { shopId, customerId, keyHashes }: MutationArgs<'customer.forget'>,
): Promise<boolean> {
  const stamp = { hlc: ctx.hlc, updatedBy: ctx.actor, deleted: true };
  let changed = false;
  const group = await forgetGroup(db, shopId, customerId);
  const ids = group.length ? group.map((c) => c.id) : [customerId];
  const placeholder = keyHashes.length ? keyHashes.slice(0, TOMBSTONE_KEYS_MAX) : [`forgotten:${customerId}`];
  const customers = group
    .filter((c) => !c.deleted || c.displayName || c.email || c.phone || Object.keys(c.fields).length)
    .map((c): Customer => ({ id: c.id, shopId, keys: placeholder, displayName: '', fields: {}, firstSeenAt: c.firstSeenAt, ...stamp }));
  if (customers.length) {
    await db.customers.bulkPut(customers);
    changed = true;
  }

  const [orders, taggings, notes, actionStates, merges] = await Promise.all([
    db.orders.where('customerId').anyOf(ids).toArray(),
    db.taggings.where('customerId').anyOf(ids).toArray(),
    db.notes.where('customerId').anyOf(ids).toArray(),
    db.actionStates.where('customerId').anyOf(ids).toArray(),
    db.merges.where('shopId').equals(shopId).toArray(),
  ]);
  const orderWrites = orders
    .filter((o) => !o.deleted || o.orderId || o.total || o.items || o.history || o.placedAt || o.status)
    .map((o): OrderRecord => ({ id: o.id, shopId, orderId: '', customerId: o.customerId, source: o.source, firstSeenAt: o.firstSeenAt, lastSeenAt: o.lastSeenAt, ...stamp }));
  const taggingWrites = taggings
    .filter((t) => !t.deleted || t.addIds.length)
    .map((t): Tagging => ({ ...t, addIds: [], ...stamp }));
  const noteWrites = notes
    .filter((n) => !n.deleted || n.text)
    .map((n): Note => ({ ...n, text: '', ...stamp }));
  const actionWrites = actionStates
    .filter((a) => !a.deleted || a.factsKey)
    .map((a): ActionState => ({ ...a, factsKey: '', ...stamp }));
  if (orderWrites.length) await db.orders.bulkPut(orderWrites);
  if (taggingWrites.length) await db.taggings.bulkPut(taggingWrites);
  if (noteWrites.length) await db.notes.bulkPut(noteWrites);
  if (actionWrites.length) await db.actionStates.bulkPut(actionWrites);
  if (orderWrites.length || taggingWrites.length || noteWrites.length || actionWrites.length) changed = true;
  for (const id of ids) ctx.touched.add(id);

  const stale = merges.filter((m) => ids.includes(m.survivorId) || m.mergedIds.some((id) => ids.includes(id)));
  if (stale.length) await db.merges.bulkDelete(stale.map((m) => m.id));

  if (await putForgotten(db, ctx, shopId, keyHashes, false)) changed = true;
  return changed;
}

/** Re-admit a forgotten buyer (a hand action on them): their key hashes are retired. */
export async function readmitCustomer(db: BuyerLensDb, ctx: WriteContext, { shopId, keyHashes }: MutationArgs<'customer.readmit'>): Promise<boolean> {
  return putForgotten(db, ctx, shopId, keyHashes, true);
}

async function putForgotten(db: BuyerLensDb, ctx: WriteContext, shopId: string, hashes: readonly string[], deleted: boolean): Promise<boolean> {
  const unique = [...new Set(hashes)];
  const stored = await db.forgotten.bulkGet(unique);
  const writes = unique
    .filter((_, i) => (deleted ? !!stored[i] && !stored[i]!.deleted : !stored[i] || stored[i]!.deleted))
    .map((id) => ({ id, shopId, at: ctx.now, hlc: ctx.hlc, updatedBy: ctx.actor, deleted }));
  if (writes.length) await db.forgotten.bulkPut(writes);
  return writes.length > 0;
}
