import { TagName, type Customer, type Note, type OrderRecord, type Tag, type Tagging } from '../model/entities';
import { customerIdOf, hash64, orderRecordIdOf, shopIdOf, taggingIdOf, tagIdOf, tagNameKey } from '../model/ids';
import type { MutationArgs } from '../model/mutation';
import type { ImportedCustomer, OrderSighting } from '../model/sighting';
import { defaultTagColor } from '../model/tag-color';
import type { BuyerLensDb } from './database';
import { noteCustomer } from './import-report';
import { whereAnyOf } from './index-reads';
import { fieldWriteWins, mergeOrder, stampFields, type StampedField, type WriteContext } from './mutators';
import type { OrderFigures } from './aggregates';
import { followMerges, forgottenCheck } from './resolve-customers';

const MAX_KEYS = 50;

/**
 * What one import commit has learnt so far, so a buyer seen in an earlier batch of the file costs
 * no read in a later one (the same buyers recur across the batches of one file). It mirrors the
 * database only because every batch of the commit writes through the mutator, in the one
 * transaction the commit holds: valid for that transaction alone, and bounded by the file.
 */
export interface ImportCache {
  readonly shopId: string;
  /** Keys looked up so far → every live customer (a survivor) holding it, in the order found. */
  readonly owners: Map<string, string[]>;
  /** Customers as they stand now in the transaction, by id; null: no record under that id. */
  readonly customers: Map<string, Customer | null>;
  /** Every customer of the shop is in `customers` and every key of theirs in `owners` (primed). */
  complete?: boolean;
  isForgotten?: (keys: readonly string[]) => boolean;
  /** Ids of the shop's order records: stored before the commit or written by it. */
  orderIds?: Set<string>;
  /**
   * When the shop had no orders before the commit: every order the commit wrote, by customer (what
   * the figures are built from), so the figures need no read at the end. Absent otherwise.
   */
  ordersOf?: Map<string, Map<string, OrderFigures>>;
}

export function newImportCache(shopId: string): ImportCache {
  return { shopId, owners: new Map(), customers: new Map() };
}

/**
 * When the shop holds no more customers than the file holds records, read them all in one
 * indexed getAll instead of one read per key in the batches: after it every key and id is known.
 * A large shop and a small file keep the per-key reads (they are fewer).
 */
export async function primeImportCache(db: BuyerLensDb, cache: ImportCache, fileRecords: number): Promise<void> {
  const inShop = db.customers.where('shopId').equals(cache.shopId);
  if ((await inShop.count()) > fileRecords) return;
  const all = await inShop.toArray();
  for (const c of all) cache.customers.set(c.id, c);
  const live = all.filter((c) => !c.deleted);
  const survivorOf = await followMerges(db, live);
  for (const c of live) {
    const survivor = survivorOf.get(c.id)!;
    if (survivor.deleted) continue;
    if (!cache.customers.has(survivor.id)) cache.customers.set(survivor.id, survivor);
    for (const k of c.keys) {
      const list = cache.owners.get(k);
      if (!list) cache.owners.set(k, [survivor.id]);
      else if (!list.includes(survivor.id)) list.push(survivor.id);
    }
  }
  cache.complete = true;
}

/** One buyer of a batch, with everything the batch says about them. */
interface IncomingBuyer {
  key: string;
  keys: string[];
  displayName: string;
  /** Contact a customers export states outright (it replaces what was held). */
  email?: string;
  phone?: string;
  tags: string[];
  notes: string[];
  /** Rows of the batch about this buyer (orders and customer rows), for the forgotten count. */
  rows: number;
}

/**
 * One batch of an imported file. Buyers resolve to existing customers through any of their keys
 * (one indexed read for the whole batch), orders deduplicate by platform order id, forgotten
 * buyers are left out. Every read and write is one bulk operation per table, never one per
 * record: a 100,000-order file is 20 of these batches.
 */
