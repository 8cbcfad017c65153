import { isTagged, type OrderRecord } from '../model/entities';
import type { Money } from '../model/sighting';
import { isCounted, type NoteView, type ProfileView, type ShopView, type TagView } from '../model/views';
import type { BuyerLensDb } from './database';

const RECENT_ORDERS = 10;

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

export async function shopView(db: BuyerLensDb, shopId: string, customerIds: readonly string[]): Promise<ShopView> {
  const tags = await shopTags(db, shopId);
  const byCustomer = await tagsByCustomer(db, customerIds, new Set(tags.map((t) => t.id)));
  return { shopId, tags, tagsByCustomer: byCustomer };
}

export async function profileView(db: BuyerLensDb, shopId: string, customerId: string): Promise<ProfileView> {
  const [customer, orders, notes, tags] = await Promise.all([
    db.customers.get(customerId),
    db.orders.where('customerId').equals(customerId).toArray(),
    db.notes.where('customerId').equals(customerId).toArray(),
    shopTags(db, shopId),
  ]);
  const known = !!customer && customer.shopId === shopId && !customer.deleted;
  const byCustomer = await tagsByCustomer(db, [customerId], new Set(tags.map((t) => t.id)));
  const live = orders.filter((o) => !o.deleted && o.shopId === shopId);
  const counted = live.filter((o) => isCounted(o.status));
  live.sort(newestFirst);
  return {
    shopId,
    customerId,
    known,
    displayName: known ? customer.displayName : '',
    keys: known ? customer.keys : [],
    tagIds: byCustomer[customerId] ?? [],
    orderCount: counted.length,
    totalSpent: sumByCurrency(counted),
    recentOrders: live.slice(0, RECENT_ORDERS).map((o) => ({
      orderId: o.orderId,
      placedAt: o.placedAt,
      total: o.total,
      status: o.status,
      counted: isCounted(o.status),
      items: o.items,
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
