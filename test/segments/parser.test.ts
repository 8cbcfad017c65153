// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { stripSpans, type Expr } from '@/lib/segments/ast';
import { MAX_DEPTH, parse } from '@/lib/segments/parser';
import { print } from '@/lib/segments/print';

const c = (field: string, op: string, ...values: unknown[]) => ({ kind: 'cond', field, op, values });
const n = (value: number) => ({ kind: 'number', value });
const s = (value: string) => ({ kind: 'string', value });
const d = (value: string) => ({ kind: 'date', value });
const r = (amount: number, unit: string) => ({ kind: 'relative', amount, unit });
const and = (left: unknown, right: unknown) => ({ kind: 'and', left, right });
const or = (left: unknown, right: unknown) => ({ kind: 'or', left, right });
const not = (expr: unknown) => ({ kind: 'not', expr });

const tree = (text: string): Expr => {
  const { ast, errors } = parse(text);
  expect(errors).toEqual([]);
  return stripSpans(ast!);
};

describe('parser: valid queries', () => {
  it.each([
    ['amount_spent >= 500', c('amount_spent', '>=', n(500))],
    [
      "amount_spent >= 500 AND last_order_date < -60d AND customer_tags CONTAINS 'vip'",
      and(and(c('amount_spent', '>=', n(500)), c('last_order_date', '<', r(-60, 'd'))), c('customer_tags', 'contains', s('vip'))),
    ],
    ['a = 1 OR b = 2 AND c = 3', or(c('a', '=', n(1)), and(c('b', '=', n(2)), c('c', '=', n(3))))],
    ['a = 1 AND b = 2 OR c = 3', or(and(c('a', '=', n(1)), c('b', '=', n(2))), c('c', '=', n(3)))],
    ['(a = 1 OR b = 2) AND c = 3', and(or(c('a', '=', n(1)), c('b', '=', n(2))), c('c', '=', n(3)))],
    ['a = 1 AND (b = 2 AND c = 3)', and(c('a', '=', n(1)), and(c('b', '=', n(2)), c('c', '=', n(3))))],
    ['NOT a = 1 AND b = 2', and(not(c('a', '=', n(1))), c('b', '=', n(2)))],
    ['not not (a = 1)', not(not(c('a', '=', n(1))))],
    ['((a IS NULL))', c('a', 'is_null')],
    ['Amount_Spent between 1 and 2.5', c('amount_spent', 'between', n(1), n(2.5))],
    ['last_order_date BETWEEN 2026-01-01 AND today', c('last_order_date', 'between', d('2026-01-01'), r(0, 'd'))],
    ['first_order_date >= yesterday', c('first_order_date', '>=', r(-1, 'd'))],
    ["rfm_group in ('champions','loyal')", c('rfm_group', 'in', s('champions'), s('loyal'))],
    ["lifecycle NOT IN ( 'churned' )", c('lifecycle', 'not_in', s('churned'))],
    ["customer_tags not contains \"老客户\"", c('customer_tags', 'not_contains', s('老客户'))],
    ["nick STARTS WITH '张'", c('nick', 'starts_with', s('张'))],
    ['email is not null', c('email', 'is_not_null')],
    ['a <> -3', c('a', '!=', n(-3))],
    ["field.size = 'L'", c('field.size', '=', s('L'))],
    ["FIELD.Size = 'L'", c('field.Size', '=', s('L'))],
    ["field.\"会员 等级\" = '金'", c('field.会员 等级', '=', s('金'))],
    ["field.会员等级 = '金'", c('field.会员等级', '=', s('金'))],
    ['unknown_field ~ 1'.replace(' ~', ' ='), c('unknown_field', '=', n(1))],
  ])('%s', (text, expected) => {
    expect(tree(text)).toEqual(expected);
  });

  it('records spans for the condition, its field, operator and values', () => {
    const { ast } = parse("x = 1 AND customer_tags NOT CONTAINS 'vip'");
    expect(ast).toMatchObject({
      kind: 'and',
      span: { start: 0, end: 42 },
      right: { span: { start: 10, end: 42 }, fieldSpan: { start: 10, end: 23 }, opSpan: { start: 24, end: 36 }, values: [{ span: { start: 37, end: 42 } }] },
    });
    const isNull = parse('email IS NOT NULL').ast;
    expect(isNull).toMatchObject({ opSpan: { start: 6, end: 17 } });
    const custom = parse("field.\"a b\" = 'x'").ast;
    expect(custom).toMatchObject({ field: 'field.a b', fieldSpan: { start: 0, end: 11 } });
  });

  it('a long chain of ANDs does not nest the stack', () => {
    const text = Array.from({ length: 800 }, (_, i) => `a = ${i}`).join(' AND ');
    expect(parse(text).errors).toEqual([]);
  });
});

