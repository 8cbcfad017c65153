// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { BUILTIN_FIELDS, complete } from '@/lib/segments';

/** `|` marks the cursor. */
const at = (marked: string, context = {}) => {
  const cursor = marked.indexOf('|');
  const text = marked.replace('|', '');
  const r = complete(text, cursor, context);
  return { ...r, labels: r.items.map((i) => i.label), inserts: r.items.map((i) => i.insert), text };
};

const TAGS = { tags: ['VIP', '老客户', 'wholesale', 'vip-2024'] };

describe('autocomplete', () => {
  it('offers every field (and NOT, parenthesis) at the start', () => {
    const r = at('|');
    expect(r.labels).toEqual([...BUILTIN_FIELDS, 'NOT', '(']);
    expect([r.from, r.to]).toEqual([0, 0]);
  });

  it.each([
    ['amo|', ['amount_spent'], 0, 3],
    ['amount_spent >= 500 AND cus|', ['customer_tags'], 24, 27],
    ['amount_spent >= 500 AND cus|tomer', ['customer_tags'], 24, 32],
    ['rfm|', ['rfm_group', 'rfm_r', 'rfm_f', 'rfm_m'], 0, 3],
    ['order|', ['number_of_orders', 'avg_order_value', 'first_order_date', 'last_order_date'], 0, 5],
    ['(NOT (em|', ['email'], 6, 8],
    ['amount_spent |', ['=', '!=', '>', '>=', '<', '<=', 'BETWEEN', 'IS NULL', 'IS NOT NULL'], 13, 13],
    ['customer_tags |', ['CONTAINS', 'NOT CONTAINS', 'IS NULL', 'IS NOT NULL'], 14, 14],
    ['customer_tags con|', ['CONTAINS', 'NOT CONTAINS'], 14, 17],
    ['lifecycle |', ['=', '!=', 'IN', 'NOT IN', 'IS NULL', 'IS NOT NULL'], 10, 10],
    ['lifecycle NOT |', ['IN'], 14, 14],
    ['customer_tags NOT |', ['CONTAINS'], 18, 18],
    ['email STARTS |', ['WITH'], 13, 13],
    ['email IS |', ['NULL', 'NOT NULL'], 9, 9],
    ['email IS NOT |', ['NULL'], 13, 13],
    ['lifecycle = |', ['prospect', 'new', 'active', 'won_back', 'at_risk', 'churned'], 12, 12],
    ["lifecycle = 'a|", ['active', 'at_risk', 'won_back'], 12, 14],
    ["rfm_group IN ('champions', 'lo|", ['loyal', 'almost_lost', 'previously_loyal'], 27, 30],
    ["rfm_group IN ('champions', |", ['loyal', 'active', 'new', 'promising', 'needs_attention', 'at_risk', 'almost_lost', 'previously_loyal', 'dormant', 'prospects'], 27, 27],
    ["rfm_group IN ('champions' |", [',', ')'], 26, 26],
    ['lifecycle IN |', ['('], 13, 13],
    ['last_order_date < |', ['today', '-7d', '-30d', '-90d', '-1y'], 18, 18],
    ['last_order_date BETWEEN -30d |', ['AND'], 29, 29],
    ['last_order_date BETWEEN -30d AND |', ['today', '-7d', '-30d', '-90d', '-1y'], 33, 33],
    ['amount_spent > 5 |', ['AND', 'OR'], 17, 17],
    ['(amount_spent > 5 |', ['AND', 'OR', ')'], 18, 18],
    ['amount_spent > 5 o|', ['OR'], 17, 18],
    ['email IS NULL |', ['AND', 'OR'], 14, 14],
    ['amount_spent > |', [], 15, 15],
    ['nick = |', [], 7, 7],
    ['nosuchfield |', [], 12, 12],
    ['amount_spent > 5 b|', [], 17, 18],
    ['a ! |', [], 4, 4],
  ])('%j → %j', (marked, labels, from, to) => {
    const r = at(marked);
    expect(r.labels).toEqual(labels);
    expect([r.from, r.to]).toEqual([from, to]);
  });

  it('offers tag names (passed in), quoted, prefix matches first then substring', () => {
    expect(at('customer_tags CONTAINS |', TAGS).inserts).toEqual(["'VIP'", "'老客户'", "'wholesale'", "'vip-2024'"]);
    expect(at("customer_tags CONTAINS 'v|", TAGS).labels).toEqual(['VIP', 'vip-2024']);
    expect(at("customer_tags NOT CONTAINS '客|", TAGS).labels).toEqual(['老客户']);
    expect(at('customer_tags CONTAINS whole|', TAGS)).toMatchObject({ from: 23, to: 28, inserts: ["'wholesale'"] });
  });

  it('quotes values that need it', () => {
    expect(at("customer_tags CONTAINS 'it|", { tags: ["it's"] }).inserts).toEqual(["'it\\'s'"]);
  });

  it('offers custom fields (passed in)', () => {
    expect(at('fie|', { customFields: ['size', '会员 等级'] }).inserts).toEqual(['field.size', "field.'会员 等级'"]);
    expect(at("field.'会员 等级' |", { customFields: ['会员 等级'] }).labels).toEqual(['=', '!=', 'CONTAINS', 'STARTS WITH', 'IS NULL', 'IS NOT NULL']);
  });

  it('clamps the cursor', () => {
    expect(complete('amount_spent ', 99).from).toBe(13);
    expect(complete('amo', -5).items.length).toBeGreaterThan(5);
  });
});
