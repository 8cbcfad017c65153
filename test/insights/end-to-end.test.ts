import { describe, expect, it } from 'vitest';
import { DEFAULT_ACTION_RULES, evaluateRules, RULE_GROUP_NAMES, RULE_STAGE_NAMES, type InsightFacts } from '@/lib/insights/actions';
import { aggregateOrders, purchaseCycleDays } from '@/lib/insights/aggregate';
import { averageIntervalDays, lifecycleStage, shopThresholds } from '@/lib/insights/lifecycle';
import { extractNoteTags } from '@/lib/insights/note-tags';
import { buildScoreTables, recencyDays, rfmScores } from '@/lib/insights/rfm';
import { RFM_GROUPS, rfmGroup } from '@/lib/insights/rfm-groups';
import { DAY_MS, LIFECYCLE_STAGES, type OrderFact } from '@/lib/insights/types';

const NOW = Date.UTC(2026, 5, 1, 12);
const ago = (days: number) => NOW - days * DAY_MS;
const series = (prefix: string, days: number[], totalMinor: number): OrderFact[] =>
  days.map((d, i) => ({ orderId: `${prefix}-${i + 1}`, placedAt: ago(d), totalMinor, currency: 'CNY', status: 'delivered' }));

describe('from orders to a suggestion, by hand', () => {
  it('the DESIGN.md buyer: ¥2,340 over 6 orders, none for 94 days, usually every 30 → win-back coupon', () => {
    const buyers = {
      slipping: series('S', [244, 214, 184, 154, 124, 94], 39_000),
      fresh: series('F', [3], 5_000),
      old: [...series('O', [430, 400], 10_000), { orderId: 'O-x', placedAt: ago(10), totalMinor: 99_999, currency: 'CNY', status: 'refunded' }],
      browsing: [] as OrderFact[],
    };
    const aggs = Object.fromEntries(Object.entries(buyers).map(([k, o]) => [k, aggregateOrders(o)]));
    const counted = Object.values(aggs).filter((a) => a.orderCount > 0);
    expect(counted).toHaveLength(3);

    const tables = buildScoreTables(counted.map((a) => ({ recencyDays: recencyDays(a.lastAt, NOW), frequency: a.orderCount, monetary: a.totalMinor })));
    const thresholds = shopThresholds(counted.map(averageIntervalDays).filter((c): c is number => c !== undefined));
    expect(thresholds).toEqual({ cycleDays: 30, activeDays: 60, churnDays: 120, basis: 'default' }); // only 2 repeat buyers

    const agg = aggs.slipping!;
    expect(agg).toMatchObject({ orderCount: 6, totalMinor: 234_000, currency: 'CNY', lastOrderId: 'S-6' });
    const rfm = rfmScores({ recencyDays: recencyDays(agg.lastAt, NOW), frequency: agg.orderCount, monetary: agg.totalMinor }, tables);
    // R: 94 days, worse = 1 of 3 (the 400-day buyer) → 2. F, M: worse = 2 of 3 → 4.
    expect(rfm).toEqual({ r: 2, f: 4, m: 4 });
    expect(rfmGroup(rfm)).toBe('at_risk'); // R=2, FM=4
    const life = lifecycleStage(agg, NOW, thresholds);
    expect(life.stage).toBe('at_risk'); // 60 < 94 ≤ 120

    const cycleDays = purchaseCycleDays(buyers.slipping)!;
    expect(cycleDays).toBe(30);
    const facts: InsightFacts = {
      now: NOW,
      orderCount: agg.orderCount,
      totalMinor: agg.totalMinor,
      currency: agg.currency!,
      avgOrderMinor: 39_000,
      firstAt: agg.firstAt!,
      lastAt: agg.lastAt!,
      recencyDays: recencyDays(agg.lastAt, NOW),
      rfm,
      group: rfmGroup(rfm),
      stage: life.stage,
      cycleDays,
      nextExpectedAt: agg.lastAt! + cycleDays * DAY_MS,
      lastOrderId: agg.lastOrderId!,
      lastStatus: agg.lastStatus!,
      tags: [],
      noteTags: extractNoteTags(['老客户，上次 #投诉 包装破损']),
    };
    const suggestions = evaluateRules(DEFAULT_ACTION_RULES, facts);
    expect(suggestions.map((s) => s.ruleId)).toEqual(['complaint-follow-up', 'win-back-valuable']);
    expect(suggestions[1]!.reasons).toEqual([
      { key: 'insight.reason.stage.at_risk' },
      { key: 'insight.reason.spent', params: { spentMinor: 234_000, currency: 'CNY', orders: 6 } },
      { key: 'insight.reason.recency', params: { days: 94 } },
      { key: 'insight.reason.cycle', params: { cycleDays: 30 } },
      { key: 'insight.reason.score.m', params: { m: 4 } },
    ]);

    // The buyer with only a refunded recent order is judged on the counted ones.
    expect(aggs.old).toMatchObject({ orderCount: 2, totalMinor: 20_000, lastAt: ago(400), lastOrderId: 'O-x', lastStatus: 'refunded' });
    expect(lifecycleStage(aggs.old!, NOW, thresholds).stage).toBe('churned');
    expect(lifecycleStage(aggs.browsing!, NOW, thresholds).stage).toBe('prospect');
  });
});

describe('rule names stay in step with the insight types', () => {
  it('stage and group names a rule may use are exactly the stages and groups', () => {
    expect([...RULE_STAGE_NAMES].sort()).toEqual([...LIFECYCLE_STAGES].sort());
    expect([...RULE_GROUP_NAMES]).toEqual([...RFM_GROUPS]);
  });
});
