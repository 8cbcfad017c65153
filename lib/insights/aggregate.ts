import { isCountedStatus } from './counted';
import { DAY_MS, type CustomerAggregate, type OrderFact } from './types';

/**
 * Per-customer figures from that customer's orders. Pure, total (never throws), integer sums:
 * - only counted orders (isCountedStatus) enter counts, totals and dates;
 * - an order without a date still counts toward frequency and money, not toward dates;
 * - a total that is missing, NaN, negative, fractional or not a safe integer is ignored for the sum
 *   and counted in unknownTotalOrders;
 * - totals are summed in one currency only: the one most usable totals are in (ties alphabetical,
 *   a total without currency loses ties); totals in other currencies are counted, never mixed in.
 * Duplicate orders are the caller's concern (orders are deduplicated by the database).
 */
export function aggregateOrders(orders: readonly OrderFact[]): CustomerAggregate {
  let orderCount = 0;
  let unknownTotalOrders = 0;
  let datedCount = 0;
  let firstAt: number | undefined;
  let lastAt: number | undefined;
  const dated: number[] = [];
  /** Sum and count per currency ('' = none given). */
  const byCurrency = new Map<string, { sum: number; count: number }>();
  let latest: OrderFact | undefined;
  let latestAt: number | undefined;
  let lastInput: OrderFact | undefined;

  for (const order of Array.isArray(orders) ? orders : []) {
    if (!order || typeof order !== 'object') continue;
    lastInput = order;
    const at = validDate(order.placedAt);
    if (at !== undefined && (latestAt === undefined || at > latestAt || (at === latestAt && idOf(order) > idOf(latest)))) {
      latest = order;
      latestAt = at;
    }
    if (!isCountedStatus(order.status)) continue;
    orderCount++;
    if (at !== undefined) {
      datedCount++;
      dated.push(at);
      if (firstAt === undefined || at < firstAt) firstAt = at;
      if (lastAt === undefined || at > lastAt) lastAt = at;
    }
    const total = order.totalMinor;
    if (typeof total !== 'number' || !Number.isSafeInteger(total) || total < 0) {
      unknownTotalOrders++;
      continue;
    }
    const cur = typeof order.currency === 'string' ? order.currency.trim() : '';
    const slot = byCurrency.get(cur);
    if (slot) {
      slot.sum += total;
      slot.count++;
    } else byCurrency.set(cur, { sum: total, count: 1 });
  }

  let main: string | undefined;
  let mainSlot: { sum: number; count: number } | undefined;
  for (const [cur, slot] of byCurrency) {
    if (!mainSlot || slot.count > mainSlot.count || (slot.count === mainSlot.count && currencyBefore(cur, main!))) {
      main = cur;
      mainSlot = slot;
    }
  }
  const counted = orderCount - unknownTotalOrders;

  const agg: CustomerAggregate = {
    orderCount,
    totalMinor: mainSlot?.sum ?? 0,
    currency: main ? main : undefined,
    otherCurrencyOrders: counted - (mainSlot?.count ?? 0),
    unknownTotalOrders,
    datedCount,
  };
  if (firstAt !== undefined) agg.firstAt = firstAt;
  if (lastAt !== undefined) {
    agg.lastAt = lastAt;
    let prev: number | undefined;
    for (const at of dated) if (lastAt - at >= DAY_MS && (prev === undefined || at > prev)) prev = at;
    if (prev !== undefined) agg.prevAt = prev;
  }
  // The latest order by date; when no order has a date, the last one given.
  const last = latest ?? lastInput;
  if (last) {
    if (typeof last.orderId === 'string') agg.lastOrderId = last.orderId;
    if (typeof last.status === 'string') agg.lastStatus = last.status;
  }
  return agg;
}

/**
 * The buyer's usual purchase cycle in whole days: the median of the gaps between consecutive
 * counted dated orders, each gap floored to whole days. Gaps of 0 days (orders within a day of
 * each other) are one visit and skipped. Undefined with fewer than 2 dated orders or when no gap
 * remains. The median of an even count is the mean of the middle two, rounded to the nearest day.
 */
export function purchaseCycleDays(orders: readonly OrderFact[]): number | undefined {
  const dates: number[] = [];
  for (const order of Array.isArray(orders) ? orders : []) {
    if (!order || typeof order !== 'object' || !isCountedStatus(order.status)) continue;
    const at = validDate(order.placedAt);
    if (at !== undefined) dates.push(at);
  }
  if (dates.length < 2) return undefined;
  dates.sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < dates.length; i++) {
    const days = Math.floor((dates[i]! - dates[i - 1]!) / DAY_MS);
    if (days > 0) gaps.push(days);
  }
  const m = median(gaps);
  return m === undefined ? undefined : Math.round(m);
}

/** The median of numbers (mean of the middle two for an even count); undefined when empty. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function validDate(at: unknown): number | undefined {
  return typeof at === 'number' && Number.isFinite(at) ? at : undefined;
}

function idOf(order: OrderFact | undefined): string {
  return order && typeof order.orderId === 'string' ? order.orderId : '';
}

/** Tie-break between currencies: a named currency before none, then alphabetical. */
function currencyBefore(a: string, b: string): boolean {
  if (a === '' || b === '') return b === '' && a !== '';
  return a < b;
}
