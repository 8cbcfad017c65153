// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { compile, compileQuery, evaluate, parse, SegmentCompileError, type Expr, type SegmentFacts } from '@/lib/segments';
import { at, buyer, DAY, NOW, prospect } from './facts';

const holds = (text: string, facts: SegmentFacts, now = NOW, utcOffsetMinutes?: number) => {
  const { predicate, errors } = compileQuery(text, { utcOffsetMinutes });
  expect(errors).toEqual([]);
  return predicate!(facts, now);
};

describe('numbers and money', () => {
  const b = buyer(); // ¥600 over 3 orders, avg ¥200
  it.each([
    ['amount_spent >= 600', true],
    ['amount_spent > 600', false],
    ['amount_spent = 600', true],
    ['amount_spent != 600', false],
    ['amount_spent < 600.01', true],
    ['amount_spent <= 599.99', false],
    ['amount_spent BETWEEN 500 AND 600', true],
    ['amount_spent BETWEEN 600 AND 500', true],
    ['amount_spent BETWEEN 600.01 AND 700', false],
    ['avg_order_value = 200', true],
    ['number_of_orders = 3', true],
    ['number_of_orders BETWEEN 3 AND 3', true],
    ['number_of_orders > 3', false],
    ['rfm_r = 4 AND rfm_f <= 3 AND rfm_m >= 5', true],
    ['rfm_r BETWEEN 1 AND 3', false],
  ])('%s → %s', (text, expected) => {
    expect(holds(text, b)).toBe(expected);
  });

  it('money is major units in the customer’s own currency (yen have no minor unit)', () => {
    const yen = buyer({ currency: 'JPY', totalMinor: 5000, avgOrderMinor: 2500 });
    expect(holds('amount_spent = 5000', yen)).toBe(true);
    expect(holds('amount_spent = 50', yen)).toBe(false);
    expect(holds('amount_spent = 50', buyer({ currency: 'USD', totalMinor: 5000 }))).toBe(true);
    expect(holds('amount_spent = 50', buyer({ currency: undefined, totalMinor: 5000 }))).toBe(true);
    // the same compiled predicate across currencies
    const p = compileQuery('amount_spent >= 100').predicate!;
    expect([buyer({ totalMinor: 10000 }), buyer({ currency: 'JPY', totalMinor: 100 }), buyer({ totalMinor: 9999 }), buyer({ currency: 'JPY', totalMinor: 99 })].map((f) => p(f, NOW))).toEqual([true, true, false, false]);
  });

  it('99.9 is exactly 9990 fen', () => {
    expect(holds('amount_spent = 99.9', buyer({ totalMinor: 9990 }))).toBe(true);
    expect(holds('amount_spent BETWEEN 0.1 AND 0.3', buyer({ totalMinor: 30 }))).toBe(true);
  });
});

describe('a customer with no orders', () => {
  const p = prospect();
  it.each([
    ['amount_spent = 0', true],
    ['amount_spent IS NULL', false],
    ['number_of_orders = 0', true],
    ['number_of_orders < 1', true],
    ['avg_order_value IS NULL', true],
    ['avg_order_value >= 0', false],
    ['avg_order_value != 5', false],
    ['last_order_date IS NULL', true],
    ['first_order_date IS NOT NULL', false],
    ['last_order_date < -60d', false],
    ['last_order_date >= -60d', false],
    ['last_order_date != today', false],
    ['NOT last_order_date >= -60d', true],
    ['rfm_r IS NULL', true],
    ['rfm_r >= 1', false],
    ['rfm_r != 3', false],
    ["rfm_group = 'prospects'", true],
    ["lifecycle = 'prospect'", true],
    ["customer_tags CONTAINS 'vip'", false],
    ["customer_tags NOT CONTAINS 'vip'", true],
    ['customer_tags IS NULL', true],
    ["email = 'a@b.com'", false],
    ["email != 'a@b.com'", false],
    ['email IS NULL', true],
    ["field.size != 'L'", false],
    ['field.size IS NULL', true],
  ])('%s → %s', (text, expected) => {
    expect(holds(text, p)).toBe(expected);
  });
});

