import { isTagged, type OrderRecord } from '../model/entities';
import type { Money } from '../model/sighting';
import { isCountedStatus as isCounted } from '../insights/counted';
import type { NoteView, ProfileView, ShopView, TagView } from '../model/views';
import type { BuyerLensDb } from './database';
import { extractNoteTags } from '../insights/note-tags';
import type { InsightEngine } from './insights';
import { survivorIdOf, survivorIds } from './resolve-customers';

/** Every known order is listed; past this many, the oldest are left out of the reply. */
const ORDERS_LISTED = 500;

export async function shopTags(db: BuyerLensDb, shopId: string): Promise<TagView[]> {
  const tags = await db.tags.where('shopId').equals(shopId).toArray();
  return tags
    .filter((t) => !t.deleted)
    .map(({ id, name, color, description }) => ({ id, name, color, description }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** Live tag ids per customer, for the customers a page shows. */
export async function tagsByCustomer(
  db: BuyerLensDb,
  customerIds: readonly string[],
  liveTagIds: ReadonlySet<string>,
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  if (!customerIds.length) return out;
  const rows = await db.taggings.where('customerId').anyOf([...new Set(customerIds)]).toArray();
  for (const t of rows) {
    if (!isTagged(t) || !liveTagIds.has(t.tagId)) continue;
    (out[t.customerId] ??= []).push(t.tagId);
  }
  return out;
}

export async function shopView(
  db: BuyerLensDb,
  engine: InsightEngine,
  shopId: string,
  customerIds: readonly string[],
): Promise<ShopView> {
  const [tags, standsFor] = await Promise.all([shopTags(db, shopId), survivorIds(db, customerIds)]);
  const ids = [...new Set(standsFor.values())];
  const [byCustomer, markers] = await Promise.all([
    tagsByCustomer(db, ids, new Set(tags.map((t) => t.id))),
    engine.markers(shopId, ids),
  ]);
  // A merged buyer shows the survivor's data under the id asked about: content scripts derive
  // ids from platform keys and look them up by that id.
  for (const [asked, survivor] of standsFor) {
    if (asked === survivor) continue;
    if (byCustomer[survivor]) byCustomer[asked] = byCustomer[survivor]!;
    if (markers[survivor]) markers[asked] = markers[survivor]!;
  }
  return { shopId, tags, tagsByCustomer: byCustomer, markers };
}

export async function profileView(
  db: BuyerLensDb,
  engine: InsightEngine,
  shopId: string,
  askedId: string,
): Promise<ProfileView> {
  // A merged buyer's profile is the survivor's; the reply still names the id asked about.
  const customerId = await survivorIdOf(db, askedId);
  const [customer, orders, notes, tags, actionStates] = await Promise.all([
    db.customers.get(customerId),
    db.orders.where('customerId').equals(customerId).toArray(),
    db.notes.where('customerId').equals(customerId).toArray(),
    shopTags(db, shopId),
    db.actionStates.where('customerId').equals(customerId).toArray(),
  ]);
  const known = !!customer && customer.shopId === shopId && !customer.deleted;
  const byCustomer = await tagsByCustomer(db, [customerId], new Set(tags.map((t) => t.id)));
  const live = orders.filter((o) => !o.deleted && o.shopId === shopId);
  const counted = live.filter((o) => isCounted(o.status));
  live.sort(newestFirst);
  const tagIds = byCustomer[customerId] ?? [];
  const tagNames = tags.filter((t) => tagIds.includes(t.id)).map((t) => t.name);
  const birthday = known ? customer.fields.birthday : undefined;
  const insight = await engine.insight(shopId, customerId, {
    tags: tagNames,
    noteTags: extractNoteTags(notes.filter((n) => n.shopId === shopId && !n.deleted).map((n) => n.text)),
    ...(birthday && /^\d{2}-\d{2}$/.test(birthday) ? { birthday } : {}),
  });
  // A suggestion marked done or dismissed stays away until the facts it stood on change.
  const marked = new Map(actionStates.filter((a) => !a.deleted).map((a) => [a.ruleId, a.factsKey]));
  insight.suggestions = insight.suggestions.filter((s) => marked.get(s.ruleId) !== s.factsKey);
  return {
    shopId,
    customerId: askedId,
    known,
    displayName: known ? customer.displayName : '',
    keys: known ? customer.keys : [],
    tagIds,
    orderCount: counted.length,
    totalSpent: sumByCurrency(counted),
    orders: live.slice(0, ORDERS_LISTED).map((o) => ({
      orderId: o.orderId,
      placedAt: o.placedAt,
      total: o.total,
      status: o.status,
      counted: isCounted(o.status),
      items: o.items,
      ...(o.history?.length ? { changes: o.history.length } : {}),
    })),
    notes: notes
      .filter((n) => !n.deleted && n.shopId === shopId)
      .sort((a, b) => b.createdAt - a.createdAt)
      .map(
        (n): NoteView => ({
          id: n.id,
          text: n.text,
          authorName: n.authorName,
          createdAt: n.createdAt,
          editedAt: n.editedAt,
          rev: n.rev,
          conflictOf: n.conflictOf,
        }),
      ),
    insight,
  };
}

function newestFirst(a: OrderRecord, b: OrderRecord): number {
  return time(b.placedAt) - time(a.placedAt) || b.lastSeenAt - a.lastSeenAt;
}

/** Integer sums per currency, largest first. */
export function sumByCurrency(orders: readonly Pick<OrderRecord, 'total'>[]): Money[] {
  const sums = new Map<string, number>();
  for (const o of orders) {
    if (!o.total) continue;
    sums.set(o.total.currency, (sums.get(o.total.currency) ?? 0) + o.total.amountMinor);
  }
  return [...sums].map(([currency, amountMinor]) => ({ currency, amountMinor })).sort((a, b) => b.amountMinor - a.amountMinor);
}

function time(iso: string | undefined): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? 0 : t;
}

/** The owner's overview: shops, their tags, and how many buyers carry each tag. */
export async function shopsOverview(db: BuyerLensDb) {
  const shops = await db.shops.toArray();
  return Promise.all(
    shops.map(async (shop) => {
      const [tags, customers, taggings] = await Promise.all([
        shopTags(db, shop.id),
        db.customers.where('shopId').equals(shop.id).count(),
        db.taggings.where('shopId').equals(shop.id).toArray(),
      ]);
      const uses = new Map<string, number>();
      for (const t of taggings) if (isTagged(t)) uses.set(t.tagId, (uses.get(t.tagId) ?? 0) + 1);
      return {
        shopId: shop.id,
        name: shop.name,
        platform: shop.platform,
        customers,
        tags: tags.map((t) => ({ ...t, uses: uses.get(t.id) ?? 0 })),
      };
    }),
  );
}

const SEARCH_LIMIT = 20;

/** Buyers whose name or a platform key contains the text (case-insensitive), best first. */
export async function searchCustomers(db: BuyerLensDb, shopId: string, query: string) {
  const q = query.trim().toLocaleLowerCase();
  const hits: Array<{ customerId: string; displayName: string; key: string; rank: number }> = [];
  await db.customers
    .where('shopId')
    .equals(shopId)
    .each((c) => {
      if (c.deleted || c.mergedInto) return;
      const name = c.displayName.toLocaleLowerCase();
      const key = c.keys.find((k) => k.toLocaleLowerCase().includes(q));
      if (!name.includes(q) && !key) return;
      const rank = name.startsWith(q) ? 0 : name.includes(q) ? 1 : 2;
      hits.push({ customerId: c.id, displayName: c.displayName, key: key ?? c.keys[0]!, rank });
    });
  return hits
    .sort((a, b) => a.rank - b.rank || a.displayName.localeCompare(b.displayName, 'zh-CN'))
    .slice(0, SEARCH_LIMIT)
    .map(({ rank: _rank, ...hit }) => hit);
}
