import { describe, expect, it } from 'vitest';
import { ACTION_KINDS, ActionCondition, ActionRule, ActionRules, CONDITION_OPS, DEFAULT_ACTION_RULES, evaluateRules, INSIGHT_FIELDS, type InsightFacts } from '@/lib/insights/actions';
import { lifecycleStage, shopThresholds } from '@/lib/insights/lifecycle';
import { RFM_GROUPS } from '@/lib/insights/rfm-groups';
import { DAY_MS, LIFECYCLE_STAGES, type CustomerAggregate, type Reason } from '@/lib/insights/types';
import { insightsEn } from '@/lib/i18n/insights.en';
import { insightsZhCN } from '@/lib/i18n/insights.zh-CN';
import { en, uiEn } from '@/lib/i18n/en';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const has = (key: string) => Object.hasOwn(insightsEn, key);

describe('insights dictionaries', () => {
  it('en and zh-CN have the same keys, all with text', () => {
    expect(Object.keys(insightsZhCN).sort()).toEqual(Object.keys(insightsEn).sort());
    for (const [key, text] of [...Object.entries(insightsEn), ...Object.entries(insightsZhCN)]) expect(text.trim(), key).not.toBe('');
  });

  it('each Chinese message has the same {params} as the English one', () => {
    for (const key of Object.keys(insightsEn) as (keyof typeof insightsEn)[]) {
      expect(placeholders(insightsZhCN[key]), key).toEqual(placeholders(insightsEn[key]));
    }
  });

  it('no key clashes with the UI dictionary, and all of them reach the merged one', () => {
    expect(Object.keys(insightsEn).filter((k) => Object.hasOwn(uiEn, k))).toEqual([]);
    for (const [k, v] of Object.entries(insightsEn)) expect((en as Record<string, string>)[k], k).toBe(v);
  });

  it('names every stage, group (with a description), kind, field and operator', () => {
    for (const s of LIFECYCLE_STAGES) expect(has(`stage.${s}`), s).toBe(true);
    for (const g of RFM_GROUPS) {
      expect(has(`group.${g}`), g).toBe(true);
      expect(has(`group.${g}.about`), g).toBe(true);
    }
    for (const k of ACTION_KINDS) expect(has(`actionKind.${k}`), k).toBe(true);
    for (const f of INSIGHT_FIELDS) expect(has(`insightField.${f}`), f).toBe(true);
    for (const o of CONDITION_OPS) expect(has(`conditionOp.${o}`), o).toBe(true);
  });
});