describe('dates as calendar days around a fixed now (2026-06-15 12:00 UTC)', () => {
  const lastOn = (y: number, m: number, d: number, h = 12) => buyer({ lastAt: at(y, m, d, h) });
  it.each([
    // -60d is 2026-04-16: "< -60d" = the last order's day is before it (more than 60 days ago)
    ['last_order_date < -60d', lastOn(2026, 4, 15), true],
    ['last_order_date < -60d', lastOn(2026, 4, 16, 0), false],
    ['last_order_date < -60d', lastOn(2026, 4, 16, 23), false],
    ['last_order_date <= -60d', lastOn(2026, 4, 16, 23), true],
    ['last_order_date = -60d', lastOn(2026, 4, 16, 1), true],
    ['last_order_date > -60d', lastOn(2026, 4, 17), true],
    ['last_order_date = today', lastOn(2026, 6, 15, 0), true],
    ['last_order_date = today', lastOn(2026, 6, 14, 23), false],
    ['last_order_date = yesterday', lastOn(2026, 6, 14, 23), true],
    ['last_order_date >= -2w', lastOn(2026, 6, 1), true],
    ['last_order_date >= -2w', lastOn(2026, 5, 31, 23), false],
    // -6m: 2025-12-15; -1y: 2025-06-15
    ['last_order_date = -6m', lastOn(2025, 12, 15), true],
    ['last_order_date < -6m', lastOn(2025, 12, 14), true],
    ['last_order_date = -1y', lastOn(2025, 6, 15), true],
    ['last_order_date = +1d', lastOn(2026, 6, 16), true],
    // absolute dates
    ['last_order_date = 2026-01-31', lastOn(2026, 1, 31, 0), true],
    ['last_order_date = 2026-01-31', lastOn(2026, 1, 31, 23), true],
    ['last_order_date < 2026-01-31', lastOn(2026, 1, 31, 0), false],
    ['last_order_date < 2026-01-31', lastOn(2026, 1, 30, 23), true],
    ['last_order_date > 2026-01-31', lastOn(2026, 2, 1, 0), true],
    // BETWEEN is inclusive at both ends, in either order
    ['last_order_date BETWEEN 2026-01-01 AND 2026-01-31', lastOn(2026, 1, 1, 0), true],
    ['last_order_date BETWEEN 2026-01-01 AND 2026-01-31', lastOn(2026, 1, 31, 23), true],
    ['last_order_date BETWEEN 2026-01-01 AND 2026-01-31', lastOn(2026, 2, 1, 0), false],
    ['last_order_date BETWEEN -30d AND today', lastOn(2026, 5, 16), true],
    ['last_order_date BETWEEN today AND -30d', lastOn(2026, 5, 16), true],
    ['last_order_date BETWEEN -30d AND today', lastOn(2026, 5, 15), false],
    ['first_order_date < -6m', buyer(), true],
  ])('%s with last order %#', (text, facts, expected) => {
    expect(holds(text, facts)).toBe(expected);
  });

  it('-1m from the 31st clamps to the end of the shorter month', () => {
    const now = Date.UTC(2026, 2, 31, 12); // 2026-03-31
    expect(holds('last_order_date = -1m', buyer({ lastAt: at(2026, 2, 28) }), now)).toBe(true);
    expect(holds('last_order_date = -1m', buyer({ lastAt: at(2024, 2, 29) }), Date.UTC(2024, 2, 31))).toBe(true);
  });

  it('relative dates resolve at each evaluation, against the now given', () => {
    const p = compileQuery('last_order_date >= -7d').predicate!;
    const f = buyer({ lastAt: at(2026, 6, 10) });
    expect(p(f, NOW)).toBe(true);
    expect(p(f, NOW + 3 * DAY)).toBe(false);
    expect(p(f, NOW)).toBe(true);
  });

  it('days are counted at the offset given (China: UTC+8)', () => {
    // 2026-06-14 20:00 UTC is 2026-06-15 04:00 in Beijing
    const f = buyer({ lastAt: Date.UTC(2026, 5, 14, 20) });
    expect(holds('last_order_date = today', f, NOW)).toBe(false);
    expect(holds('last_order_date = today', f, NOW, 480)).toBe(true);
    expect(holds('last_order_date = 2026-06-15', f, NOW, 480)).toBe(true);
  });
});

