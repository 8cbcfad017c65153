import { MONEY_FIELDS, NUMERIC_FIELDS, SET_FIELDS, type ActionCondition, type ActionKind, type ActionRule, type InsightField } from '../model/action-rules';
import { daysUntilBirthday, nextBirthday } from './birthday';
import { majorToMinor } from './money';
import { recencyDays } from './rfm';
import { DAY_MS, type LifecycleStage, type Reason, type RfmGroup, type RfmScores } from './types';

export * from '../model/action-rules';
export { daysUntilBirthday } from './birthday';

/**
 * Suggested actions: declarative rules the owner can edit ("when these facts hold, do this"),
 * validated with zod, evaluated against one buyer's facts. A suggestion carries the reasons in
 * words (i18n keys + params) and a key of the facts it looked at, so a suggestion marked done or
 * dismissed comes back only when those facts change.
 */

/** One buyer's facts as rules see them. Money in minor units; dates epoch ms. */
export interface InsightFacts {
  now: number;
  orderCount: number;
  totalMinor: number;
  currency?: string;
  avgOrderMinor?: number;
  firstAt?: number;
  lastAt?: number;
  /** Infinity when no order has a date. */
  recencyDays: number;
  rfm?: RfmScores;
  group: RfmGroup;
  stage: LifecycleStage;
  /** The buyer's own usual cycle in days (purchaseCycleDays). */
  cycleDays?: number;
  nextExpectedAt?: number;
  lastOrderId?: string;
  lastStatus?: string;
  /** Tag names. */
  tags: string[];
  /** Hashtags found in notes, lower-cased, without '#'. */
  noteTags: string[];
  /** 'MM-DD'. */
  birthday?: string;
}

export interface Suggestion {
  ruleId: string;
  kind: ActionKind;
  action: string;
  reasons: Reason[];
  factsKey: string;
}

// ---------------------------------------------------------------------------------------------
// Facts per field

function finite(n: number | undefined): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** Whole days until the buyer's usual reorder date (negative: overdue). */
export function daysUntilExpected(facts: InsightFacts): number | undefined {
  const at = finite(facts.nextExpectedAt);
  return at === undefined ? undefined : Math.floor((at - facts.now) / DAY_MS);
}

/** A numeric field's value (money in minor units); undefined when the buyer has no such fact. */
function numberOf(field: InsightField, facts: InsightFacts): number | undefined {
  switch (field) {
    case 'r':
    case 'f':
    case 'm':
      return finite(facts.rfm?.[field]);
    case 'order_count':
      return finite(facts.orderCount);
    case 'total_spent':
      return finite(facts.totalMinor);
    case 'avg_order_value':
      return finite(facts.avgOrderMinor);
    case 'days_since_last_order':
      return finite(facts.recencyDays);
    case 'days_since_first_order': {
      const first = finite(facts.firstAt);
      return first === undefined ? undefined : recencyDays(first, facts.now);
    }
    case 'days_until_expected':
      return daysUntilExpected(facts);
    case 'days_until_birthday':
      return daysUntilBirthday(facts.birthday, facts.now);
    default:
      return undefined;
  }
}

function wordOf(field: InsightField, facts: InsightFacts): string | undefined {
  if (field === 'lifecycle') return facts.stage;
  if (field === 'rfm_group') return facts.group;
  if (field === 'last_status') return typeof facts.lastStatus === 'string' ? normStatus(facts.lastStatus) : undefined;
  return undefined;
}

