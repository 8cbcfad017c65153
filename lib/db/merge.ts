import type { ActionState, Customer, Tagging } from '../model/entities';
import { actionStateIdOf, taggingIdOf } from '../model/ids';
import type { MutationArgs } from '../model/mutation';
import type { BuyerLensDb, MergeRow } from './database';
import { fieldWriteWins, homesOf, stampFields, type StampedField, type WriteContext } from './mutators';

const MAX_KEYS = 50;

/** The customers a merge acts on: the survivor, then the live, unmerged others of the same shop. */
async function mergeParties(db: BuyerLensDb, shopId: string, survivorId: string, mergedIds: readonly string[]) {
  const others = [...new Set(mergedIds)].filter((id) => id !== survivorId);
  const [survivor, ...rest] = await db.customers.bulkGet([survivorId, ...others]);
  const usable = (c: Customer | undefined): c is Customer => !!c && !c.deleted && !c.mergedInto && c.shopId === shopId;
  return { survivor: usable(survivor) ? survivor : undefined, merged: rest.filter(usable) };
}

/**
 * Merge customers into a survivor: keys unite, the chosen field values stay, orders, notes,
 * taggings and action states move, and the merged records keep `mergedInto` so their ids
 * redirect. Taggings follow the add-wins rules: the survivor's tagging carries every add id of
 * the merged ones; the merged taggings are retired.
 */
export async function mergeCustomers(
  db: BuyerLensDb,
  ctx: WriteContext,
  { shopId, survivorId: askedSurvivor, mergedIds: askedMerged, fields }: MutationArgs<'customer.merge'>,
): Promise<boolean> {
  // A party someone else merged meanwhile stands for the customer it went into: merging A into B
  // while B went into C merges A into C, so no acknowledged merge is left undone.
  const home = await homesOf(db, [askedSurvivor, ...askedMerged]);
  const survivorId = home(askedSurvivor);
  const mergedIds = askedMerged.map(home);
  const { survivor, merged } = await mergeParties(db, shopId, survivorId, mergedIds);
  if (!survivor || !merged.length) return false;
  const stamp = { hlc: ctx.hlc, updatedBy: ctx.actor };
  const ids = merged.map((c) => c.id);

  const keys = [...new Set([...survivor.keys, ...merged.flatMap((c) => c.keys)])].slice(0, MAX_KEYS);
  // The values the person chose are writes of those fields, last-writer-wins like any other (see
  // fieldWriteWins in mutators.ts): a newer write of the survivor's field that reached here first
  // stays. A value cleared on purpose ('') keeps its stamp, so no import fills it in again.
  const written: StampedField[] = [];
  const chosen = <F extends StampedField>(field: F, value: Customer[F]): Customer[F] => {
    if (value === survivor[field] || !fieldWriteWins(survivor, field, ctx.hlc)) return survivor[field];
    written.push(field);
    return value;
  };
  const displayName = chosen('displayName', fields.displayName ?? survivor.displayName);
  const contact = (field: 'email' | 'phone') => chosen(field, fields[field] === undefined ? survivor[field] : fields[field] || undefined);
  const email = contact('email');
  const phone = contact('phone');
  const { email: _e, phone: _p, ...rest } = survivor;
  const next: Customer = {
    ...rest,
    keys,
    displayName,
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    // Custom fields the survivor lacks come from the merged ones (filled in: no stamp).
    fields: Object.assign({}, ...merged.map((c) => c.fields), survivor.fields),
    firstSeenAt: Math.min(survivor.firstSeenAt, ...merged.map((c) => c.firstSeenAt)),
    ...(written.length ? stampFields(survivor, written, ctx.hlc) : {}),
    ...stamp,
  };
  await db.customers.bulkPut([next, ...merged.map((c) => ({ ...c, mergedInto: survivor.id, ...stamp }))]);

  const [orders, taggings, notes, actionStates] = await Promise.all([
    db.orders.where('customerId').anyOf(ids).toArray(),
    db.taggings.where('customerId').anyOf([survivor.id, ...ids]).toArray(),
    db.notes.where('customerId').anyOf(ids).toArray(),
    db.actionStates.where('customerId').anyOf([survivor.id, ...ids]).toArray(),
  ]);
  if (orders.length) await db.orders.bulkPut(orders.map((o) => ({ ...o, customerId: survivor.id, ...stamp })));
  if (notes.length) await db.notes.bulkPut(notes.map((n) => ({ ...n, customerId: survivor.id, ...stamp })));
  const taggingWrites = movedTaggings(taggings, survivor.id, stamp);
  if (taggingWrites.length) await db.taggings.bulkPut(taggingWrites);
  const actionWrites = movedActionStates(actionStates, survivor.id, stamp);
  if (actionWrites.length) await db.actionStates.bulkPut(actionWrites);
  for (const id of [survivor.id, ...ids]) ctx.touched.add(id);
  return true;
}