/** Every reason the code can produce has a message, and that message's params are the ones given. */
describe('every reason the code produces is written', () => {
  const check = (reason: Reason) => {
    expect(has(reason.key), reason.key).toBe(true);
    const want = placeholders(insightsEn[reason.key as keyof typeof insightsEn]);
    // Every placeholder is supplied (extra params, e.g. currency for *Minor, are allowed).
    for (const p of want) expect(Object.keys(reason.params ?? {}), `${reason.key} {${p}}`).toContain(p);
  };

  it('lifecycle reasons', () => {
    const now = Date.UTC(2026, 5, 1);
    const t = shopThresholds([]);
    const base: CustomerAggregate = { orderCount: 0, totalMinor: 0, currency: undefined, otherCurrencyOrders: 0, unknownTotalOrders: 0, datedCount: 0 };
    const cases: CustomerAggregate[] = [
      base,
      { ...base, orderCount: 1 },
      { ...base, orderCount: 2 },
      { ...base, orderCount: 1, datedCount: 1, lastAt: now },
      { ...base, orderCount: 2, datedCount: 2, lastAt: now, prevAt: now - 10 * DAY_MS },
      { ...base, orderCount: 2, datedCount: 2, lastAt: now, prevAt: now - 300 * DAY_MS },
      { ...base, orderCount: 2, datedCount: 2, lastAt: now - 90 * DAY_MS },
      { ...base, orderCount: 2, datedCount: 2, lastAt: now - 900 * DAY_MS },
    ];
    const stages = new Set<string>();
    for (const a of cases) {
      const { stage, reason } = lifecycleStage(a, now, t);
      stages.add(stage);
      check(reason);
    }
    expect(stages).toEqual(new Set(LIFECYCLE_STAGES));
  });

  it('suggestion reasons, for every stage, group and field', () => {
    const now = new Date(2026, 5, 1, 12).getTime();
    const everyField = INSIGHT_FIELDS.map((field) => {
      const numeric = !['lifecycle', 'rfm_group', 'last_status', 'tag', 'note_tag'].includes(field);
      if (numeric) return ActionCondition.parse({ field, op: '>', value: -1e9 });
      if (field === 'tag' || field === 'note_tag') return ActionCondition.parse({ field, op: 'lacks', value: 'zzz' });
      return ActionCondition.parse({ field, op: '!=', value: field === 'lifecycle' ? 'prospect' : field === 'rfm_group' ? 'prospects' : 'zzz' });
    });
    const rules = [
      ...DEFAULT_ACTION_RULES,
      ...everyField.map((c, i) => ActionRule.parse({ id: `f${i}`, name: 'x', enabled: true, priority: 1, when: [c], action: 'x', kind: 'custom' })),
      ActionRule.parse({ id: 'stage', name: 'x', enabled: true, priority: 1, when: [{ field: 'lifecycle', op: 'in', value: [...LIFECYCLE_STAGES] }], action: 'x', kind: 'custom' }),
      ActionRule.parse({ id: 'group', name: 'x', enabled: true, priority: 1, when: [{ field: 'rfm_group', op: 'in', value: [...RFM_GROUPS] }], action: 'x', kind: 'custom' }),
      ActionRule.parse({ id: 'has', name: 'x', enabled: true, priority: 1, when: [{ field: 'tag', op: 'has', value: 'a' }, { field: 'note_tag', op: 'has', value: 'b' }], action: 'x', kind: 'custom' }),
    ];
    const base: InsightFacts = {
      now,
      orderCount: 3,
      totalMinor: 30_000,
      currency: 'CNY',
      avgOrderMinor: 10_000,
      firstAt: now - 100 * DAY_MS,
      lastAt: now - 10 * DAY_MS,
      recencyDays: 10,
      rfm: { r: 3, f: 3, m: 3 },
      group: 'champions',
      stage: 'active',
      cycleDays: 30,
      nextExpectedAt: now + 20 * DAY_MS,
      lastOrderId: 'o',
      lastStatus: 'delivered',
      tags: ['a'],
      noteTags: ['b', '投诉', 'complaint'],
      birthday: '06-03',
    };
    const variants: InsightFacts[] = [
      ...LIFECYCLE_STAGES.map((stage) => ({ ...base, stage })),
      ...RFM_GROUPS.map((group) => ({ ...base, group })),
      { ...base, recencyDays: 0, nextExpectedAt: now, birthday: '06-01', orderCount: 1 },
      { ...base, nextExpectedAt: now - 5 * DAY_MS, currency: undefined },
      { ...base, orderCount: 1, currency: undefined },
      { ...base, orderCount: 0, totalMinor: 0 },
    ];
    const keys = new Set<string>();
    for (const facts of variants) {
      for (const s of evaluateRules(rules, facts)) {
        for (const r of s.reasons) {
          check(r);
          keys.add(r.key);
        }
      }
    }
    // Every insight.reason.* message is reachable.
    const written = Object.keys(insightsEn).filter((k) => k.startsWith('insight.reason.'));
    expect(written.filter((k) => !keys.has(k))).toEqual([]);
  });

  it('rule error messages', () => {
    const messages = new Set<string>();
    const collect = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.forEach((i) => messages.add(i.message));
    const ok = { id: 'a', name: 'x', enabled: true, priority: 1, when: [{ field: 'r', op: '>', value: 1 }], action: 'x', kind: 'custom' };
    collect(ActionCondition.safeParse({ field: 'r', op: 'has', value: 1 }));
    collect(ActionCondition.safeParse({ field: 'lifecycle', op: 'has', value: 'x' }));
    collect(ActionCondition.safeParse({ field: 'lifecycle', op: '=', value: 'x' }));
    collect(ActionCondition.safeParse({ field: 'rfm_group', op: '=', value: 'x' }));
    collect(ActionCondition.safeParse({ field: 'tag', op: '=', value: 'x' }));
    collect(ActionRule.safeParse({ ...ok, name: '' }));
    collect(ActionRule.safeParse({ ...ok, when: [] }));
    collect(ActionRule.safeParse({ ...ok, action: '' }));
    collect(ActionRules.safeParse(Array.from({ length: 51 }, (_, i) => ({ ...ok, id: String(i) }))));
    collect(ActionRules.safeParse([ok, ok]));
    collect(ActionRule.safeParse({ ...ok, priority: 101 }));
    collect(ActionCondition.safeParse({ field: 'tag', op: 'has', value: '' }));
    collect(ActionCondition.safeParse({ field: 'lifecycle', op: 'in', value: [] }));
    const written = Object.keys(insightsEn).filter((k) => k.startsWith('insight.rule.errors.'));
    expect([...messages].sort()).toEqual(written.sort());
  });
});
