import { describe, expect, it } from 'vitest';
import { aggregateOrders } from '@/lib/insights/aggregate';
import { averageIntervalDays, lifecycleStage, shopThresholds, type LifecycleThresholds } from '@/lib/insights/lifecycle';
import { DAY_MS, type CustomerAggregate } from '@/lib/insights/types';

const NOW = Date.UTC(2026, 5, 1, 12);
const ago = (days: number) => NOW - days * DAY_MS;
const T: LifecycleThresholds = { cycleDays: 30, activeDays: 60, churnDays: 120, basis: 'default' };

const agg = (over: Partial<CustomerAggregate>): CustomerAggregate => ({
  orderCount: 0,
  totalMinor: 0,
  currency: undefined,
  otherCurrencyOrders: 0,
  unknownTotalOrders: 0,
  datedCount: 0,
  ...over,
});

describe('averageIntervalDays', () => {
  it('is the span over the number of intervals, in days', () => {
    expect(averageIntervalDays(agg({ orderCount: 4, datedCount: 4, firstAt: ago(90), lastAt: ago(0) }))).toBe(30);
    expect(averageIntervalDays(agg({ orderCount: 3, datedCount: 3, firstAt: ago(25), lastAt: ago(0) }))).toBe(12.5);
  });
  it('is undefined with fewer than 2 dated orders or a zero span', () => {
    expect(averageIntervalDays(agg({ orderCount: 1, datedCount: 1, firstAt: ago(5), lastAt: ago(5) }))).toBeUndefined();
    expect(averageIntervalDays(agg({ orderCount: 5, datedCount: 0 }))).toBeUndefined();
    expect(averageIntervalDays(agg({ orderCount: 2, datedCount: 2, firstAt: ago(5), lastAt: ago(5) }))).toBeUndefined();
  });
  it('works on a real aggregate', () => {
    const a = aggregateOrders([0, 10, 40].map((d, i) => ({ orderId: String(i), placedAt: ago(d) })));
    expect(averageIntervalDays(a)).toBe(20);
  });
});

describe('shopThresholds', () => {
  it('uses 30 days when fewer than 5 repeat buyers', () => {
    expect(shopThresholds([])).toEqual({ cycleDays: 30, activeDays: 60, churnDays: 120, basis: 'default' });
    expect(shopThresholds([10, 10, 10, 10])).toEqual({ cycleDays: 30, activeDays: 60, churnDays: 120, basis: 'default' });
  });
  it('uses the median of the shop’s repeat buyers', () => {
    expect(shopThresholds([20, 400, 14, 15, 16])).toEqual({ cycleDays: 16, activeDays: 32, churnDays: 64, basis: 'shop' });
  });
  it('even count: mean of the middle two, rounded to whole days before doubling', () => {
    // sorted 10, 11, 12, 13, 14, 15 → 12.5 → 13
    expect(shopThresholds([15, 10, 14, 11, 13, 12])).toEqual({ cycleDays: 13, activeDays: 26, churnDays: 52, basis: 'shop' });
  });
  it('floors at 7 days and caps at 365', () => {
    expect(shopThresholds([1, 2, 2, 3, 3])).toEqual({ cycleDays: 7, activeDays: 14, churnDays: 28, basis: 'shop' });
    expect(shopThresholds([500, 600, 700, 800, 900])).toEqual({ cycleDays: 365, activeDays: 730, churnDays: 1460, basis: 'shop' });
  });
  it('ignores unusable values (NaN, 0, negative, Infinity) when counting and taking the median', () => {
    expect(shopThresholds([NaN, 0, -5, Infinity, 20, 20, 20, 20])).toMatchObject({ basis: 'default', cycleDays: 30 });
    expect(shopThresholds([NaN, 20, 21, 22, 23, 24])).toMatchObject({ basis: 'shop', cycleDays: 22 });
  });
});

