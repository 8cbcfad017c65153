import * as z from 'zod/mini';
import { LIFECYCLE_STAGES as RULE_STAGE_NAMES, RFM_GROUPS as RULE_GROUP_NAMES } from './insight-names';

/**
 * Suggested-action rules as data: the zod schemas the owner's rules are checked against (on the
 * options page, over RPC, in backups) and the default rules. Rules cross boundaries (RPC, sync),
 * so they live in lib/model; lib/insights evaluates them.
 * Errors are i18n keys (`insight.rule.errors.*`).
 */

/** The lifecycle stages and RFM groups a rule may name. */
export { LIFECYCLE_STAGES as RULE_STAGE_NAMES, RFM_GROUPS as RULE_GROUP_NAMES } from './insight-names';

/**
 * Every field a rule may test, with its kind: numbers compare with = != > >= < <=, money is a
 * number the owner types in major units (yuan), choices take one word or a list, sets are
 * tested with has / lacks. One table, so a new field cannot be left out of a kind.
 */
const FIELD_KINDS = {
  lifecycle: 'choice',
  rfm_group: 'choice',
  r: 'number',
  f: 'number',
  m: 'number',
  order_count: 'number',
  total_spent: 'money',
  avg_order_value: 'money',
  days_since_last_order: 'number',
  days_since_first_order: 'number',
  days_until_expected: 'number',
  last_status: 'choice',
  tag: 'set',
  note_tag: 'set',
  days_until_birthday: 'number',
} as const;

export const INSIGHT_FIELDS = Object.keys(FIELD_KINDS) as (keyof typeof FIELD_KINDS)[];
export const InsightField = z.enum(INSIGHT_FIELDS as [keyof typeof FIELD_KINDS, ...(keyof typeof FIELD_KINDS)[]]);
export type InsightField = z.infer<typeof InsightField>;

const fieldsOfKind = (...kinds: string[]): ReadonlySet<InsightField> =>
  new Set(INSIGHT_FIELDS.filter((f) => kinds.includes(FIELD_KINDS[f])));

/** Fields holding a number (money included); compared with = != > >= < <=. */
export const NUMERIC_FIELDS = fieldsOfKind('number', 'money');
/** Money fields: the rule's value is in major units (yuan) as the owner types it. */
export const MONEY_FIELDS = fieldsOfKind('money');
/** Fields holding one word; compared with = != in not_in. */
export const CHOICE_FIELDS = fieldsOfKind('choice');
/** Fields holding a set of words; tested with has / lacks. */
export const SET_FIELDS = fieldsOfKind('set');

export const CONDITION_OPS = ['=', '!=', '>', '>=', '<', '<=', 'in', 'not_in', 'has', 'lacks'] as const;
export const ConditionOp = z.enum(CONDITION_OPS);
export type ConditionOp = z.infer<typeof ConditionOp>;
const COMPARISON_OPS: ReadonlySet<ConditionOp> = new Set<ConditionOp>(['=', '!=', '>', '>=', '<', '<=']);

export const ACTION_KINDS = ['welcome', 'thanks', 'care', 'win_back', 'reminder', 'birthday', 'complaint', 'custom'] as const;
export const ActionKind = z.enum(ACTION_KINDS);
export type ActionKind = z.infer<typeof ActionKind>;

const VALUE_ERROR = { error: 'insight.rule.errors.value' };
const Word = z.string().check(z.trim(), z.minLength(1, VALUE_ERROR), z.maxLength(100, VALUE_ERROR));

/** Why a condition does not fit its field: an i18n key and where, or undefined when it fits. */
function conditionProblem(c: { field: InsightField; op: ConditionOp; value: number | string | string[] }): { path: string; message: string } | undefined {
  const { field, op, value } = c;
  if (NUMERIC_FIELDS.has(field)) {
    if (!COMPARISON_OPS.has(op)) return { path: 'op', message: 'insight.rule.errors.number' };
    if (typeof value !== 'number') return { path: 'value', message: 'insight.rule.errors.number' };
    return undefined;
  }
  if (SET_FIELDS.has(field)) {
    if (op !== 'has' && op !== 'lacks') return { path: 'op', message: 'insight.rule.errors.tag' };
    if (typeof value !== 'string') return { path: 'value', message: 'insight.rule.errors.tag' };
    return undefined;
  }
  // lifecycle, rfm_group, last_status
  if (op === '=' || op === '!=') {
    if (typeof value !== 'string') return { path: 'value', message: 'insight.rule.errors.choice' };
  } else if (op === 'in' || op === 'not_in') {
    if (!Array.isArray(value)) return { path: 'value', message: 'insight.rule.errors.choice' };
  } else return { path: 'op', message: 'insight.rule.errors.choice' };
  const names = typeof value === 'string' ? [value] : (value as string[]);
  if (field === 'lifecycle' && !names.every((n) => (RULE_STAGE_NAMES as readonly string[]).includes(n))) {
    return { path: 'value', message: 'insight.rule.errors.stage' };
  }
  if (field === 'rfm_group' && !names.every((n) => (RULE_GROUP_NAMES as readonly string[]).includes(n))) {
    return { path: 'value', message: 'insight.rule.errors.group' };
  }
  return undefined;
}