describe('tags, enums and text', () => {
  const b = buyer({ email: ' Zhang.San@QQ.com ', phone: '13800001111', nick: '张三丰', fields: { size: 'L', 会员等级: '金卡', empty: '  ' } });
  it.each([
    ["customer_tags CONTAINS 'vip'", true],
    ["customer_tags CONTAINS ' VIP '", true],
    ["customer_tags CONTAINS '老客户'", true],
    ["customer_tags CONTAINS '客户'", false],
    ["customer_tags NOT CONTAINS 'vip'", false],
    ["customer_tags NOT CONTAINS 'wholesale'", true],
    ['customer_tags IS NOT NULL', true],
    ["rfm_group = 'loyal'", true],
    ["rfm_group != 'loyal'", false],
    ["rfm_group IN ('champions', 'loyal')", true],
    ["rfm_group NOT IN ('champions', 'loyal')", false],
    ["lifecycle IN ('at_risk', 'churned')", false],
    ["lifecycle NOT IN ('at_risk', 'churned')", true],
    ["email = 'zhang.san@qq.com'", true],
    ["email CONTAINS '@qq.com'", true],
    ["email STARTS WITH 'zhang'", true],
    ["email STARTS WITH 'san'", false],
    ["phone STARTS WITH '138'", true],
    ["nick CONTAINS '三'", true],
    ["nick = '张三'", false],
    ["nick != '张三'", true],
    ["field.size = 'l'", true],
    ["field.\"会员等级\" = '金卡'", true],
    ['field.empty IS NULL', true],
    ['field.constructor IS NULL', true],
    ["field.toString = 'x'", false],
    ["email STARTS WITH ''", true],
  ])('%s → %s', (text, expected) => {
    expect(holds(text, b)).toBe(expected);
  });
});

describe('AND, OR, NOT', () => {
  const b = buyer();
  it.each([
    ["amount_spent >= 500 AND last_order_date < -60d AND customer_tags CONTAINS 'vip'", false],
    ["amount_spent >= 500 AND last_order_date > -60d AND customer_tags CONTAINS 'vip'", true],
    ['number_of_orders = 1 OR number_of_orders = 3 AND rfm_r = 1', false],
    ['(number_of_orders = 1 OR number_of_orders = 3) AND rfm_r = 4', true],
    ['NOT number_of_orders = 3', false],
    ['NOT (number_of_orders = 1 OR rfm_r = 1)', true],
  ])('%s → %s', (text, expected) => {
    expect(holds(text, b)).toBe(expected);
  });
});

describe('compile', () => {
  it('refuses a tree that does not check', () => {
    const ast = parse('amout_spent > 5').ast!;
    expect(() => compile(ast)).toThrow(SegmentCompileError);
    expect(compileQuery('amout_spent > 5')).toMatchObject({ errors: [{ message: 'segment.error.unknownField' }] });
    expect(compileQuery('amout_spent > 5').predicate).toBeUndefined();
  });

  it('evaluates trees built in code, without offsets', () => {
    const ast: Expr = { kind: 'not', expr: { kind: 'cond', field: 'customer_tags', op: 'contains', values: [{ kind: 'string', value: 'vip' }] } };
    expect(evaluate(ast, prospect(), NOW)).toBe(true);
    expect(evaluate(ast, buyer(), NOW)).toBe(false);
  });

  it('tolerates facts with gaps: NaN totals, non-string tags', () => {
    const odd = prospect({ totalMinor: NaN, orderCount: NaN, tags: [1 as unknown as string, 'vip'], lastAt: NaN });
    expect(holds('amount_spent = 0 AND number_of_orders = 0', odd)).toBe(true);
    expect(holds("customer_tags CONTAINS 'vip'", odd)).toBe(true);
    expect(holds('last_order_date IS NULL', odd)).toBe(true);
  });
});
