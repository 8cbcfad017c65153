import { describe, expect, it } from 'vitest';
import {
  ActionCondition,
  ActionRule,
  ActionRules,
  conditionHolds,
  countRuleMatches,
  DEFAULT_ACTION_RULES,
  evaluateRules,
  factsKey,
  type InsightFacts,
} from '@/lib/insights/actions';
import { DAY_MS } from '@/lib/insights/types';

/** Noon local time, so birthday tests hold in any time zone. */
const NOW = new Date(2026, 5, 1, 12).getTime();
const ago = (days: number) => NOW - days * DAY_MS;

/** The buyer of DESIGN.md: spent ¥2,340 over 6 orders, no order for 94 days, usually buys every 30. */
const slipping: InsightFacts = {
  now: NOW,
  orderCount: 6,
  totalMinor: 234_000,
  currency: 'CNY',
  avgOrderMinor: 39_000,
  firstAt: ago(300),
  lastAt: ago(94),
  recencyDays: 94,
  rfm: { r: 2, f: 5, m: 5 },
  group: 'previously_loyal',
  stage: 'at_risk',
  cycleDays: 30,
  nextExpectedAt: ago(64),
  lastOrderId: 'O-6',
  lastStatus: 'delivered',
  tags: ['VIP'],
  noteTags: [],
};

const newBuyer: InsightFacts = {
  now: NOW,
  orderCount: 1,
  totalMinor: 9_900,
  currency: 'CNY',
  avgOrderMinor: 9_900,
  firstAt: ago(2),
  lastAt: ago(2),
  recencyDays: 2,
  rfm: { r: 5, f: 1, m: 2 },
  group: 'new',
  stage: 'new',
  lastOrderId: 'N-1',
  lastStatus: 'paid',
  tags: [],
  noteTags: [],
};

const prospect: InsightFacts = {
  now: NOW,
  orderCount: 0,
  totalMinor: 0,
  recencyDays: Infinity,
  group: 'prospects',
  stage: 'prospect',
  tags: [],
  noteTags: [],
};

const rule = (over: Partial<ActionRule> & Pick<ActionRule, 'when'>): ActionRule => ({
  id: 'r1',
  name: 'Test rule',
  enabled: true,
  priority: 50,
  action: 'Do something',
  kind: 'custom',
  ...over,
});

const holds = (c: ActionCondition, facts: InsightFacts) => conditionHolds(ActionCondition.parse(c), facts);