export async function importRecords(
  db: BuyerLensDb,
  ctx: WriteContext,
  { shop, orders, customers }: MutationArgs<'import.records'>,
): Promise<boolean> {
  const shopId = shopIdOf(shop.platform, shop.key);
  const report = ctx.importReport;
  const cache = ctx.importCache?.shopId === shopId ? ctx.importCache : undefined;
  const t = ctx.timings;
  let t0 = t && performance.now();
  const lap = (step: string) => {
    if (!t) return;
    const t1 = performance.now();
    t.add(step, t1 - t0!);
    t0 = t1;
  };
  let changed = false;
  if (!(await db.shops.get(shopId))) {
    await db.shops.put({ id: shopId, platform: shop.platform, key: shop.key, name: shop.name, firstSeenAt: ctx.now });
    changed = true;
  }

  // An import does not forget anyone: the shop's forgotten keys are read once per commit.
  const isForgotten = cache ? (cache.isForgotten ??= await forgottenCheck(db, shopId)) : await forgottenCheck(db, shopId);
  const incoming = [...gatherBuyers(orders, customers).values()].filter((b) => {
    if (!isForgotten(b.keys)) return true;
    if (report) report.skippedForgotten += b.rows;
    return false;
  });
  lap('shop+forgotten');
  if (!incoming.length) return changed;

  const resolution = await resolveBuyers(db, ctx, shopId, incoming, cache);
  for (const [a, b] of resolution.ambiguous) report?.possibleDuplicates.add([a, b].sort().join('\n'));
  lap('resolve');

  const customerWrites: Customer[] = [];
  for (const [id, after] of resolution.working) {
    const before = resolution.original.get(id);
    const outcome = !before ? 'added' : sameCustomer(before, after) ? 'unchanged' : 'updated';
    if (outcome !== 'unchanged') customerWrites.push(after);
    if (report) noteCustomer(report, id, outcome);
    cache?.customers.set(id, after);
  }
  if (customerWrites.length) {
    await db.customers.bulkPut(customerWrites);
    changed = true;
  }
  lap('customers put');

  if (await applyTagsAndNotes(db, ctx, shopId, incoming, resolution.customerOfKey)) changed = true;
  lap('tags+notes');

  const live = orders.filter((o) => resolution.customerOfKey.has(o.buyer.key));
  if (await applyOrders(db, ctx, shopId, live, resolution.customerOfKey, cache)) changed = true;
  lap('orders');
  return changed;
}

/** The batch's buyers, one per primary key; a later row adds keys and wins on name and contact. */
function gatherBuyers(orders: readonly OrderSighting[], customers: readonly ImportedCustomer[]): Map<string, IncomingBuyer> {
  const byKey = new Map<string, IncomingBuyer>();
  const take = (buyer: OrderSighting['buyer'], extraKeys: string[]) => {
    let b = byKey.get(buyer.key);
    if (!b) {
      b = { key: buyer.key, keys: [buyer.key], displayName: buyer.displayName, tags: [], notes: [], rows: 0 };
      byKey.set(buyer.key, b);
    }
    for (const k of [...buyer.otherKeys, ...extraKeys]) if (!b.keys.includes(k)) b.keys.push(k);
    b.displayName = buyer.displayName;
    b.rows++;
    return b;
  };
  for (const o of orders) take(o.buyer, []);
  for (const c of customers) {
    const b = take(c.buyer, [c.email ? `email:${c.email}` : '', c.phone ? `phone:${c.phone}` : ''].filter(Boolean));
    if (c.email) b.email = c.email;
    if (c.phone) b.phone = c.phone;
    for (const t of c.tags ?? []) if (!b.tags.includes(t)) b.tags.push(t);
    if (c.note?.trim() && !b.notes.includes(c.note.trim())) b.notes.push(c.note.trim());
  }
  return byKey;
}

interface Resolution {
  /** Each customer the batch touches, as it will be after the batch. */
  working: Map<string, Customer>;
  /** The same customers as stored before (absent = new, or a tombstone being started afresh). */
  original: Map<string, Customer>;
  /** Primary key of each incoming buyer → the customer it resolved to. */
  customerOfKey: Map<string, string>;
  /** Pairs of live customers one buyer's keys pointed at. */
  ambiguous: Array<[string, string]>;
}