/** One condition: a field, an operator that fits it, and a value of the field's kind. */
export const ActionCondition = z
  .object({
    field: InsightField,
    op: ConditionOp,
    value: z.union([z.number(), Word, z.array(Word).check(z.minLength(1, VALUE_ERROR), z.maxLength(50, VALUE_ERROR))], VALUE_ERROR),
  })
  .check(
    z.superRefine((c, ctx) => {
      const problem = conditionProblem(c);
      if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: [problem.path], input: c });
    }),
  );
export type ActionCondition = z.infer<typeof ActionCondition>;

export const ActionRule = z.object({
  id: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
  name: z.string().check(z.trim(), z.minLength(1, { error: 'insight.rule.errors.name' }), z.maxLength(60, { error: 'insight.rule.errors.name' })),
  enabled: z.boolean(),
  /** 1..100, higher first. */
  priority: z.number({ error: 'insight.rule.errors.priority' }).check(
    z.int({ error: 'insight.rule.errors.priority' }),
    z.minimum(1, { error: 'insight.rule.errors.priority' }),
    z.maximum(100, { error: 'insight.rule.errors.priority' }),
  ),
  /** All must hold. */
  when: z.array(ActionCondition).check(z.minLength(1, { error: 'insight.rule.errors.when' }), z.maxLength(8, { error: 'insight.rule.errors.when' })),
  /** What to do, in the owner's words. */
  action: z.string().check(z.trim(), z.minLength(1, { error: 'insight.rule.errors.action' }), z.maxLength(200, { error: 'insight.rule.errors.action' })),
  kind: ActionKind,
});
export type ActionRule = z.infer<typeof ActionRule>;

export const ActionRules = z.array(ActionRule).check(
  z.maxLength(50, { error: 'insight.rule.errors.tooMany' }),
  z.superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', message: 'insight.rule.errors.duplicateId', path: [i, 'id'], input: rule.id });
      seen.add(rule.id);
    });
  }),
);
export type ActionRules = z.infer<typeof ActionRules>;

/**
 * The starting rules, from Taobao/Tmall seller CRM practice: fix complaints first, keep valuable
 * buyers from slipping away, catch the moments (repurchase time, birthday, delivery), welcome the
 * new, and look after the best. The owner edits, disables or adds to them.
 */
export const DEFAULT_ACTION_RULES: ActionRule[] = [
  {
    id: 'complaint-follow-up',
    name: '跟进投诉 (Follow up a complaint)',
    enabled: true,
    priority: 100,
    when: [{ field: 'note_tag', op: 'has', value: '投诉' }],
    action: '优先联系买家，了解问题并给出解决方案 (Contact the buyer first, understand the problem and offer a fix)',
    kind: 'complaint',
  },
  {
    id: 'complaint-follow-up-en',
    name: 'Follow up a complaint (#complaint)',
    enabled: true,
    priority: 100,
    when: [{ field: 'note_tag', op: 'has', value: 'complaint' }],
    action: '优先联系买家，了解问题并给出解决方案 (Contact the buyer first, understand the problem and offer a fix)',
    kind: 'complaint',
  },
  {
    id: 'win-back-valuable',
    name: '挽回高价值客户 (Win back valuable buyers)',
    enabled: true,
    priority: 80,
    when: [
      { field: 'lifecycle', op: 'in', value: ['at_risk', 'churned'] },
      { field: 'm', op: '>=', value: 4 },
    ],
    action: '发送专属回归优惠券 (Send a personal win-back coupon)',
    kind: 'win_back',
  },
  {
    id: 'birthday-greeting',
    name: '生日祝福 (Birthday greeting)',
    enabled: true,
    priority: 70,
    when: [
      { field: 'days_until_birthday', op: '<=', value: 7 },
      { field: 'days_until_birthday', op: '>=', value: 0 },
    ],
    action: '发送生日祝福和生日礼券 (Send birthday wishes and a birthday coupon)',
    kind: 'birthday',
  },
  {
    id: 'repurchase-reminder',
    name: '复购提醒 (Repurchase reminder)',
    enabled: true,
    priority: 60,
    when: [
      { field: 'order_count', op: '>=', value: 2 },
      { field: 'days_until_expected', op: '<=', value: 3 },
      { field: 'days_until_expected', op: '>=', value: -14 },
    ],
    action: '提醒补货并推荐常购商品 (Remind them to restock and suggest what they usually buy)',
    kind: 'reminder',
  },
  {
    id: 'thanks-after-delivery',
    name: '签收后致谢邀评 (Thank and ask for a review)',
    enabled: true,
    priority: 50,
    when: [
      { field: 'last_status', op: 'in', value: ['delivered', 'completed', '已签收', '交易成功'] },
      { field: 'days_since_last_order', op: '<=', value: 14 },
    ],
    action: '感谢购买，邀请评价并晒图 (Thank them and ask for a review with photos)',
    kind: 'thanks',
  },
  {
    id: 'welcome-new',
    name: '欢迎新客 (Welcome a new buyer)',
    enabled: true,
    priority: 45,
    when: [{ field: 'lifecycle', op: '=', value: 'new' }],
    action: '发送欢迎消息和新客券 (Send a welcome message and a first-order coupon)',
    kind: 'welcome',
  },
  {
    id: 'care-champions',
    name: '关怀冠军客户 (Care for champions)',
    enabled: true,
    priority: 40,
    when: [{ field: 'rfm_group', op: '=', value: 'champions' }],
    action: '提供专属优惠或新品抢先体验 (Offer an exclusive deal or early access to new products)',
    kind: 'care',
  },
];