const normStatus = (s: string) => s.trim().toLowerCase();
const normTag = (s: string) => s.trim().toLowerCase();
const normNoteTag = (s: string) => s.trim().replace(/^[#＃]+/, '').toLowerCase();

function setHas(field: InsightField, facts: InsightFacts, value: string): boolean {
  if (field === 'tag') {
    const want = normTag(value);
    return (facts.tags ?? []).some((t) => typeof t === 'string' && normTag(t) === want);
  }
  const want = normNoteTag(value);
  return (facts.noteTags ?? []).some((t) => typeof t === 'string' && normNoteTag(t) === want);
}

/**
 * Whether one condition holds. A condition on a fact the buyer does not have (no RFM scores, no
 * dated order, no birthday, no status) never holds, whatever the operator; has/lacks always apply.
 */
export function conditionHolds(c: ActionCondition, facts: InsightFacts): boolean {
  const { field, op, value } = c;
  if (NUMERIC_FIELDS.has(field)) {
    const actual = numberOf(field, facts);
    if (actual === undefined || typeof value !== 'number') return false;
    const target = MONEY_FIELDS.has(field) ? majorToMinor(value, facts.currency) : value;
    switch (op) {
      case '=':
        return actual === target;
      case '!=':
        return actual !== target;
      case '>':
        return actual > target;
      case '>=':
        return actual >= target;
      case '<':
        return actual < target;
      case '<=':
        return actual <= target;
      default:
        return false;
    }
  }
  if (SET_FIELDS.has(field)) {
    if (typeof value !== 'string') return false;
    if (op === 'has') return setHas(field, facts, value);
    if (op === 'lacks') return !setHas(field, facts, value);
    return false;
  }
  const actual = wordOf(field, facts);
  if (actual === undefined) return false;
  const norm = field === 'last_status' ? normStatus : (s: string) => s;
  if (op === '=' || op === '!=') return typeof value === 'string' && (norm(value) === actual) === (op === '=');
  if (op === 'in' || op === 'not_in') return Array.isArray(value) && value.some((v) => norm(v) === actual) === (op === 'in');
  return false;
}

/** Whether every condition of a rule holds (enabled or not). */
export function ruleMatches(rule: ActionRule, facts: InsightFacts): boolean {
  return rule.when.length > 0 && rule.when.every((c) => conditionHolds(c, facts));
}

// ---------------------------------------------------------------------------------------------
// Reasons

/** The order reasons are shown in: what the buyer is and did, then the timing. */
const REASON_ORDER = ['noteTag', 'tag', 'birthday', 'lastStatus', 'stage', 'group', 'totals', 'avg', 'recency', 'expected', 'cycle', 'since', 'score', 'rfm'] as const;
type ReasonTopic = (typeof REASON_ORDER)[number];

class ReasonList {
  private readonly items = new Map<string, { rank: number; seq: number; reason: Reason }>();
  add(topic: ReasonTopic, id: string, reason: Reason | undefined): void {
    if (!reason || this.items.has(id)) return;
    this.items.set(id, { rank: REASON_ORDER.indexOf(topic), seq: this.items.size, reason });
  }
  list(): Reason[] {
    return [...this.items.values()].sort((a, b) => a.rank - b.rank || a.seq - b.seq).map((x) => x.reason);
  }
}

function totalsReason(facts: InsightFacts): Reason {
  const orders = facts.orderCount;
  if (!(orders > 0)) return { key: 'insight.reason.noOrders' };
  if (facts.currency) {
    const params = { spentMinor: facts.totalMinor, currency: facts.currency, orders };
    return orders === 1 ? { key: 'insight.reason.spent.one', params } : { key: 'insight.reason.spent', params };
  }
  return orders === 1 ? { key: 'insight.reason.orders.one', params: { orders } } : { key: 'insight.reason.orders', params: { orders } };
}

function recencyReason(facts: InsightFacts): Reason | undefined {
  const days = finite(facts.recencyDays);
  if (days === undefined) return undefined;
  return days === 0 ? { key: 'insight.reason.recency.today' } : { key: 'insight.reason.recency', params: { days } };
}

function cycleReason(facts: InsightFacts): Reason | undefined {
  const cycleDays = finite(facts.cycleDays);
  return cycleDays !== undefined && cycleDays > 0 ? { key: 'insight.reason.cycle', params: { cycleDays } } : undefined;
}

function rfmReason(facts: InsightFacts): Reason | undefined {
  return facts.rfm ? { key: 'insight.reason.rfm', params: { r: facts.rfm.r, f: facts.rfm.f, m: facts.rfm.m } } : undefined;
}

function addReasons(list: ReasonList, c: ActionCondition, facts: InsightFacts): void {
  switch (c.field) {
    case 'lifecycle':
      list.add('stage', 'stage', { key: `insight.reason.stage.${facts.stage}` });
      list.add('recency', 'recency', recencyReason(facts));
      if (facts.stage === 'at_risk' || facts.stage === 'churned') list.add('cycle', 'cycle', cycleReason(facts));
      return;
    case 'rfm_group':
      list.add('group', 'group', { key: `insight.reason.group.${facts.group}` });
      list.add('rfm', 'rfm', rfmReason(facts));
      return;
    case 'r':
    case 'f':
    case 'm': {
      const score = finite(facts.rfm?.[c.field]);
      if (score !== undefined) list.add('score', `score.${c.field}`, { key: `insight.reason.score.${c.field}`, params: { [c.field]: score } });
      if (c.field === 'r') list.add('recency', 'recency', recencyReason(facts));
      return;
    }
    case 'order_count':
    case 'total_spent':
      return; // the totals reason, always given
    case 'avg_order_value': {
      const avg = finite(facts.avgOrderMinor);
      if (avg !== undefined && facts.currency) list.add('avg', 'avg', { key: 'insight.reason.avg', params: { avgMinor: avg, currency: facts.currency } });
      return;
    }
    case 'days_since_last_order':
      list.add('recency', 'recency', recencyReason(facts));
      return;
    case 'days_since_first_order': {
      const days = numberOf('days_since_first_order', facts);
      if (days !== undefined) list.add('since', 'since', { key: 'insight.reason.since', params: { days } });
      return;
    }
    case 'days_until_expected': {
      const days = daysUntilExpected(facts);
      if (days === undefined) return;
      list.add(
        'expected',
        'expected',
        days > 0
          ? { key: 'insight.reason.expected.in', params: { days } }
          : days === 0
            ? { key: 'insight.reason.expected.today' }
            : { key: 'insight.reason.expected.overdue', params: { days: -days } },
      );
      list.add('cycle', 'cycle', cycleReason(facts));
      return;
    }
    case 'days_until_birthday': {
      const days = daysUntilBirthday(facts.birthday, facts.now);
      if (days === undefined) return;
      list.add('birthday', 'birthday', days === 0 ? { key: 'insight.reason.birthday.today' } : { key: 'insight.reason.birthday.soon', params: { days } });
      return;
    }
    case 'last_status':
      if (facts.lastStatus) list.add('lastStatus', 'lastStatus', { key: 'insight.reason.lastStatus', params: { status: facts.lastStatus } });
      return;
    case 'tag':
    case 'note_tag': {
      if (typeof c.value !== 'string') return;
      const tag = c.field === 'tag' ? c.value.trim() : normNoteTag(c.value);
      const topic = c.field === 'tag' ? 'tag' : 'noteTag';
      const id = `${topic}:${c.op}:${c.field === 'tag' ? normTag(tag) : tag}`;
      list.add(topic, id, { key: `insight.reason.${topic}.${c.op === 'lacks' ? 'lacks' : 'has'}`, params: { tag } });
      return;
    }
  }
}

/** Reasons in words for a rule that fired: one per distinct fact its conditions looked at, plus the buyer's totals. */
export function reasonsFor(rule: ActionRule, facts: InsightFacts): Reason[] {
  const list = new ReasonList();
  for (const c of rule.when) addReasons(list, c, facts);
  list.add('totals', 'totals', totalsReason(facts));
  return list.list();
}

// ---------------------------------------------------------------------------------------------
// Facts key

/**
 * A short deterministic key of the facts a rule looked at: the rule id, the latest order id, and
 * the value of each field its conditions use. Fields that move every day (days_since_*,
 * days_until_expected) do not enter it, so a dismissed suggestion stays dismissed while time
 * passes; they change when an order arrives, which the latest order id covers. A birthday enters
 * as the date of the coming birthday, so a greeting dismissed this year returns next year.
 * Stage and group enter only when a condition uses them (they drift as other buyers order).
 */
export function factsKey(rule: ActionRule, facts: InsightFacts): string {
  const parts: string[] = [rule.id, facts.lastOrderId ?? ''];
  const fields = [...new Set(rule.when.map((c) => c.field))].sort();
  for (const field of fields) {
    let v: string;
    switch (field) {
      case 'lifecycle':
        v = facts.stage;
        break;
      case 'rfm_group':
        v = facts.group;
        break;
      case 'r':
      case 'f':
      case 'm':
        v = String(facts.rfm?.[field] ?? '');
        break;
      case 'order_count':
        v = String(facts.orderCount);
        break;
      case 'total_spent':
        v = `${facts.totalMinor}${facts.currency ?? ''}`;
        break;
      case 'avg_order_value':
        v = `${facts.avgOrderMinor ?? ''}${facts.currency ?? ''}`;
        break;
      case 'last_status':
        v = facts.lastStatus ?? '';
        break;
      case 'tag':
      case 'note_tag':
        v = rule.when
          .filter((c) => c.field === field && typeof c.value === 'string')
          .map((c) => `${c.value}=${setHas(field, facts, c.value as string) ? 1 : 0}`)
          .sort()
          .join(',');
        break;
      case 'days_until_birthday': {
        const next = nextBirthday(facts.birthday, facts.now);
        v = next ? `${next.year}-${next.month}-${next.day}` : '';
        break;
      }
      default:
        continue; // days_since_last_order, days_since_first_order, days_until_expected
    }
    parts.push(`${field}=${v}`);
  }
  return `${rule.id}:${hash53(parts.join('\u0001'))}`;
}

/** cyrb53: a fast 53-bit string hash, base 36. Not cryptographic; collisions ~1 in 2^53. */
function hash53(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** The suggestions for one buyer: enabled rules whose conditions all hold, by priority (high first), then rule order. */
export function evaluateRules(rules: readonly ActionRule[], facts: InsightFacts): Suggestion[] {
  return rules
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => rule.enabled && ruleMatches(rule, facts))
    .sort((a, b) => b.rule.priority - a.rule.priority || a.index - b.index)
    .map(({ rule }) => ({
      ruleId: rule.id,
      kind: rule.kind,
      action: rule.action,
      reasons: reasonsFor(rule, facts),
      factsKey: factsKey(rule, facts),
    }));
}

/**
 * How many buyers each rule matches, for the options page preview while the owner edits rules.
 * Disabled rules are counted too (what they would match if enabled); every rule id is in the map.
 */
export function countRuleMatches(rules: readonly ActionRule[], factsList: Iterable<InsightFacts>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const rule of rules) counts.set(rule.id, 0);
  for (const facts of factsList) {
    for (const rule of rules) if (ruleMatches(rule, facts)) counts.set(rule.id, counts.get(rule.id)! + 1);
  }
  return counts;
}