async function resolveBuyers(
  db: BuyerLensDb,
  ctx: WriteContext,
  shopId: string,
  incoming: IncomingBuyer[],
  cache: ImportCache | undefined,
): Promise<Resolution> {
  const allKeys = [...new Set(incoming.flatMap((b) => b.keys))];
  const derivedIds = incoming.map((b) => customerIdOf(shopId, b.key));
  // With a cache, only keys and ids no earlier batch of the commit has looked up are read.
  const unknownKeys = cache ? (cache.complete ? [] : allKeys.filter((k) => !cache.owners.has(k))) : allKeys;
  const unreadIds = cache ? (cache.complete ? [] : [...new Set(derivedIds.filter((id) => !cache.customers.has(id)))]) : derivedIds;
  const [hits, read] = await Promise.all([
    unknownKeys.length ? whereAnyOf(db.customers, 'keys', unknownKeys) : [],
    unreadIds.length ? db.customers.bulkGet(unreadIds) : [],
  ]);
  const readById = new Map<string, Customer | null>(unreadIds.map((id, i) => [id, read[i] ?? null]));
  const storedAt = (id: string) => (readById.has(id) ? readById.get(id) : cache?.customers.get(id)) ?? undefined;
  if (cache) for (const [id, c] of readById) cache.customers.set(id, c);
  const inShop = [...new Map(hits.filter((c) => c.shopId === shopId && !c.deleted).map((c) => [c.id, c])).values()];
  const survivorOf = await followMerges(db, inShop);

  const working = new Map<string, Customer>();
  const original = new Map<string, Customer>();
  /** Which live customers hold each key; grows as this batch creates customers and adds keys. */
  const owners = new Map<string, string[]>();
  const own = (key: string, id: string) => {
    const list = owners.get(key);
    if (!list) owners.set(key, [id]);
    else if (!list.includes(id)) list.push(id);
  };
  const take = (c: Customer) => {
    if (working.has(c.id)) return;
    working.set(c.id, c);
    original.set(c.id, c);
  };
  if (cache) {
    for (const k of allKeys) {
      const known = cache.owners.get(k);
      if (!known) continue;
      owners.set(k, [...known]);
      for (const id of known) take(cache.customers.get(id)!);
    }
  }
  for (const c of inShop) {
    const survivor = survivorOf.get(c.id)!;
    if (survivor.deleted) continue;
    // The cached record is the one this transaction last wrote (the read found the same).
    take((cache?.customers.get(survivor.id) as Customer | undefined) ?? survivor);
    for (const k of c.keys) own(k, survivor.id);
  }

  const customerOfKey = new Map<string, string>();
  const ambiguous: Array<[string, string]> = [];
  incoming.forEach((b, i) => {
    const candidates = [...new Set(b.keys.flatMap((k) => owners.get(k) ?? []))];
    let id: string;
    if (!candidates.length) {
      id = derivedIds[i]!;
      const stored = storedAt(id);
      // A live record under the derived id that no key found would be odd; a tombstone is no one.
      if (stored && !stored.deleted) take(stored);
    } else if (candidates.length === 1) {
      id = candidates[0]!;
    } else {
      // One buyer, two customers: the one known by the buyer's own primary key wins, else the oldest.
      const primaryOwner = (owners.get(b.key) ?? [])[0];
      id = primaryOwner ?? [...candidates].sort((x, y) => working.get(x)!.firstSeenAt - working.get(y)!.firstSeenAt || (x < y ? -1 : 1))[0]!;
      for (const other of candidates) if (other !== id) ambiguous.push([id, other]);
    }
    // Keys another live customer holds stay with it until someone merges the two.
    const freeKeys = b.keys.filter((k) => (owners.get(k) ?? [id]).every((o) => o === id));
    const next = absorb(working.get(id), b, freeKeys, id, shopId, ctx);
    working.set(id, next);
    for (const k of next.keys) own(k, id);
    customerOfKey.set(b.key, id);
  });
  // Every key of the batch now has all its owners listed (the stored ones and this batch's).
  if (cache) for (const k of allKeys) cache.owners.set(k, owners.get(k) ?? []);
  return { working, original, customerOfKey, ambiguous };
}

/**
 * A customer after taking in what an imported buyer says. A name, or an email or phone only known
 * from the buyer's keys, is filled in where the customer has none, without a stamp (any later write
 * wins over it); a field someone cleared on purpose (a merge) has a stamp and is not filled again.
 * An email or phone the export states outright is a write, last-writer-wins per field (see
 * fieldWriteWins in mutators.ts); stating the value the field holds is no write.
 */