describe('lifecycleStage', () => {
  it('prospect: no counted order', () => {
    expect(lifecycleStage(agg({}), NOW, T)).toEqual({ stage: 'prospect', reason: { key: 'insight.lifecycle.prospect' } });
  });

  it('counted orders without dates: new for one order, active for more, saying dates are unknown', () => {
    expect(lifecycleStage(agg({ orderCount: 1 }), NOW, T)).toEqual({ stage: 'new', reason: { key: 'insight.lifecycle.new.undated', params: { orders: 1 } } });
    expect(lifecycleStage(agg({ orderCount: 3 }), NOW, T)).toEqual({ stage: 'active', reason: { key: 'insight.lifecycle.active.undated', params: { orders: 3 } } });
  });

  it('new: one order within activeDays, the boundary included', () => {
    const a = agg({ orderCount: 1, datedCount: 1, firstAt: ago(60), lastAt: ago(60) });
    expect(lifecycleStage(a, NOW, T)).toEqual({
      stage: 'new',
      reason: { key: 'insight.lifecycle.new', params: { days: 60, activeDays: 60, churnDays: 120, orders: 1 } },
    });
  });

  it('one order, older: at risk, then churned', () => {
    expect(lifecycleStage(agg({ orderCount: 1, datedCount: 1, lastAt: ago(61) }), NOW, T).stage).toBe('at_risk');
    expect(lifecycleStage(agg({ orderCount: 1, datedCount: 1, lastAt: ago(121) }), NOW, T).stage).toBe('churned');
  });

  it('active: several orders, the last within activeDays', () => {
    const a = agg({ orderCount: 4, datedCount: 4, firstAt: ago(100), lastAt: ago(10), prevAt: ago(40) });
    expect(lifecycleStage(a, NOW, T)).toEqual({
      stage: 'active',
      reason: { key: 'insight.lifecycle.active', params: { days: 10, activeDays: 60, churnDays: 120, orders: 4 } },
    });
  });

  it('at risk: activeDays < recency ≤ churnDays (boundaries)', () => {
    const at = (days: number) => lifecycleStage(agg({ orderCount: 3, datedCount: 3, lastAt: ago(days), prevAt: ago(days + 20) }), NOW, T);
    expect(at(60).stage).toBe('active');
    expect(at(61).stage).toBe('at_risk');
    expect(at(120)).toEqual({ stage: 'at_risk', reason: { key: 'insight.lifecycle.at_risk', params: { days: 120, activeDays: 60, churnDays: 120, orders: 3 } } });
    expect(at(121)).toEqual({ stage: 'churned', reason: { key: 'insight.lifecycle.churned', params: { days: 121, activeDays: 60, churnDays: 120, orders: 3 } } });
  });

  it('won back: recent order after a pause longer than churnDays', () => {
    const a = agg({ orderCount: 2, datedCount: 2, firstAt: ago(200), prevAt: ago(200), lastAt: ago(5) });
    expect(lifecycleStage(a, NOW, T)).toEqual({
      stage: 'won_back',
      reason: { key: 'insight.lifecycle.won_back', params: { days: 5, activeDays: 60, churnDays: 120, orders: 2, gapDays: 195 } },
    });
  });

  it('a pause of exactly churnDays is not won back', () => {
    const a = agg({ orderCount: 2, datedCount: 2, prevAt: ago(125), lastAt: ago(5) });
    expect(lifecycleStage(a, NOW, T).stage).toBe('active');
    const b = agg({ orderCount: 2, datedCount: 2, prevAt: ago(126), lastAt: ago(5) });
    expect(lifecycleStage(b, NOW, T).stage).toBe('won_back');
  });

  it('won back from real orders, even with two orders on the day of return', () => {
    const a = aggregateOrders([
      { orderId: 'a', placedAt: ago(300) },
      { orderId: 'b', placedAt: ago(3) },
      { orderId: 'c', placedAt: ago(3) + 3_600_000 },
    ]);
    expect(lifecycleStage(a, NOW, T).stage).toBe('won_back');
  });

  it('a won-back buyer who leaves again is at risk, not won back', () => {
    const a = agg({ orderCount: 2, datedCount: 2, prevAt: ago(400), lastAt: ago(90) });
    expect(lifecycleStage(a, NOW, T).stage).toBe('at_risk');
  });

  it('an order dated in the future counts as today', () => {
    expect(lifecycleStage(agg({ orderCount: 1, datedCount: 1, lastAt: NOW + 3 * DAY_MS }), NOW, T)).toMatchObject({
      stage: 'new',
      reason: { params: { days: 0 } },
    });
  });

  it('follows the shop thresholds', () => {
    const weekly = shopThresholds([7, 7, 7, 7, 7]);
    const a = agg({ orderCount: 3, datedCount: 3, lastAt: ago(20), prevAt: ago(27) });
    expect(lifecycleStage(a, NOW, weekly).stage).toBe('at_risk'); // 14 < 20 ≤ 28
    expect(lifecycleStage(a, NOW, T).stage).toBe('active');
  });
});

describe('thresholds followed one change at a time', () => {
  it('thresholdsFromMedian over a sorted table equals shopThresholds over the list', async () => {
    const { ScoreTable } = await import('@/lib/insights/rfm');
    const { thresholdsFromMedian } = await import('@/lib/insights/lifecycle');
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let n = 0; n < 40; n++) {
      const cycles = Array.from({ length: n }, () => 1 + next() * 120);
      const table = ScoreTable.from(cycles, 'higher');
      expect(thresholdsFromMedian(table.median(), table.size), `n=${n}`).toEqual(shopThresholds(cycles));
      // Remove one, insert another: still equal.
      if (n > 0) {
        table.remove(cycles[0]!);
        const added = 1 + next() * 120;
        table.insert(added);
        expect(thresholdsFromMedian(table.median(), table.size)).toEqual(shopThresholds([...cycles.slice(1), added]));
      }
    }
  });
});