type Stamp = { hlc: string; updatedBy: string };

/** Per tag: the survivor's tagging with the union of every live add id; the merged ones retired. */
function movedTaggings(all: readonly Tagging[], survivorId: string, stamp: Stamp): Tagging[] {
  const writes: Tagging[] = [];
  const byTag = new Map<string, Tagging[]>();
  for (const t of all) (byTag.get(t.tagId) ?? byTag.set(t.tagId, []).get(t.tagId)!).push(t);
  for (const [tagId, list] of byTag) {
    const own = list.find((t) => t.customerId === survivorId);
    const moving = list.filter((t) => t.customerId !== survivorId);
    if (!moving.length) continue;
    const addIds = [...new Set([own, ...moving].flatMap((t) => (t && !t.deleted ? t.addIds : [])))];
    const liveBefore = own && !own.deleted ? own.addIds : undefined;
    // A record (even without add ids) is kept, so an import never re-adds a tag a person removed.
    if (!liveBefore || liveBefore.length !== addIds.length) {
      writes.push({ id: taggingIdOf(survivorId, tagId), shopId: (own ?? moving[0]!).shopId, customerId: survivorId, tagId, addIds, deleted: false, ...stamp });
    }
    for (const t of moving) if (!t.deleted) writes.push({ ...t, deleted: true, ...stamp });
  }
  return writes;
}

/** Action states move to the survivor unless it has its own for that rule. */
function movedActionStates(all: readonly ActionState[], survivorId: string, stamp: Stamp): ActionState[] {
  const writes: ActionState[] = [];
  const survivorRules = new Set(all.filter((a) => a.customerId === survivorId && !a.deleted).map((a) => a.ruleId));
  for (const a of all) {
    if (a.customerId === survivorId || a.deleted) continue;
    if (!survivorRules.has(a.ruleId)) {
      writes.push({ ...a, id: actionStateIdOf(survivorId, a.ruleId), customerId: survivorId, ...stamp });
      survivorRules.add(a.ruleId);
    }
    writes.push({ ...a, deleted: true, ...stamp });
  }
  return writes;
}

/** Every record a merge may change, as it is now: what an undo puts back. */
export async function mergeSnapshot(db: BuyerLensDb, survivorId: string, mergedIds: readonly string[]): Promise<MergeRow['before']> {
  const ids = [...new Set(mergedIds)].filter((id) => id !== survivorId);
  const all = [survivorId, ...ids];
  const [customers, orders, taggings, notes, actionStates] = await Promise.all([
    db.customers.bulkGet(all),
    db.orders.where('customerId').anyOf(ids).toArray(),
    db.taggings.where('customerId').anyOf(all).toArray(),
    db.notes.where('customerId').anyOf(ids).toArray(),
    db.actionStates.where('customerId').anyOf(all).toArray(),
  ]);
  return { customers: customers.filter((c): c is Customer => !!c), orders, taggings, notes, actionStates };
}

/**
 * Put back what a merge changed, inside the caller's transaction: the records as they were, and
 * the survivor's taggings and action states the merge created removed. Returns the customers whose
 * figures need rebuilding.
 */
export async function restoreMergeSnapshot(db: BuyerLensDb, row: MergeRow): Promise<string[]> {
  const { before } = row;
  const keptTaggings = new Set(before.taggings.map((t) => t.id));
  const keptActions = new Set(before.actionStates.map((a) => a.id));
  const createdTaggings = before.taggings
    .filter((t) => t.customerId !== row.survivorId)
    .map((t) => taggingIdOf(row.survivorId, t.tagId))
    .filter((id) => !keptTaggings.has(id));
  const createdActions = before.actionStates
    .filter((a) => a.customerId !== row.survivorId)
    .map((a) => actionStateIdOf(row.survivorId, a.ruleId))
    .filter((id) => !keptActions.has(id));
  await Promise.all([
    db.customers.bulkPut(before.customers),
    db.orders.bulkPut(before.orders),
    db.taggings.bulkDelete([...new Set(createdTaggings)]),
    db.actionStates.bulkDelete([...new Set(createdActions)]),
  ]);
  await Promise.all([
    db.taggings.bulkPut(before.taggings),
    db.notes.bulkPut(before.notes),
    db.actionStates.bulkPut(before.actionStates),
  ]);
  return [row.survivorId, ...row.mergedIds];
}
