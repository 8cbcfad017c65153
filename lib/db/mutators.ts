import { SEGMENT_HISTORY_MAX, type Customer, type Note, type OrderRecord, type Segment, type SegmentVersion, type Tag } from '../model/entities';
import { actionStateIdOf, customerIdOf, orderRecordIdOf, randomId, shopIdOf, taggingIdOf as taggingId, tagNameKey } from '../model/ids';
import type { MutationArgs, MutationName } from '../model/mutation';
import type { BuyerSighting, OrderSighting } from '../model/sighting';
import type { BuyerLensDb } from './database';
import type { ImportReport } from './import-report';
import type { ImportCache } from './import-records';
import { CUSTOMER_MUTATORS } from './mutators-customers';
import { followMerges, forgottenCheck } from './resolve-customers';
import { parseHlc } from '../sync/hlc';
import type { StepTimings } from './timings';

/** What a mutator knows about the write it applies. */
export interface WriteContext {
  readonly now: number;
  /** HLC stamp of this mutation: every record it changes carries it. */
  readonly hlc: string;
  /** Who is writing: the member id once sync exists, this browser's client id before. */
  readonly actor: string;
  /** Customers whose orders this write changed: their derived figures are rebuilt after. */
  readonly touched: Set<string>;
  /** Set by an import commit: the import.records mutator counts what it did here. */
  readonly importReport?: ImportReport;
  /** Set by an import commit: what its earlier batches resolved and wrote (see ImportCache). */
  readonly importCache?: ImportCache;
  /** Set by an import commit run under a benchmark: where its time goes (see timings.ts). */
  readonly timings?: StepTimings;
}

/** A mutator applies one mutation inside the caller's transaction; it reports whether anything changed. */
export type Mutator<N extends MutationName> = (db: BuyerLensDb, ctx: WriteContext, args: MutationArgs<N>) => Promise<boolean>;
export type Mutators<K extends MutationName> = { [N in K]: Mutator<N> };

