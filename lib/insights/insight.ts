import type { InsightView, MarkerView, Reason } from '../model/views';
import { evaluateRules, type ActionRule, type InsightFacts } from './actions';
import { averageIntervalDays, lifecycleStage, thresholdsFromMedian, usableCycle, type LifecycleThresholds } from './lifecycle';
import { recencyDays, rfmScores, ScoreTable } from './rfm';
import { rfmGroup } from './rfm-groups';
import { DAY_MS, type CustomerAggregate, type RfmScores } from './types';

/**
 * The shop-wide figures a customer's insight is judged against: the R, F and M score tables
 * over every customer with a counted order, and the lifecycle thresholds from the shop's own
 * purchase rhythm. Recency values are whole days as of `asOf`; the owner of the stats rebuilds
 * them when `asOf` grows old, so scores follow the calendar.
 */
export interface ShopStats {
  readonly asOf: number;
  readonly r: ScoreTable;
  readonly f: ScoreTable;
  readonly m: ScoreTable;
  /** Average interval (days) of each repeat customer, kept sorted: the thresholds need its median. */
  readonly cycles: ScoreTable;
  thresholds: LifecycleThresholds;
}

function counted(agg: CustomerAggregate | undefined): agg is CustomerAggregate {
  return !!agg && agg.orderCount > 0;
}

export function buildShopStats(aggregates: Iterable<CustomerAggregate>, asOf: number): ShopStats {
  const r: number[] = [];
  const f: number[] = [];
  const m: number[] = [];
  const cycles: number[] = [];
  for (const agg of aggregates) {
    if (!counted(agg)) continue;
    r.push(recencyDays(agg.lastAt, asOf));
    f.push(agg.orderCount);
    m.push(agg.totalMinor);
    const cycle = averageIntervalDays(agg);
    if (usableCycle(cycle)) cycles.push(cycle);
  }
  const sortedCycles = ScoreTable.from(cycles, 'higher');
  return {
    asOf,
    r: ScoreTable.from(r, 'lower'),
    f: ScoreTable.from(f, 'higher'),
    m: ScoreTable.from(m, 'higher'),
    cycles: sortedCycles,
    thresholds: thresholdsFromMedian(sortedCycles.median(), sortedCycles.size),
  };
}

/** Follow one customer's change without a rebuild: a binary search and a memmove per table, no I/O. */
export function applyAggregateChange(stats: ShopStats, before: CustomerAggregate | undefined, after: CustomerAggregate | undefined): void {
  if (counted(before)) {
    stats.r.remove(recencyDays(before.lastAt, stats.asOf));
    stats.f.remove(before.orderCount);
    stats.m.remove(before.totalMinor);
    const cycle = averageIntervalDays(before);
    if (usableCycle(cycle)) stats.cycles.remove(cycle);
  }
  if (counted(after)) {
    stats.r.insert(recencyDays(after.lastAt, stats.asOf));
    stats.f.insert(after.orderCount);
    stats.m.insert(after.totalMinor);
    const cycle = averageIntervalDays(after);
    if (usableCycle(cycle)) stats.cycles.insert(cycle);
  }
  stats.thresholds = thresholdsFromMedian(stats.cycles.median(), stats.cycles.size);
}

export function scoresOf(agg: CustomerAggregate, stats: ShopStats): RfmScores {
  return rfmScores(
    { recencyDays: recencyDays(agg.lastAt, stats.asOf), frequency: agg.orderCount, monetary: agg.totalMinor },
    stats,
  );
}

/** The compact marker for lists: stage, group and the figures a tooltip shows. */
export function markerOf(agg: CustomerAggregate | undefined, stats: ShopStats, now: number): MarkerView {
  if (!counted(agg)) return { stage: 'prospect', group: 'prospects', orderCount: 0, totalMinor: 0 };
  const rfm = scoresOf(agg, stats);
  return {
    stage: lifecycleStage(agg, now, stats.thresholds).stage,
    group: rfmGroup(rfm),
    orderCount: agg.orderCount,
    totalMinor: agg.totalMinor,
    currency: agg.currency,
    lastAt: agg.lastAt,
    rfm,
  };
}

export interface BuyerContext {
  /** Names of the buyer's tags. */
  readonly tags: readonly string[];
  /** Hashtags in the buyer's notes, lower-cased, without '#'. */
  readonly noteTags: readonly string[];
  /** 'MM-DD' when known. */
  readonly birthday?: string;
  /** The buyer's own usual cycle in days, from their orders. */
  readonly cycleDays?: number;
}

export function factsOf(agg: CustomerAggregate | undefined, stats: ShopStats, now: number, buyer: BuyerContext): InsightFacts {
  const marker = markerOf(agg, stats, now);
  const nextExpectedAt = agg?.lastAt !== undefined && buyer.cycleDays !== undefined ? agg.lastAt + buyer.cycleDays * DAY_MS : undefined;
  return {
    now,
    orderCount: marker.orderCount,
    totalMinor: marker.totalMinor,
    currency: marker.currency,
    avgOrderMinor: averageOrderMinor(agg),
    firstAt: agg?.firstAt,
    lastAt: agg?.lastAt,
    recencyDays: recencyDays(agg?.lastAt, now),
    rfm: marker.rfm,
    group: marker.group,
    stage: marker.stage,
    cycleDays: buyer.cycleDays,
    nextExpectedAt,
    lastOrderId: agg?.lastOrderId,
    lastStatus: agg?.lastStatus,
    tags: [...buyer.tags],
    noteTags: [...buyer.noteTags],
    birthday: buyer.birthday,
  };
}

/** Average order value over counted orders with a known total, in minor units (rounded). */
export function averageOrderMinor(agg: CustomerAggregate | undefined): number | undefined {
  if (!agg) return undefined;
  const withTotal = agg.orderCount - agg.unknownTotalOrders - agg.otherCurrencyOrders;
  return withTotal > 0 ? Math.round(agg.totalMinor / withTotal) : undefined;
}

/** Everything the profile shows about a buyer's value and what to do next. */
export function insightOf(
  agg: CustomerAggregate | undefined,
  stats: ShopStats,
  now: number,
  buyer: BuyerContext,
  rules: readonly ActionRule[],
): InsightView {
  const marker = markerOf(agg, stats, now);
  const facts = factsOf(agg, stats, now, buyer);
  const stage = agg ? lifecycleStage(agg, now, stats.thresholds) : { stage: 'prospect' as const, reason: { key: 'insight.lifecycle.prospect' } };
  const recency = recencyDays(agg?.lastAt, now);
  return {
    ...marker,
    stageReason: stage.reason,
    groupReason: groupReason(marker.rfm, stats),
    avgOrderMinor: facts.avgOrderMinor,
    firstAt: agg?.firstAt,
    recencyDays: Number.isFinite(recency) ? recency : undefined,
    cycleDays: buyer.cycleDays,
    nextExpectedAt: facts.nextExpectedAt,
    shopCycleDays: stats.thresholds.cycleDays,
    unknownTotalOrders: agg?.unknownTotalOrders ?? 0,
    suggestions: evaluateRules(rules, facts),
  };
}

function groupReason(rfm: RfmScores | undefined, stats: ShopStats): Reason {
  if (!rfm) return { key: 'insight.group.noOrders' };
  return { key: 'insight.group.scores', params: { r: rfm.r, f: rfm.f, m: rfm.m, customers: stats.f.size } };
}