describe('ActionCondition schema', () => {
  it.each<ActionCondition>([
    { field: 'm', op: '>=', value: 4 },
    { field: 'total_spent', op: '>', value: 99.5 },
    { field: 'days_until_expected', op: '>=', value: -14 },
    { field: 'lifecycle', op: '=', value: 'new' },
    { field: 'lifecycle', op: 'in', value: ['at_risk', 'churned'] },
    { field: 'rfm_group', op: 'not_in', value: ['champions', 'prospects'] },
    { field: 'last_status', op: '=', value: '交易成功' },
    { field: 'last_status', op: 'in', value: ['delivered', 'completed'] },
    { field: 'tag', op: 'has', value: 'VIP' },
    { field: 'note_tag', op: 'lacks', value: '投诉' },
  ])('accepts %j', (c) => {
    expect(ActionCondition.safeParse(c).success).toBe(true);
  });

  const problem = (c: unknown) => {
    const r = ActionCondition.safeParse(c);
    expect(r.success).toBe(false);
    return r.error!.issues.map((i) => ({ path: i.path, message: i.message }));
  };

  it('numeric fields take a comparison and a number', () => {
    expect(problem({ field: 'order_count', op: 'has', value: 2 })).toEqual([{ path: ['op'], message: 'insight.rule.errors.number' }]);
    expect(problem({ field: 'order_count', op: 'in', value: ['2'] })).toEqual([{ path: ['op'], message: 'insight.rule.errors.number' }]);
    expect(problem({ field: 'r', op: '>=', value: '4' })).toEqual([{ path: ['value'], message: 'insight.rule.errors.number' }]);
  });

  it('lifecycle / rfm_group / last_status take = != in not_in with valid names', () => {
    expect(problem({ field: 'lifecycle', op: '>', value: 'new' })).toEqual([{ path: ['op'], message: 'insight.rule.errors.choice' }]);
    expect(problem({ field: 'lifecycle', op: '=', value: ['new'] })).toEqual([{ path: ['value'], message: 'insight.rule.errors.choice' }]);
    expect(problem({ field: 'lifecycle', op: 'in', value: 'new' })).toEqual([{ path: ['value'], message: 'insight.rule.errors.choice' }]);
    expect(problem({ field: 'lifecycle', op: '=', value: 'vip' })).toEqual([{ path: ['value'], message: 'insight.rule.errors.stage' }]);
    expect(problem({ field: 'rfm_group', op: 'in', value: ['champions', 'heroes'] })).toEqual([{ path: ['value'], message: 'insight.rule.errors.group' }]);
    expect(problem({ field: 'last_status', op: 'has', value: 'paid' })).toEqual([{ path: ['op'], message: 'insight.rule.errors.choice' }]);
    expect(problem({ field: 'last_status', op: '=', value: 3 })).toEqual([{ path: ['value'], message: 'insight.rule.errors.choice' }]);
  });

  it('tag / note_tag take has or lacks with one name', () => {
    expect(problem({ field: 'tag', op: '=', value: 'VIP' })).toEqual([{ path: ['op'], message: 'insight.rule.errors.tag' }]);
    expect(problem({ field: 'note_tag', op: 'has', value: ['投诉'] })).toEqual([{ path: ['value'], message: 'insight.rule.errors.tag' }]);
  });

  it('rejects unknown fields and operators, empty words and lists, infinite numbers', () => {
    expect(ActionCondition.safeParse({ field: 'age', op: '>', value: 3 }).success).toBe(false);
    expect(ActionCondition.safeParse({ field: 'r', op: '=>', value: 3 }).success).toBe(false);
    expect(ActionCondition.safeParse({ field: 'tag', op: 'has', value: '  ' }).success).toBe(false);
    expect(ActionCondition.safeParse({ field: 'lifecycle', op: 'in', value: [] }).success).toBe(false);
    expect(ActionCondition.safeParse({ field: 'r', op: '>', value: Infinity }).success).toBe(false);
    expect(ActionCondition.safeParse({ field: 'r', op: '>', value: NaN }).success).toBe(false);
  });
});

describe('ActionRule / ActionRules schemas', () => {
  const ok = rule({ when: [{ field: 'order_count', op: '>=', value: 1 }] });

  it('accepts a well-formed rule and trims its words', () => {
    expect(ActionRule.parse({ ...ok, name: '  VIP care  ', action: ' Call them ' })).toMatchObject({ name: 'VIP care', action: 'Call them' });
  });

  it.each([
    ['empty name', { name: ' ' }, 'insight.rule.errors.name'],
    ['61-character name', { name: 'x'.repeat(61) }, 'insight.rule.errors.name'],
    ['no condition', { when: [] }, 'insight.rule.errors.when'],
    ['9 conditions', { when: Array(9).fill({ field: 'r', op: '>', value: 1 }) }, 'insight.rule.errors.when'],
    ['empty action', { action: '' }, 'insight.rule.errors.action'],
    ['201-character action', { action: 'x'.repeat(201) }, 'insight.rule.errors.action'],
  ])('rejects %s', (_, over, message) => {
    const r = ActionRule.safeParse({ ...ok, ...over });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toContain(message);
  });

  it.each([0, 101, 1.5, -3])('rejects priority %d', (priority) => {
    expect(ActionRule.safeParse({ ...ok, priority }).success).toBe(false);
  });

  it('accepts priorities 1 and 100; rejects an unknown kind or a missing enabled', () => {
    expect(ActionRule.safeParse({ ...ok, priority: 1 }).success).toBe(true);
    expect(ActionRule.safeParse({ ...ok, priority: 100 }).success).toBe(true);
    expect(ActionRule.safeParse({ ...ok, kind: 'spam' }).success).toBe(false);
    const { enabled: _, ...noEnabled } = ok;
    expect(ActionRule.safeParse(noEnabled).success).toBe(false);
  });

  it('a list holds at most 50 rules with unique ids', () => {
    const many = Array.from({ length: 51 }, (_, i) => ({ ...ok, id: `r${i}` }));
    expect(ActionRules.safeParse(many.slice(0, 50)).success).toBe(true);
    const tooMany = ActionRules.safeParse(many);
    expect(tooMany.error!.issues[0]!.message).toBe('insight.rule.errors.tooMany');
    const dup = ActionRules.safeParse([ok, { ...ok, name: 'Other' }]);
    expect(dup.error!.issues.map((i) => ({ path: i.path, message: i.message }))).toEqual([{ path: [1, 'id'], message: 'insight.rule.errors.duplicateId' }]);
    expect(ActionRules.parse([])).toEqual([]);
  });
});