export const MUTATORS: Mutators<MutationName> = {
  ...CUSTOMER_MUTATORS,
  async 'sightings.record'(db, ctx, { shop, orders: sightedOrders, buyers: sightedBuyers }) {
    let orders = sightedOrders;
    let buyers = sightedBuyers;
    const shopId = shopIdOf(shop.platform, shop.key);
    let changed = false;
    if (!(await db.shops.get(shopId))) {
      await db.shops.put({ id: shopId, platform: shop.platform, key: shop.key, name: shop.name, firstSeenAt: ctx.now });
    }

    // A forgotten buyer stays out: neither they nor their orders are recorded again.
    const isForgotten = await forgottenCheck(db, shopId);
    const keep = (b: BuyerSighting) => !isForgotten([b.key, ...b.otherKeys]);
    buyers = buyers.filter(keep);
    orders = orders.filter((o) => keep(o.buyer));

    // The latest sighting of each buyer wins within a batch.
    const buyerByCustomer = new Map<string, BuyerSighting>();
    for (const b of buyers) buyerByCustomer.set(customerIdOf(shopId, b.key), b);
    for (const o of orders) buyerByCustomer.set(customerIdOf(shopId, o.buyer.key), o.buyer);

    const derivedIds = [...buyerByCustomer.keys()];
    // A tombstone (a forgotten then re-admitted buyer) is no one: the buyer starts afresh.
    const found = (await db.customers.bulkGet(derivedIds)).map((c) => (c?.deleted ? undefined : c));
    // A merged buyer's sightings land on the customer it was merged into.
    const survivorOf = await followMerges(db, found.filter((c): c is Customer => !!c));
    const standsFor = new Map(derivedIds.map((id) => [id, survivorOf.get(id)?.id ?? id]));
    const customerIds = [...new Set(standsFor.values())];
    const current = new Map<string, Customer | undefined>(derivedIds.map((id, i) => [standsFor.get(id)!, survivorOf.get(id) ?? found[i]]));
    const buyerOf = new Map<string, BuyerSighting>();
    for (const [id, b] of buyerByCustomer) {
      const target = standsFor.get(id)!;
      const held = buyerOf.get(target);
      const keysOf = (x: BuyerSighting) => [x.key, ...x.otherKeys];
      // Seen under a merged identity: the name chosen at the merge stays; new keys still join.
      // Seen under its own identity in the same batch, the buyer's own name wins whatever the order.
      if (!held) buyerOf.set(target, target === id ? b : { ...b, displayName: current.get(target)!.displayName });
      else if (target === id) buyerOf.set(target, { ...b, otherKeys: [...b.otherKeys, ...keysOf(held)] });
      else buyerOf.set(target, { ...held, otherKeys: [...held.otherKeys, ...keysOf(b)] });
    }
    const customerWrites: Customer[] = [];
    for (const id of customerIds) {
      const next = mergeBuyer(current.get(id), buyerOf.get(id)!, id, shopId, ctx);
      if (next) customerWrites.push(next);
    }
    if (customerWrites.length) {
      await db.customers.bulkPut(customerWrites);
      changed = true;
    }

    const orderIds = orders.map((o) => orderRecordIdOf(shopId, o.orderId));
    const existingOrders = await db.orders.bulkGet(orderIds);
    const orderWrites: OrderRecord[] = [];
    orders.forEach((o, i) => {
      const customerId = standsFor.get(customerIdOf(shopId, o.buyer.key))!;
      const next = mergeOrder(existingOrders[i], o, orderIds[i]!, shopId, ctx, customerId);
      if (next) orderWrites.push(next);
    });
    if (orderWrites.length) {
      await db.orders.bulkPut(orderWrites);
      const beforeById = new Map(existingOrders.flatMap((o) => (o ? [[o.id, o] as const] : [])));
      for (const o of orderWrites) {
        ctx.touched.add(o.customerId);
        // An order that moved to another buyer changes the old buyer's figures too.
        const before = beforeById.get(o.id);
        if (before && before.customerId !== o.customerId) ctx.touched.add(before.customerId);
      }
      changed = true;
    }
    return changed;
  },

  async 'tag.put'(db, ctx, { shopId, tagId, name, color, description }) {
    const before = await db.tags.get(tagId);
    if (before && !before.deleted && before.name === name && before.color === color && before.description === description) {
      return false;
    }
    const tag: Tag = {
      id: tagId,
      shopId,
      name,
      nameKey: tagNameKey(name),
      color,
      description,
      hlc: ctx.hlc,
      updatedBy: ctx.actor,
      deleted: false,
    };
    await db.tags.put(tag);
    return true;
  },

  async 'tag.delete'(db, ctx, { tagId }) {
    const before = await db.tags.get(tagId);
    if (!before || before.deleted) return false;
    await db.tags.put({ ...before, deleted: true, hlc: ctx.hlc, updatedBy: ctx.actor });
    return true;
  },

  async 'tagging.add'(db, ctx, { shopId, tagId, adds }) {
    let changed = false;
    // Tagged on a buyer someone merged meanwhile: the tag goes where the merge put the rest.
    const home = await homesOf(db, adds.map((a) => a.customerId));
    for (const { customerId: asked, addId } of adds) {
      const customerId = home(asked);
      const id = taggingId(customerId, tagId);
      const before = await db.taggings.get(id);
      if (before?.addIds.includes(addId)) continue;
      await db.taggings.put({
        id,
        shopId,
        customerId,
        tagId,
        addIds: [...(before?.addIds ?? []), addId],
        hlc: ctx.hlc,
        updatedBy: ctx.actor,
        deleted: false,
      });
      changed = true;
    }
    return changed;
  },

  async 'tagging.remove'(db, ctx, { tagId, removes }) {
    let changed = false;
    // A merge meanwhile carried the add ids this remove names to the survivor's tagging: retire them there.
    const home = await homesOf(db, removes.map((r) => r.customerId));
    for (const { customerId: asked, addIds } of removes) {
      const customerId = home(asked);
      const before = await db.taggings.get(taggingId(customerId, tagId));
      if (!before) continue;
      // Add-wins: only the adds this writer had seen are retired; a concurrent add survives.
      const live = before.addIds.filter((a) => !addIds.includes(a));
      if (live.length === before.addIds.length) continue;
      await db.taggings.put({ ...before, addIds: live, hlc: ctx.hlc, updatedBy: ctx.actor });
      changed = true;
    }
    return changed;
  },

  async 'note.put'(db, ctx, { shopId, noteId, customerId: asked, text, baseRev, authorName }) {
    const before = await db.notes.get(noteId);
    // A new note (or a conflict copy) about a buyer merged meanwhile belongs with the survivor.
    const customerId = (await homesOf(db, [asked]))(asked);
    if (!before) {
      await db.notes.put(newNote(noteId, shopId, customerId, text, authorName, ctx));
      return true;
    }
    if (before.rev !== baseRev && !before.deleted) {
      // Two edits crossed: keep both texts, the later one flagged for someone to reconcile.
      if (before.text === text) return false;
      const copy = newNote(randomId('n'), shopId, customerId, text, authorName, ctx);
      await db.notes.put({ ...copy, conflictOf: noteId });
      return true;
    }
    if (before.text === text && !before.deleted) return false;
    const edited: Note = {
      ...before,
      text,
      rev: before.rev + 1,
      editedAt: ctx.now,
      deleted: false,
      hlc: ctx.hlc,
      updatedBy: ctx.actor,
    };
    await db.notes.put(edited);
    return true;
  },

  async 'note.delete'(db, ctx, { noteId }) {
    const before = await db.notes.get(noteId);
    if (!before || before.deleted) return false;
    await db.notes.put({ ...before, deleted: true, hlc: ctx.hlc, updatedBy: ctx.actor });
    return true;
  },

  async 'action.set'(db, ctx, { shopId, customerId: asked, ruleId, state, factsKey }) {
    const customerId = (await homesOf(db, [asked]))(asked);
    const id = actionStateIdOf(customerId, ruleId);
    const before = await db.actionStates.get(id);
    if (before && !before.deleted && before.state === state && before.factsKey === factsKey) return false;
    await db.actionStates.put({
      id,
      shopId,
      customerId,
      ruleId,
      state,
      factsKey,
      at: ctx.now,
      hlc: ctx.hlc,
      updatedBy: ctx.actor,
      deleted: false,
    });
    return true;
  },

  async 'recipe.put'(db, ctx, { recipe }) {
    const before = await db.recipes.get(recipe.id);
    const { shopId: _s, hlc: _h, updatedBy: _u, deleted: _d, ...beforeRecipe } = before ?? ({} as Partial<NonNullable<typeof before>>);
    if (before && !before.deleted && JSON.stringify(beforeRecipe) === JSON.stringify(recipe)) return false;
    await db.recipes.put({ ...recipe, shopId: `recipe:${new URL(recipe.origin).host}`, hlc: ctx.hlc, updatedBy: ctx.actor, deleted: false });
    return true;
  },

  async 'recipe.delete'(db, ctx, { id }) {
    const before = await db.recipes.get(id);
    if (!before || before.deleted) return false;
    await db.recipes.put({ ...before, deleted: true, hlc: ctx.hlc, updatedBy: ctx.actor });
    return true;
  },

  async 'outbox.retracted'() {
    return false;
  },

  async 'segment.put'(db, ctx, { shopId, segmentId, name, query, color }) {
    const before = await db.segments.get(segmentId);
    const next = segmentAfterPut(before, { name, query, color, hlc: ctx.hlc, updatedBy: ctx.actor }, segmentId, shopId);
    if (!next) return false;
    await db.segments.put(next);
    return true;
  },

  async 'segment.delete'(db, ctx, { segmentId }) {
    const before = await db.segments.get(segmentId);
    const next = before && segmentAfterDelete(before, ctx.hlc, ctx.actor);
    if (!next) return false;
    await db.segments.put(next);
    return true;
  },

  async 'setting.put'(db, ctx, { shopId, key, value }) {
    const id = `${shopId}\n${key}`;
    const before = await db.shopSettings.get(id);
    if (before && !before.deleted && JSON.stringify(before.value) === JSON.stringify(value)) return false;
    await db.shopSettings.put({ id, shopId, key, value, hlc: ctx.hlc, updatedBy: ctx.actor, deleted: false });
    return true;
  },
};