function absorb(before: Customer | undefined, b: IncomingBuyer, keys: string[], id: string, shopId: string, ctx: WriteContext): Customer {
  const base: Customer = before ?? {
    id,
    shopId,
    keys: [],
    displayName: b.displayName,
    fields: {},
    firstSeenAt: ctx.now,
    hlc: ctx.hlc,
    updatedBy: ctx.actor,
    deleted: false,
  };
  const newKeys = keys.filter((k) => !base.keys.includes(k));
  const stamped = (field: StampedField) => base.fieldHlc?.[field] !== undefined;
  const written: StampedField[] = [];
  const contact = (field: 'email' | 'phone', stated: string | undefined) => {
    if (stated !== undefined && stated !== base[field] && fieldWriteWins(base, field, ctx.hlc)) {
      written.push(field);
      return stated;
    }
    if (base[field] !== undefined || stamped(field)) return base[field];
    return keyValue(b.keys, `${field}:`);
  };
  const email = contact('email', b.email);
  const phone = contact('phone', b.phone);
  const { email: _e, phone: _p, ...rest } = base;
  const next: Customer = {
    ...rest,
    keys: newKeys.length ? [...base.keys, ...newKeys].slice(0, MAX_KEYS) : base.keys,
    displayName: (base.displayName || stamped('displayName')) ? base.displayName : b.displayName,
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(written.length ? stampFields(base, written, ctx.hlc) : {}),
  };
  if (before && sameCustomer(before, next)) return before;
  return { ...next, hlc: ctx.hlc, updatedBy: ctx.actor };
}

function keyValue(keys: readonly string[], prefix: string): string | undefined {
  return keys.find((k) => k.startsWith(prefix))?.slice(prefix.length);
}

function sameCustomer(a: Customer, b: Customer): boolean {
  return (
    a.displayName === b.displayName &&
    a.email === b.email &&
    a.phone === b.phone &&
    a.keys.length === b.keys.length &&
    a.keys.every((k, i) => b.keys[i] === k)
  );
}

/**
 * Tags and notes from a customers export. A tag is created when the shop lacks it (a tag someone
 * deleted stays deleted); a tagging is added only where the customer never had one for that tag,
 * so a tag a person removed is not put back by importing the file again; a note is added once.
 */
async function applyTagsAndNotes(
  db: BuyerLensDb,
  ctx: WriteContext,
  shopId: string,
  incoming: readonly IncomingBuyer[],
  customerOfKey: ReadonlyMap<string, string>,
): Promise<boolean> {
  const wanted = incoming.filter((b) => b.tags.length || b.notes.length);
  if (!wanted.length) return false;
  let changed = false;

  const tagNames = new Map<string, string>();
  for (const b of wanted) {
    for (const raw of b.tags) {
      const name = TagName.safeParse(raw);
      if (name.success) tagNames.set(tagIdOf(shopId, name.data), name.data);
    }
  }
  const tagIds = [...tagNames.keys()];
  const storedTags = await db.tags.bulkGet(tagIds);
  const usable = new Set<string>();
  const newTags: Tag[] = [];
  tagIds.forEach((tagId, i) => {
    const stored = storedTags[i];
    if (stored?.deleted) return;
    usable.add(tagId);
    if (stored) return;
    const name = tagNames.get(tagId)!;
    newTags.push({ id: tagId, shopId, name, nameKey: tagNameKey(name), color: defaultTagColor(name), description: '', hlc: ctx.hlc, updatedBy: ctx.actor, deleted: false });
  });
  if (newTags.length) {
    await db.tags.bulkPut(newTags);
    changed = true;
  }

  const taggings = new Map<string, Tagging>();
  const notes = new Map<string, Note>();
  for (const b of wanted) {
    const customerId = customerOfKey.get(b.key)!;
    for (const raw of b.tags) {
      const name = TagName.safeParse(raw);
      if (!name.success) continue;
      const tagId = tagIdOf(shopId, name.data);
      if (!usable.has(tagId)) continue;
      const id = taggingIdOf(customerId, tagId);
      // The add id is derived, so two teammates importing the same file converge on one add.
      taggings.set(id, { id, shopId, customerId, tagId, addIds: [`a_${hash64(`import\n${id}`)}`], hlc: ctx.hlc, updatedBy: ctx.actor, deleted: false });
    }
    for (const text of b.notes) {
      const id = `n_${hash64(`${customerId}\n${text}`)}`;
      notes.set(id, { id, shopId, customerId, text, authorId: ctx.actor, authorName: importedNoteAuthor(shopId), createdAt: ctx.now, rev: 1, hlc: ctx.hlc, updatedBy: ctx.actor, deleted: false });
    }
  }
  const taggingIds = [...taggings.keys()];
  const storedTaggings = await db.taggings.bulkGet(taggingIds);
  const taggingWrites = taggingIds.filter((_, i) => !storedTaggings[i]).map((id) => taggings.get(id)!);
  if (taggingWrites.length) {
    await db.taggings.bulkPut(taggingWrites);
    changed = true;
  }
  const noteIds = [...notes.keys()];
  const storedNotes = await db.notes.bulkGet(noteIds);
  const noteWrites = noteIds.filter((_, i) => !storedNotes[i]).map((id) => notes.get(id)!);
  if (noteWrites.length) {
    await db.notes.bulkPut(noteWrites);
    changed = true;
  }
  return changed;
}