describe('DEFAULT_ACTION_RULES', () => {
  it('are valid rules', () => {
    expect(ActionRules.parse(DEFAULT_ACTION_RULES)).toEqual(DEFAULT_ACTION_RULES);
  });

  it('cover every kind but custom, complaint first', () => {
    expect(new Set(DEFAULT_ACTION_RULES.map((r) => r.kind))).toEqual(new Set(['welcome', 'thanks', 'care', 'win_back', 'reminder', 'birthday', 'complaint']));
    const top = [...DEFAULT_ACTION_RULES].sort((a, b) => b.priority - a.priority)[0]!;
    expect(top.kind).toBe('complaint');
  });
});

describe('conditionHolds', () => {
  it('compares numbers', () => {
    expect(holds({ field: 'order_count', op: '=', value: 6 }, slipping)).toBe(true);
    expect(holds({ field: 'order_count', op: '!=', value: 6 }, slipping)).toBe(false);
    expect(holds({ field: 'order_count', op: '>', value: 6 }, slipping)).toBe(false);
    expect(holds({ field: 'order_count', op: '>=', value: 6 }, slipping)).toBe(true);
    expect(holds({ field: 'order_count', op: '<', value: 7 }, slipping)).toBe(true);
    expect(holds({ field: 'order_count', op: '<=', value: 5 }, slipping)).toBe(false);
    expect(holds({ field: 'r', op: '=', value: 2 }, slipping)).toBe(true);
    expect(holds({ field: 'f', op: '>=', value: 5 }, slipping)).toBe(true);
  });

  it('compares money in major units, exactly', () => {
    expect(holds({ field: 'total_spent', op: '>=', value: 2340 }, slipping)).toBe(true);
    expect(holds({ field: 'total_spent', op: '>', value: 2340 }, slipping)).toBe(false);
    expect(holds({ field: 'total_spent', op: '>', value: 2339.99 }, slipping)).toBe(true);
    expect(holds({ field: 'total_spent', op: '=', value: 2340.0 }, slipping)).toBe(true);
    expect(holds({ field: 'avg_order_value', op: '=', value: 390 }, slipping)).toBe(true);
    expect(holds({ field: 'avg_order_value', op: '<', value: 99.01 }, newBuyer)).toBe(true); // 9900 < 9901
    expect(holds({ field: 'total_spent', op: '>=', value: 5000 }, { ...slipping, totalMinor: 5000, currency: 'JPY' })).toBe(true);
  });

  it('counts days', () => {
    expect(holds({ field: 'days_since_last_order', op: '=', value: 94 }, slipping)).toBe(true);
    expect(holds({ field: 'days_since_first_order', op: '=', value: 300 }, slipping)).toBe(true);
    expect(holds({ field: 'days_until_expected', op: '=', value: -64 }, slipping)).toBe(true);
    // 2.5 days ahead is 2 whole days
    expect(holds({ field: 'days_until_expected', op: '=', value: 2 }, { ...slipping, nextExpectedAt: NOW + 2.5 * DAY_MS })).toBe(true);
  });

  it('matches words: stage, group, status (status without regard to case)', () => {
    expect(holds({ field: 'lifecycle', op: '=', value: 'at_risk' }, slipping)).toBe(true);
    expect(holds({ field: 'lifecycle', op: '!=', value: 'at_risk' }, slipping)).toBe(false);
    expect(holds({ field: 'lifecycle', op: 'in', value: ['at_risk', 'churned'] }, slipping)).toBe(true);
    expect(holds({ field: 'lifecycle', op: 'not_in', value: ['at_risk', 'churned'] }, slipping)).toBe(false);
    expect(holds({ field: 'rfm_group', op: 'not_in', value: ['champions'] }, slipping)).toBe(true);
    expect(holds({ field: 'last_status', op: '=', value: 'Delivered' }, slipping)).toBe(true);
    expect(holds({ field: 'last_status', op: 'in', value: ['shipped', 'DELIVERED'] }, { ...slipping, lastStatus: ' delivered ' })).toBe(true);
  });

  it('tags: has / lacks, without regard to case or a typed #', () => {
    expect(holds({ field: 'tag', op: 'has', value: 'vip' }, slipping)).toBe(true);
    expect(holds({ field: 'tag', op: 'lacks', value: 'VIP' }, slipping)).toBe(false);
    expect(holds({ field: 'tag', op: 'lacks', value: '高价值客户' }, slipping)).toBe(true);
    expect(holds({ field: 'note_tag', op: 'has', value: '#Complaint' }, { ...slipping, noteTags: ['complaint'] })).toBe(true);
    expect(holds({ field: 'note_tag', op: 'has', value: '投诉' }, slipping)).toBe(false);
  });

  it('a condition on a fact the buyer lacks never holds (but has/lacks still apply)', () => {
    expect(holds({ field: 'm', op: '>=', value: 1 }, prospect)).toBe(false);
    expect(holds({ field: 'm', op: '<', value: 9 }, prospect)).toBe(false);
    expect(holds({ field: 'days_since_last_order', op: '>=', value: 0 }, prospect)).toBe(false);
    expect(holds({ field: 'days_since_last_order', op: '!=', value: 5 }, prospect)).toBe(false);
    expect(holds({ field: 'days_until_expected', op: '<=', value: 3 }, newBuyer)).toBe(false);
    expect(holds({ field: 'days_until_birthday', op: '>=', value: 0 }, newBuyer)).toBe(false);
    expect(holds({ field: 'avg_order_value', op: '>=', value: 0 }, prospect)).toBe(false);
    expect(holds({ field: 'last_status', op: '!=', value: 'paid' }, prospect)).toBe(false);
    expect(holds({ field: 'last_status', op: 'not_in', value: ['paid'] }, prospect)).toBe(false);
    expect(holds({ field: 'tag', op: 'lacks', value: 'vip' }, prospect)).toBe(true);
    expect(holds({ field: 'order_count', op: '=', value: 0 }, prospect)).toBe(true);
    expect(holds({ field: 'total_spent', op: '=', value: 0 }, prospect)).toBe(true);
  });
});