/**
 * Where each of these customers stands now: the customer a merge put it into, or itself. One
 * bulkGet; merges are followed only when one of them was merged (a plain Dexie read otherwise, so
 * a caller's transaction is not lost to a nested native async step).
 */
export async function homesOf(db: BuyerLensDb, ids: readonly string[]): Promise<(id: string) => string> {
  const found = (await db.customers.bulkGet([...new Set(ids)])).filter((c): c is Customer => !!c);
  if (!found.some((c) => c.mergedInto)) return (id) => id;
  const followed = await followMerges(db, found);
  return (id) => followed.get(id)?.id ?? id;
}

function newNote(id: string, shopId: string, customerId: string, text: string, authorName: string, ctx: WriteContext): Note {
  return {
    id,
    shopId,
    customerId,
    text,
    authorId: ctx.actor,
    authorName,
    createdAt: ctx.now,
    rev: 1,
    hlc: ctx.hlc,
    updatedBy: ctx.actor,
    deleted: false,
  };
}

/**
 * Customer fields are last-writer-wins per field by (hlc, clientId) (DESIGN.md "Sync"). A
 * customer's `fieldHlc` keeps the stamp of each field's last write, so a write that reaches the
 * server (or a rebase) after a newer write of the same field changes nothing, whatever order the
 * mutations arrive in. A field without a stamp (filled in by an import, or written before stamps
 * existed) loses to any write. Writing the value a field already holds is no write: it leaves the
 * stamp and the record alone, so a page showing what is known stays free (no outbox entry), at the
 * price that an older, different value arriving later can still win over it.
 */