/** Orders deduplicate by platform order id; an identical re-import changes nothing. */
async function applyOrders(
  db: BuyerLensDb,
  ctx: WriteContext,
  shopId: string,
  orders: readonly OrderSighting[],
  customerOfKey: ReadonlyMap<string, string>,
  cache: ImportCache | undefined,
): Promise<boolean> {
  if (!orders.length) return false;
  const ids = orders.map((o) => orderRecordIdOf(shopId, o.orderId));
  const t0 = ctx.timings && performance.now();
  // The shop's order ids are listed once per commit; only ids among them are read (none, for a
  // first import into the shop).
  if (cache && !cache.orderIds) {
    cache.orderIds = new Set((await db.orders.where('shopId').equals(shopId).primaryKeys()) as string[]);
    if (!cache.orderIds.size) cache.ordersOf = new Map();
  }
  const toRead = cache ? [...new Set(ids.filter((id) => cache.orderIds!.has(id)))] : [...new Set(ids)];
  const stored = toRead.length ? await db.orders.bulkGet(toRead) : [];
  if (t0 !== undefined) ctx.timings!.add('orders bulkGet', performance.now() - t0);
  const latest = new Map<string, OrderRecord | undefined>(toRead.map((id, i) => [id, stored[i]]));
  const writes = new Map<string, OrderRecord>();
  const report = ctx.importReport?.orders;
  orders.forEach((o, i) => {
    const id = ids[i]!;
    const before = latest.get(id);
    const next = mergeOrder(before, o, id, shopId, ctx, customerOfKey.get(o.buyer.key)!, 'import');
    if (!next) {
      if (report) report.unchanged++;
      return;
    }
    if (report) report[!before || before.deleted ? 'added' : 'updated']++;
    latest.set(id, next);
    writes.set(id, next);
    ctx.touched.add(next.customerId);
    // An order that moved to another customer changes the old one's figures too.
    if (before && before.customerId !== next.customerId) {
      ctx.touched.add(before.customerId);
      cache?.ordersOf?.get(before.customerId)?.delete(id);
    }
  });
  if (!writes.size) return false;
  const t1 = ctx.timings && performance.now();
  await db.orders.bulkPut([...writes.values()]);
  if (cache) for (const id of writes.keys()) cache.orderIds!.add(id);
  if (cache?.ordersOf) {
    for (const [id, o] of writes) {
      let own = cache.ordersOf.get(o.customerId);
      if (!own) cache.ordersOf.set(o.customerId, (own = new Map()));
      own.set(id, { id, shopId: o.shopId, orderId: o.orderId, placedAt: o.placedAt, total: o.total, status: o.status, deleted: o.deleted });
    }
  }
  if (t1 !== undefined) ctx.timings!.add('orders bulkPut', performance.now() - t1);
  return true;
}

const PLATFORM_NAMES: Readonly<Record<string, string>> = { shopify: 'Shopify', woocommerce: 'WooCommerce', taobao: '淘宝 Taobao' };

/** An imported note is signed with the platform it came from, the way a member signs theirs. */
function importedNoteAuthor(shopId: string): string {
  const platform = shopId.slice(0, shopId.indexOf(':'));
  return PLATFORM_NAMES[platform] ?? platform;
}