describe('evaluateRules with the default rules', () => {
  it('win back the slipping high spender, with the reasons of DESIGN.md', () => {
    expect(evaluateRules(DEFAULT_ACTION_RULES, slipping)).toEqual([
      {
        ruleId: 'win-back-valuable',
        kind: 'win_back',
        action: '发送专属回归优惠券 (Send a personal win-back coupon)',
        reasons: [
          { key: 'insight.reason.stage.at_risk' },
          { key: 'insight.reason.spent', params: { spentMinor: 234_000, currency: 'CNY', orders: 6 } },
          { key: 'insight.reason.recency', params: { days: 94 } },
          { key: 'insight.reason.cycle', params: { cycleDays: 30 } },
          { key: 'insight.reason.score.m', params: { m: 5 } },
        ],
        factsKey: expect.stringMatching(/^win-back-valuable:[0-9a-z]+$/),
      },
    ]);
  });

  it('a churned buyer with M = 3 is not suggested a win-back', () => {
    expect(evaluateRules(DEFAULT_ACTION_RULES, { ...slipping, stage: 'churned', rfm: { r: 1, f: 5, m: 3 } })).toEqual([]);
  });

  it('welcome a new buyer', () => {
    const [s, ...rest] = evaluateRules(DEFAULT_ACTION_RULES, newBuyer);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({
      ruleId: 'welcome-new',
      kind: 'welcome',
      reasons: [
        { key: 'insight.reason.stage.new' },
        { key: 'insight.reason.spent.one', params: { spentMinor: 9900, currency: 'CNY', orders: 1 } },
        { key: 'insight.reason.recency', params: { days: 2 } },
      ],
    });
  });

  it('thank after delivery within 14 days, and not after', () => {
    const delivered = { ...newBuyer, stage: 'active' as const, group: 'active' as const, orderCount: 3, totalMinor: 30_000, lastStatus: '交易成功', recencyDays: 14 };
    expect(evaluateRules(DEFAULT_ACTION_RULES, delivered).map((s) => s.ruleId)).toEqual(['thanks-after-delivery']);
    expect(evaluateRules(DEFAULT_ACTION_RULES, delivered)[0]!.reasons).toEqual([
      { key: 'insight.reason.lastStatus', params: { status: '交易成功' } },
      { key: 'insight.reason.spent', params: { spentMinor: 30_000, currency: 'CNY', orders: 3 } },
      { key: 'insight.reason.recency', params: { days: 14 } },
    ]);
    expect(evaluateRules(DEFAULT_ACTION_RULES, { ...delivered, recencyDays: 15 })).toEqual([]);
  });

  it('care for champions', () => {
    const champ = { ...slipping, stage: 'active' as const, group: 'champions' as const, rfm: { r: 5, f: 5, m: 4 }, recencyDays: 3, lastStatus: 'paid' };
    const [s, ...rest] = evaluateRules(DEFAULT_ACTION_RULES, champ);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({
      ruleId: 'care-champions',
      kind: 'care',
      reasons: [
        { key: 'insight.reason.group.champions' },
        { key: 'insight.reason.spent', params: { spentMinor: 234_000, currency: 'CNY', orders: 6 } },
        { key: 'insight.reason.rfm', params: { r: 5, f: 5, m: 4 } },
      ],
    });
  });

  it('remind at the usual repurchase time: from 3 days before to 14 days after', () => {
    const at = (days: number) => ({ ...slipping, stage: 'active' as const, rfm: { r: 4, f: 5, m: 3 }, recencyDays: 27, nextExpectedAt: NOW + days * DAY_MS });
    const ids = (days: number) => evaluateRules(DEFAULT_ACTION_RULES, at(days)).map((s) => s.ruleId);
    expect(ids(4)).toEqual([]);
    expect(ids(3)).toEqual(['repurchase-reminder']);
    expect(ids(-14)).toEqual(['repurchase-reminder']);
    expect(ids(-15)).toEqual([]);
    expect(evaluateRules(DEFAULT_ACTION_RULES, at(3))[0]!.reasons).toEqual([
      { key: 'insight.reason.spent', params: { spentMinor: 234_000, currency: 'CNY', orders: 6 } },
      { key: 'insight.reason.expected.in', params: { days: 3 } },
      { key: 'insight.reason.cycle', params: { cycleDays: 30 } },
    ]);
    expect(evaluateRules(DEFAULT_ACTION_RULES, at(0))[0]!.reasons[1]).toEqual({ key: 'insight.reason.expected.today' });
    expect(evaluateRules(DEFAULT_ACTION_RULES, at(-5))[0]!.reasons[1]).toEqual({ key: 'insight.reason.expected.overdue', params: { days: 5 } });
    // A one-time buyer has no own cycle to remind about.
    expect(evaluateRules(DEFAULT_ACTION_RULES, { ...at(0), orderCount: 1 })).toEqual([]);
  });

  it('greet a birthday within the coming week', () => {
    const inDays = (n: number) => {
      const d = new Date(NOW + n * DAY_MS);
      return `${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    const ids = (n: number) => evaluateRules(DEFAULT_ACTION_RULES, { ...newBuyer, stage: 'active', birthday: inDays(n) }).map((s) => s.ruleId);
    expect(ids(0)).toEqual(['birthday-greeting']);
    expect(ids(7)).toEqual(['birthday-greeting']);
    expect(ids(8)).toEqual([]);
    expect(ids(-1)).toEqual([]); // yesterday: 364 days to go
    const [s] = evaluateRules(DEFAULT_ACTION_RULES, { ...newBuyer, stage: 'active', birthday: inDays(3) });
    expect(s!.reasons[0]).toEqual({ key: 'insight.reason.birthday.soon', params: { days: 3 } });
    const [today] = evaluateRules(DEFAULT_ACTION_RULES, { ...newBuyer, stage: 'active', birthday: inDays(0) });
    expect(today!.reasons[0]).toEqual({ key: 'insight.reason.birthday.today' });
  });

  it('follow up a complaint, first of all, in either language', () => {
    const all = evaluateRules(DEFAULT_ACTION_RULES, { ...slipping, noteTags: ['投诉', 'complaint'] });
    expect(all.map((s) => s.ruleId)).toEqual(['complaint-follow-up', 'complaint-follow-up-en', 'win-back-valuable']);
    expect(all[0]!.reasons).toEqual([
      { key: 'insight.reason.noteTag.has', params: { tag: '投诉' } },
      { key: 'insight.reason.spent', params: { spentMinor: 234_000, currency: 'CNY', orders: 6 } },
    ]);
  });

  it('a prospect gets nothing from the defaults', () => {
    expect(evaluateRules(DEFAULT_ACTION_RULES, prospect)).toEqual([]);
  });
});

describe('evaluateRules: ranking, switches, reasons', () => {
  const everyone = [{ field: 'order_count' as const, op: '>=' as const, value: 0 }];

  it('ranks by priority, then by rule order; skips disabled rules', () => {
    const rules = [
      rule({ id: 'a', priority: 10, when: everyone }),
      rule({ id: 'b', priority: 90, when: everyone }),
      rule({ id: 'c', priority: 10, when: everyone }),
      rule({ id: 'd', priority: 90, when: everyone, enabled: false }),
      rule({ id: 'e', priority: 50, when: everyone }),
    ];
    expect(evaluateRules(rules, prospect).map((s) => s.ruleId)).toEqual(['b', 'e', 'a', 'c']);
  });

  it('all conditions must hold', () => {
    const r = rule({ when: [{ field: 'order_count', op: '>=', value: 1 }, { field: 'tag', op: 'has', value: 'VIP' }] });
    expect(evaluateRules([r], slipping)).toHaveLength(1);
    expect(evaluateRules([r], newBuyer)).toHaveLength(0);
  });

  it('gives one reason per distinct fact, totals once', () => {
    const r = rule({
      when: [
        { field: 'days_since_last_order', op: '>=', value: 30 },
        { field: 'days_since_last_order', op: '<=', value: 200 },
        { field: 'r', op: '<=', value: 2 },
        { field: 'total_spent', op: '>=', value: 1000 },
        { field: 'order_count', op: '>=', value: 2 },
        { field: 'avg_order_value', op: '>=', value: 100 },
        { field: 'days_since_first_order', op: '>=', value: 100 },
        { field: 'tag', op: 'has', value: 'vip' },
      ],
    });
    expect(evaluateRules([r], slipping)[0]!.reasons).toEqual([
      { key: 'insight.reason.tag.has', params: { tag: 'vip' } },
      { key: 'insight.reason.spent', params: { spentMinor: 234_000, currency: 'CNY', orders: 6 } },
      { key: 'insight.reason.avg', params: { avgMinor: 39_000, currency: 'CNY' } },
      { key: 'insight.reason.recency', params: { days: 94 } },
      { key: 'insight.reason.since', params: { days: 300 } },
      { key: 'insight.reason.score.r', params: { r: 2 } },
    ]);
  });

  it('totals without a known currency, and for a prospect', () => {
    const r = rule({ when: [{ field: 'order_count', op: '>=', value: 0 }] });
    expect(evaluateRules([r], { ...slipping, currency: undefined })[0]!.reasons).toEqual([{ key: 'insight.reason.orders', params: { orders: 6 } }]);
    expect(evaluateRules([r], { ...newBuyer, currency: undefined })[0]!.reasons).toEqual([{ key: 'insight.reason.orders.one', params: { orders: 1 } }]);
    expect(evaluateRules([r], prospect)[0]!.reasons).toEqual([{ key: 'insight.reason.noOrders' }]);
  });

  it('recency of today, tags lacked, note tags lacked', () => {
    const r = rule({
      when: [
        { field: 'days_since_last_order', op: '=', value: 0 },
        { field: 'tag', op: 'lacks', value: '黑名单' },
        { field: 'note_tag', op: 'lacks', value: '#投诉' },
      ],
    });
    expect(evaluateRules([r], { ...newBuyer, recencyDays: 0 })[0]!.reasons).toEqual([
      { key: 'insight.reason.noteTag.lacks', params: { tag: '投诉' } },
      { key: 'insight.reason.tag.lacks', params: { tag: '黑名单' } },
      { key: 'insight.reason.spent.one', params: { spentMinor: 9900, currency: 'CNY', orders: 1 } },
      { key: 'insight.reason.recency.today' },
    ]);
  });

  it('every reason parameter is a string or a number', () => {
    const r = rule({ when: [{ field: 'lifecycle', op: '!=', value: 'prospect' }, { field: 'rfm_group', op: '!=', value: 'prospects' }] });
    for (const s of evaluateRules([r, ...DEFAULT_ACTION_RULES], slipping)) {
      for (const reason of s.reasons) for (const v of Object.values(reason.params ?? {})) expect(['string', 'number']).toContain(typeof v);
    }
  });
});

describe('factsKey', () => {
  const winBack = DEFAULT_ACTION_RULES.find((r) => r.id === 'win-back-valuable')!;
  const thanks = DEFAULT_ACTION_RULES.find((r) => r.id === 'thanks-after-delivery')!;
  const birthday = DEFAULT_ACTION_RULES.find((r) => r.id === 'birthday-greeting')!;
  const reminder = DEFAULT_ACTION_RULES.find((r) => r.id === 'repurchase-reminder')!;

  it('is short, starts with the rule id and is deterministic', () => {
    const k = factsKey(winBack, slipping);
    expect(k).toMatch(/^win-back-valuable:[0-9a-z]{1,11}$/);
    expect(factsKey(winBack, { ...slipping })).toBe(k);
  });

  it('does not change as days pass', () => {
    const later = { ...slipping, now: NOW + 10 * DAY_MS, recencyDays: 104 };
    expect(factsKey(winBack, later)).toBe(factsKey(winBack, slipping));
    expect(factsKey(reminder, later)).toBe(factsKey(reminder, slipping));
  });

  it('changes when a new order arrives', () => {
    expect(factsKey(winBack, { ...slipping, lastOrderId: 'O-7' })).not.toBe(factsKey(winBack, slipping));
    expect(factsKey(reminder, { ...slipping, lastOrderId: 'O-7' })).not.toBe(factsKey(reminder, slipping));
  });

  it('changes when a fact its conditions use changes, not others', () => {
    expect(factsKey(winBack, { ...slipping, stage: 'churned' })).not.toBe(factsKey(winBack, slipping));
    expect(factsKey(winBack, { ...slipping, rfm: { r: 2, f: 5, m: 4 } })).not.toBe(factsKey(winBack, slipping));
    expect(factsKey(winBack, { ...slipping, group: 'at_risk', rfm: { r: 1, f: 5, m: 5 } })).toBe(factsKey(winBack, slipping));
    expect(factsKey(winBack, { ...slipping, tags: ['other'] })).toBe(factsKey(winBack, slipping));
    expect(factsKey(thanks, { ...slipping, lastStatus: 'completed' })).not.toBe(factsKey(thanks, slipping));
  });

  it('tags enter as has / lacks of the tags the rule names', () => {
    const r = rule({ when: [{ field: 'tag', op: 'has', value: 'VIP' }] });
    expect(factsKey(r, { ...slipping, tags: ['VIP', 'x'] })).toBe(factsKey(r, slipping));
    expect(factsKey(r, { ...slipping, tags: [] })).not.toBe(factsKey(r, slipping));
  });

  it('a birthday greeting comes back next year', () => {
    const thisYear = { ...newBuyer, birthday: '06-05' };
    const sameBirthdayDaysLater = { ...thisYear, now: NOW + 2 * DAY_MS };
    const nextYear = { ...thisYear, now: NOW + 365 * DAY_MS };
    expect(factsKey(birthday, sameBirthdayDaysLater)).toBe(factsKey(birthday, thisYear));
    expect(factsKey(birthday, nextYear)).not.toBe(factsKey(birthday, thisYear));
  });

  it('differs between rules looking at the same facts', () => {
    const a = rule({ id: 'a', when: [{ field: 'order_count', op: '>', value: 1 }] });
    const b = rule({ id: 'b', when: [{ field: 'order_count', op: '>', value: 1 }] });
    expect(factsKey(a, slipping)).not.toBe(factsKey(b, slipping));
  });

  it('is the key evaluateRules hands out', () => {
    expect(evaluateRules(DEFAULT_ACTION_RULES, slipping)[0]!.factsKey).toBe(factsKey(winBack, slipping));
  });
});

describe('countRuleMatches', () => {
  it('counts buyers per rule, disabled rules included, zero for none', () => {
    const rules = [
      ...DEFAULT_ACTION_RULES,
      rule({ id: 'off', enabled: false, when: [{ field: 'order_count', op: '>=', value: 1 }] }),
    ];
    const counts = countRuleMatches(rules, [slipping, newBuyer, prospect, { ...newBuyer, lastOrderId: 'N-2' }]);
    expect(counts.get('win-back-valuable')).toBe(1);
    expect(counts.get('welcome-new')).toBe(2);
    expect(counts.get('off')).toBe(3);
    expect(counts.get('care-champions')).toBe(0);
    expect(counts.size).toBe(rules.length);
  });

  it('takes any iterable, and no rules', () => {
    function* buyers() {
      yield slipping;
    }
    expect(countRuleMatches(DEFAULT_ACTION_RULES, buyers()).get('win-back-valuable')).toBe(1);
    expect(countRuleMatches([], [slipping]).size).toBe(0);
  });
});