export type StampedField = 'displayName' | 'email' | 'phone';

/**
 * Order of two HLC stamps: wall time, then counter, then node (the writer's clientId, see
 * lib/db/write.ts), compared as numbers and then as a string rather than trusting the whole
 * string's order. A stamp that does not parse sorts before every one that does.
 */
export function compareStamps(a: string, b: string): number {
  const x = parseHlc(a);
  const y = parseHlc(b);
  if (!x || !y) {
    if (x || y) return x ? 1 : -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return Math.sign(x.wall - y.wall) || Math.sign(x.counter - y.counter) || (x.node < y.node ? -1 : x.node > y.node ? 1 : 0);
}

/**
 * Whether a write of `field` stamped `hlc` wins over the field's last write: it is not older. An
 * equal stamp is the same mutation (stamps are unique per mutation), stating the field again
 * later in its own batch.
 */
export function fieldWriteWins(c: Customer | undefined, field: StampedField, hlc: string): boolean {
  const held = c?.fieldHlc?.[field];
  return held === undefined || compareStamps(hlc, held) >= 0;
}

/** The field stamps after these fields were written at `hlc`. */
export function stampFields(c: Customer | undefined, fields: readonly StampedField[], hlc: string): { fieldHlc: Record<string, string> } {
  const fieldHlc = { ...c?.fieldHlc };
  for (const f of fields) fieldHlc[f] = hlc;
  return { fieldHlc };
}

/**
 * Segments are last-writer-wins on the whole record by HLC stamp (compareStamps), with the losers
 * kept in `history` (DESIGN.md "Sync"). The record stands for the set of every write it has seen:
 * while live, `current` is the newest put and `history` the next SEGMENT_HISTORY_MAX puts, oldest
 * first; once a delete is newer than every put, the record is a tombstone stamped with that delete
 * and `history` holds the newest SEGMENT_HISTORY_MAX puts (the last one is the definition it had,
 * which the tombstone also carries). A put older than the newest write joins history in stamp
 * order; a delete older than the newest put changes nothing. Each step keeps "the newest N of a
 * growing set", so every replica and the server end identical whatever order the writes reach
 * them in, and a write seen twice (same stamp) changes nothing.
 *
 * A put stating the definition the segment already has is still a write here: deciding it is "no
 * change" at the server would drop a concurrent identical edit's newer stamp and let an older,
 * different edit arriving later win. The service (segments-store.ts saveSegment) is where an
 * unchanged save is not written at all.
 */
export function segmentAfterPut(before: Segment | undefined, put: SegmentVersion, id: string, shopId: string): Segment | undefined {
  if (!before) return { id, shopId, ...put, deleted: false };
  const history = before.history ?? [];
  if (before.hlc === put.hlc || history.some((v) => v.hlc === put.hlc)) return undefined;
  const byStamp = (a: SegmentVersion, b: SegmentVersion) => compareStamps(a.hlc, b.hlc);
  if (!before.deleted) {
    const all = [...history, segmentVersionOf(before), put].sort(byStamp);
    const current = all.pop()!;
    const kept = all.slice(-SEGMENT_HISTORY_MAX);
    // Older than every version kept: it would fall off the end at once.
    if (current !== put && !kept.includes(put)) return undefined;
    return { id: before.id, shopId: before.shopId, ...current, deleted: false, history: kept };
  }
  if (compareStamps(put.hlc, before.hlc) > 0) {
    // Newer than the delete: the segment is back, every earlier put stays in history.
    return { id: before.id, shopId: before.shopId, ...put, deleted: false, history: history.slice(-SEGMENT_HISTORY_MAX) };
  }
  // Older than the delete: it joins the puts; the tombstone carries the newest one's definition.
  const kept = [...history, put].sort(byStamp).slice(-SEGMENT_HISTORY_MAX);
  if (!kept.includes(put)) return undefined;
  const { name, query, color } = kept[kept.length - 1]!;
  return { ...before, name, query, color, history: kept };
}

/** The segment after a delete stamped `hlc`, or undefined when a newer write already stands. */
export function segmentAfterDelete(before: Segment, hlc: string, updatedBy: string): Segment | undefined {
  if (compareStamps(hlc, before.hlc) <= 0) return undefined;
  const history = before.deleted ? (before.history ?? []) : [...(before.history ?? []), segmentVersionOf(before)].slice(-SEGMENT_HISTORY_MAX);
  return { ...before, deleted: true, hlc, updatedBy, history };
}

export function segmentVersionOf({ name, query, color, hlc, updatedBy }: Segment): SegmentVersion {
  return { name, query, color, hlc, updatedBy };
}

/** The customer after a sighting, or undefined when the sighting tells nothing new. */
export function mergeBuyer(
  before: Customer | undefined,
  buyer: BuyerSighting,
  id: string,
  shopId: string,
  ctx: WriteContext,
): Customer | undefined {
  const seenKeys = [...new Set([buyer.key, ...buyer.otherKeys])];
  if (!before) {
    return {
      id,
      shopId,
      keys: [...new Set(seenKeys)],
      displayName: buyer.displayName,
      fields: {},
      firstSeenAt: ctx.now,
      hlc: ctx.hlc,
      updatedBy: ctx.actor,
      deleted: false,
      ...stampFields(undefined, ['displayName'], ctx.hlc),
    };
  }
  const newKeys = seenKeys.filter((k) => !before.keys.includes(k));
  // A name newer than the one held replaces it; an older one arriving late does not.
  const rename = before.displayName !== buyer.displayName && fieldWriteWins(before, 'displayName', ctx.hlc);
  if (!newKeys.length && !rename) return undefined;
  return {
    ...before,
    keys: [...before.keys, ...newKeys],
    ...(rename ? { displayName: buyer.displayName, ...stampFields(before, ['displayName'], ctx.hlc) } : {}),
    hlc: ctx.hlc,
    updatedBy: ctx.actor,
  };
}

/**
 * The order after a sighting, or undefined when nothing changed. Fields a page did not show are
 * kept. `customerId` is the customer the buyer resolved to (a merge survivor, or the customer an
 * import found through another key); `source` is where a new order comes from.
 */
export function mergeOrder(
  before: OrderRecord | undefined,
  o: OrderSighting,
  id: string,
  shopId: string,
  ctx: WriteContext,
  customerId: string = customerIdOf(shopId, o.buyer.key),
  source: OrderRecord['source'] = 'page',
): OrderRecord | undefined {
  const next: OrderRecord = {
    id,
    shopId,
    orderId: o.orderId,
    customerId,
    placedAt: o.placedAt ?? before?.placedAt,
    total: o.total ?? before?.total,
    status: o.status ?? before?.status,
    items: o.items ?? before?.items,
    source: before?.source ?? source,
    firstSeenAt: before?.firstSeenAt ?? ctx.now,
    lastSeenAt: ctx.now,
    history: before?.history,
    hlc: ctx.hlc,
    updatedBy: ctx.actor,
    deleted: false,
  };
  if (before && sameOrderFacts(before, next)) return undefined;
  if (before && factsDiffer(before, next)) {
    // The latest sighting wins; what the order said before is kept, newest last.
    const earlier = stripUndefined({ at: before.lastSeenAt, placedAt: before.placedAt, total: before.total, status: before.status });
    next.history = [...(before.history ?? []), earlier].slice(-ORDER_HISTORY_MAX);
  }
  return stripUndefined(next);
}

const ORDER_HISTORY_MAX = 20;

/** The figures a person would call "the order changed": date, amount, status. */
function factsDiffer(a: OrderRecord, b: OrderRecord): boolean {
  return (
    a.placedAt !== b.placedAt ||
    a.status !== b.status ||
    a.total?.amountMinor !== b.total?.amountMinor ||
    a.total?.currency !== b.total?.currency
  );
}

function sameOrderFacts(a: OrderRecord, b: OrderRecord): boolean {
  return (
    a.customerId === b.customerId &&
    a.placedAt === b.placedAt &&
    a.status === b.status &&
    a.total?.amountMinor === b.total?.amountMinor &&
    a.total?.currency === b.total?.currency &&
    JSON.stringify(a.items ?? null) === JSON.stringify(b.items ?? null) &&
    !a.deleted
  );
}

function stripUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
