import { median } from './aggregate';
import { recencyDays } from './rfm';
import { DAY_MS, type CustomerAggregate, type LifecycleStage, type Reason } from './types';

export interface LifecycleThresholds {
  /** The shop's usual purchase cycle C, whole days. */
  cycleDays: number;
  /** A buyer whose last order is at most this many days old is active (2C). */
  activeDays: number;
  /** Beyond this many days without an order a buyer has churned (4C). */
  churnDays: number;
  /** 'shop' when derived from the shop's own repeat buyers, 'default' when data was too thin. */
  basis: 'shop' | 'default';
}

export const DEFAULT_CYCLE_DAYS = 30;
export const MIN_CYCLE_DAYS = 7;
export const MAX_CYCLE_DAYS = 365;
/** Fewer repeat buyers than this and the shop's own median is noise: use the default cycle. */
export const MIN_REPEAT_CUSTOMERS = 5;

/**
 * A repeat buyer's average days between orders: (lastAt − firstAt) / (datedCount − 1) in days.
 * Undefined with fewer than 2 dated orders or when they all fall at the same moment.
 */
export function averageIntervalDays(agg: CustomerAggregate): number | undefined {
  const { firstAt, lastAt, datedCount } = agg;
  if (datedCount < 2 || firstAt === undefined || lastAt === undefined) return undefined;
  const span = lastAt - firstAt;
  if (!(span > 0) || !Number.isFinite(span)) return undefined;
  return span / (datedCount - 1) / DAY_MS;
}

/**
 * Lifecycle thresholds from the shop's own rhythm. A tea shop whose buyers reorder monthly and a
 * furniture shop whose buyers return yearly must not share "at risk after 60 days": the cycle C is
 * the median of the repeat buyers' average intervals (the median, so a few bulk buyers or a buyer
 * back after three years do not drag it). Active = within 2C of the last order (one missed cycle is
 * normal), churned = beyond 4C (three cycles missed). With fewer than 5 repeat buyers the median is
 * noise, so C = 30 days (basis 'default'). C is kept within 7..365 days (a floor, so a shop of
 * same-week reorders does not call a buyer churned after a fortnight; a cap, so nobody stays
 * "active" for years) and rounded to whole days before doubling.
 */
export function shopThresholds(repeatCustomerCycles: readonly number[]): LifecycleThresholds {
  const cycles = repeatCustomerCycles.filter(usableCycle);
  return thresholdsFromMedian(median(cycles), cycles.length);
}

/** A cycle value the thresholds may use: a finite number of days above zero. */
export function usableCycle(c: unknown): c is number {
  return typeof c === 'number' && Number.isFinite(c) && c > 0;
}

/**
 * The same thresholds from a median already known, for callers that keep the cycles sorted
 * and follow them one change at a time (the background does, so a write costs O(log n)).
 */
export function thresholdsFromMedian(cycleMedian: number | undefined, repeatCustomers: number): LifecycleThresholds {
  const basis = repeatCustomers >= MIN_REPEAT_CUSTOMERS && cycleMedian !== undefined ? 'shop' : 'default';
  const raw = basis === 'shop' ? cycleMedian! : DEFAULT_CYCLE_DAYS;
  const cycleDays = Math.round(Math.min(MAX_CYCLE_DAYS, Math.max(MIN_CYCLE_DAYS, raw)));
  return { cycleDays, activeDays: 2 * cycleDays, churnDays: 4 * cycleDays, basis };
}

/**
 * The lifecycle stage of one buyer, with the reason in words (i18n key `insight.lifecycle.<stage>`,
 * params days / activeDays / churnDays / orders, and gapDays for won_back):
 * - prospect: no counted order;
 * - counted orders but none dated: new (one order) or active (more), reason "dates unknown";
 * - new: exactly one counted order, last order within activeDays;
 * - won_back: 2+ counted orders, last order within activeDays, after a pause longer than churnDays;
 * - active: last order within activeDays;
 * - at_risk: last order more than activeDays and at most churnDays ago;
 * - churned: last order more than churnDays ago.
 */
export function lifecycleStage(agg: CustomerAggregate, now: number, t: LifecycleThresholds): { stage: LifecycleStage; reason: Reason } {
  const orders = agg.orderCount;
  if (!(orders > 0)) return { stage: 'prospect', reason: { key: 'insight.lifecycle.prospect' } };
  const { activeDays, churnDays } = t;
  if (agg.datedCount <= 0 || agg.lastAt === undefined || !Number.isFinite(agg.lastAt)) {
    return orders === 1
      ? { stage: 'new', reason: { key: 'insight.lifecycle.new.undated', params: { orders } } }
      : { stage: 'active', reason: { key: 'insight.lifecycle.active.undated', params: { orders } } };
  }
  const days = recencyDays(agg.lastAt, now);
  const params = { days, activeDays, churnDays, orders };
  if (days <= activeDays) {
    if (orders === 1) return { stage: 'new', reason: { key: 'insight.lifecycle.new', params } };
    if (agg.prevAt !== undefined) {
      const gapDays = Math.floor((agg.lastAt - agg.prevAt) / DAY_MS);
      if (gapDays > churnDays) return { stage: 'won_back', reason: { key: 'insight.lifecycle.won_back', params: { ...params, gapDays } } };
    }
    return { stage: 'active', reason: { key: 'insight.lifecycle.active', params } };
  }
  if (days <= churnDays) return { stage: 'at_risk', reason: { key: 'insight.lifecycle.at_risk', params } };
  return { stage: 'churned', reason: { key: 'insight.lifecycle.churned', params } };
}