describe('parser: errors with exact offsets', () => {
  it.each([
    ['', 'segment.error.empty', 0, 0, undefined],
    ['   ', 'segment.error.empty', 0, 3, undefined],
    ['= 1', 'segment.error.expectedField', 0, 1, undefined],
    ['AND a = 1', 'segment.error.expectedField', 0, 3, undefined],
    ['a = 1 AND', 'segment.error.expectedField', 9, 9, undefined],
    ['amount_spent', 'segment.error.expectedOperator', 12, 12, undefined],
    ["customer_tags CONTIANS 'vip'", 'segment.error.expectedOperator', 14, 22, 'CONTAINS'],
    ["nick startswith 'a'", 'segment.error.expectedOperator', 5, 15, 'STARTS WITH'],
    ["nick STARTS 'a'", 'segment.error.expectedWith', 12, 15, undefined],
    ["nick STARTS WTIH 'a'", 'segment.error.expectedWith', 12, 16, 'WITH'],
    ["lifecycle NOT 'new'", 'segment.error.expectedInOrContains', 14, 19, undefined],
    ["lifecycle NOT IM ('new')", 'segment.error.expectedInOrContains', 14, 16, 'IN'],
    ['email IS NOTNULL', 'segment.error.expectedNull', 9, 16, undefined],
    ['email IS NUL', 'segment.error.expectedNull', 9, 12, 'NULL'],
    ['a BETWEEN 1 OR 2', 'segment.error.expectedBetweenAnd', 12, 14, undefined],
    ["lifecycle IN 'new'", 'segment.error.expectedOpenParen', 13, 18, undefined],
    ["lifecycle IN ('new' 'active')", 'segment.error.expectedCommaOrParen', 20, 28, undefined],
    ["lifecycle IN ('new',)", 'segment.error.expectedValue', 20, 21, undefined],
    ['a =', 'segment.error.expectedValue', 3, 3, undefined],
    ['a = AND', 'segment.error.expectedValue', 4, 7, undefined],
    ['email = champions', 'segment.error.quoteText', 8, 17, "'champions'"],
    ['(a = 1', 'segment.error.expectedCloseParen', 6, 6, undefined],
    ['(a = 1 b', 'segment.error.expectedCloseParen', 7, 8, undefined],
    ['a = 1)', 'segment.error.unmatchedParen', 5, 6, undefined],
    ['a = 1 b = 2', 'segment.error.expectedAndOr', 6, 7, undefined],
    ['a = 1 ANDD b = 2', 'segment.error.expectedAndOr', 6, 10, 'AND'],
    ['field. = 1', 'segment.error.customFieldName', 0, 6, undefined],
    ["field. 'x' = 1", 'segment.error.customFieldName', 0, 6, undefined],
    ["a = 'x", 'segment.error.unterminatedString', 4, 6, undefined],
  ])('%j → %s [%i, %i) %s', (text, message, start, end, suggestion) => {
    const { ast, errors } = parse(text);
    expect(ast).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ message, start, end });
    expect(errors[0]!.suggestion).toBe(suggestion);
  });

  it('refuses nesting deeper than the limit instead of overflowing', () => {
    const ok = '('.repeat(MAX_DEPTH) + 'a = 1' + ')'.repeat(MAX_DEPTH);
    expect(parse(ok).errors).toEqual([]);
    const deep = '('.repeat(MAX_DEPTH + 1) + 'a = 1' + ')'.repeat(MAX_DEPTH + 1);
    expect(parse(deep).errors[0]).toMatchObject({ message: 'segment.error.tooDeep', start: MAX_DEPTH, end: MAX_DEPTH + 1 });
    expect(parse('NOT '.repeat(2000) + 'a = 1').errors[0]?.message).toBe('segment.error.tooDeep');
    expect(parse('('.repeat(5000)).errors[0]?.message).toBe('segment.error.tooDeep');
  });
});

describe('enum values as bare words', () => {
  it('reads rfm_group = champions and lifecycle IN (new, at_risk) as the quoted names, and prints them quoted', () => {
    const bare = parse('rfm_group = champions AND lifecycle IN (new, at_risk)');
    const quoted = parse("rfm_group = 'champions' AND lifecycle IN ('new', 'at_risk')");
    expect(bare.errors).toEqual([]);
    expect(stripSpans(bare.ast!)).toEqual(stripSpans(quoted.ast!));
    expect(print(bare.ast!)).toBe("rfm_group = 'champions' AND lifecycle IN ('new', 'at_risk')");
  });

  it('still asks for quotes around text of other fields, where a bare word is more likely a typo', () => {
    expect(parse('customer_tags CONTAINS vip').errors[0]).toMatchObject({ message: 'segment.error.quoteText' });
  });
});
