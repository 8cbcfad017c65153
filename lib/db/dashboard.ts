import { isCountedStatus } from '../insights/counted';
import { LIFECYCLE_STAGES, RFM_GROUPS } from '../model/insight-names';
import type { Dashboard } from '../model/owner';
import type { BuyerLensDb } from './database';
import type { ShopTable, TableEntry } from './customer-table';

/** One counted, dated order, reduced to what the revenue chart needs. */
export interface CountedOrder {
  customerId: string;
  /** 'YYYY-MM' as the shop saw it (the first seven characters of placedAt). */
  month: string;
  amountMinor?: number;
  currency?: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])/;

/** How many months the revenue chart shows at most. */
export const DASHBOARD_MONTHS = 24;

/**
 * The shop's counted, dated orders, read once through the [shopId+placedAt] index (undated orders
 * are not in it, and have no month) and kept with the table until the shop changes.
 */
export function countedOrders(db: BuyerLensDb, table: ShopTable): Promise<CountedOrder[]> {
  const key = 'countedOrders';
  let memo = table.memo.get(key) as Promise<CountedOrder[]> | undefined;
  if (!memo) {
    memo = db.orders
      .where('[shopId+placedAt]')
      .between([table.shopId, ''], [table.shopId, '\uffff'], true, true)
      .toArray()
      .then((orders) =>
        orders.flatMap((o) =>
          !o.deleted && o.placedAt && MONTH.test(o.placedAt) && isCountedStatus(o.status)
            ? [{ customerId: o.customerId, month: o.placedAt.slice(0, 7), amountMinor: o.total?.amountMinor, currency: o.total?.currency }]
            : [],
        ),
      );
    table.memo.set(key, memo);
    memo.catch(() => table.memo.delete(key));
  }
  return memo;
}

/**
 * The pictures of the dashboard over the customers a filter matched. Money is summed in the main
 * currency only (the most common currency among these customers; ties alphabetical): amounts in
 * other currencies cannot be added to it, so customers and orders in them are counted but their
 * money is left out of every revenue figure.
 */
export function dashboardOf(entries: readonly TableEntry[], orders: readonly CountedOrder[]): Dashboard {
  const currency = mainCurrency(entries);
  let revenueMinor = 0;
  const grid = new Map<number, { r: number; f: number; customers: number; revenueMinor: number }>();
  const stages = new Map<string, number>();
  const groups = new Map<string, number>();
  for (const e of entries) {
    const f = e.facts;
    const money = currency !== undefined && f.currency === currency ? f.totalMinor : 0;
    revenueMinor += money;
    stages.set(f.stage, (stages.get(f.stage) ?? 0) + 1);
    groups.set(f.group, (groups.get(f.group) ?? 0) + 1);
    if (f.rfm) {
      const cellKey = f.rfm.r * 10 + f.rfm.f;
      const cell = grid.get(cellKey) ?? grid.set(cellKey, { r: f.rfm.r, f: f.rfm.f, customers: 0, revenueMinor: 0 }).get(cellKey)!;
      cell.customers++;
      cell.revenueMinor += money;
    }
  }
  return {
    customers: entries.length,
    ...(currency === undefined ? {} : { currency }),
    revenueMinor,
    rfmGrid: [...grid.values()].sort((a, b) => a.r - b.r || a.f - b.f),
    lifecycle: LIFECYCLE_STAGES.map((stage) => ({ stage, customers: stages.get(stage) ?? 0 })),
    groups: RFM_GROUPS.map((group) => ({ group, customers: groups.get(group) ?? 0 })),
    months: revenueByMonth(new Set(entries.map((e) => e.id)), orders, currency),
  };
}

function mainCurrency(entries: readonly TableEntry[]): string | undefined {
  const counts = new Map<string, number>();
  for (const e of entries) if (e.facts.currency) counts.set(e.facts.currency, (counts.get(e.facts.currency) ?? 0) + 1);
  let best: string | undefined;
  for (const [c, n] of counts) if (best === undefined || n > counts.get(best)! || (n === counts.get(best)! && c < best)) best = c;
  return best;
}

/**
 * Counted revenue, orders and distinct buyers per month for these customers: the latest
 * DASHBOARD_MONTHS months ending at the latest month with an order (not before the first one),
 * months without orders included as zeros so the chart's time axis is even.
 */
export function revenueByMonth(customerIds: ReadonlySet<string>, orders: readonly CountedOrder[], currency: string | undefined): Dashboard['months'] {
  const months = new Map<string, { revenueMinor: number; orders: number; buyers: Set<string> }>();
  for (const o of orders) {
    if (!customerIds.has(o.customerId)) continue;
    const m = months.get(o.month) ?? months.set(o.month, { revenueMinor: 0, orders: 0, buyers: new Set() }).get(o.month)!;
    m.orders++;
    m.buyers.add(o.customerId);
    if (currency !== undefined && o.currency === currency && Number.isInteger(o.amountMinor)) m.revenueMinor += o.amountMinor!;
  }
  if (!months.size) return [];
  const keys = [...months.keys()].sort();
  const last = keys[keys.length - 1]!;
  const first = keys[0]! > shiftMonth(last, -(DASHBOARD_MONTHS - 1)) ? keys[0]! : shiftMonth(last, -(DASHBOARD_MONTHS - 1));
  const out: Dashboard['months'] = [];
  for (let m = first; m <= last; m = shiftMonth(m, 1)) {
    const v = months.get(m);
    out.push({ month: m, revenueMinor: v?.revenueMinor ?? 0, orders: v?.orders ?? 0, customers: v?.buyers.size ?? 0 });
  }
  return out;
}

/** 'YYYY-MM' moved by whole months. */
export function shiftMonth(month: string, by: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}
