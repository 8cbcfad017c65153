// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { check } from '@/lib/segments/check';
import { analyze } from '@/lib/segments';
import type { Expr } from '@/lib/segments/ast';

const errorsOf = (text: string, options = {}) => {
  const { ast, errors } = analyze(text, options);
  if (ast) return [];
  return errors.map((e) => ({ message: e.message, at: text.slice(e.start, e.end), suggestion: e.suggestion }));
};

describe('checker: valid queries pass', () => {
  it.each([
    "amount_spent >= 500 AND last_order_date < -60d AND customer_tags CONTAINS 'vip'",
    'number_of_orders BETWEEN 2 AND 5 OR avg_order_value > 99.9',
    'first_order_date BETWEEN 2026-01-01 AND -2w',
    "rfm_group IN ('champions', 'loyal') AND lifecycle != 'churned'",
    'rfm_r >= 4 AND rfm_f = 5 AND rfm_m <= 1',
    "email CONTAINS '@qq.com' OR phone STARTS WITH '138' OR nick = '张三'",
    "field.size = 'L' AND field.\"会员 等级\" IS NOT NULL",
    'customer_tags IS NULL OR lifecycle IS NOT NULL',
  ])('%s', (text) => {
    expect(errorsOf(text)).toEqual([]);
  });
});

describe('checker: errors point at the part at fault', () => {
  it.each([
    ['amout_spent > 5', [{ message: 'segment.error.unknownField', at: 'amout_spent', suggestion: 'amount_spent' }]],
    ['LAST_ORDER_DAT < -1d', [{ message: 'segment.error.unknownField', at: 'LAST_ORDER_DAT', suggestion: 'last_order_date' }]],
    ['xyz = 1', [{ message: 'segment.error.unknownField', at: 'xyz', suggestion: undefined }]],
    ["customer_tags = 'vip'", [{ message: 'segment.error.operatorNotForField', at: '=', suggestion: 'CONTAINS' }]],
    ["customer_tags != 'vip'", [{ message: 'segment.error.operatorNotForField', at: '!=', suggestion: 'NOT CONTAINS' }]],
    ["rfm_group CONTAINS 'loyal'", [{ message: 'segment.error.operatorNotForField', at: 'CONTAINS', suggestion: '=' }]],
    ["lifecycle STARTS WITH 'a'", [{ message: 'segment.error.operatorNotForField', at: 'STARTS WITH', suggestion: undefined }]],
    ['amount_spent CONTAINS 5', [{ message: 'segment.error.operatorNotForField', at: 'CONTAINS', suggestion: undefined }]],
    ["email NOT CONTAINS 'x'", [{ message: 'segment.error.operatorNotForField', at: 'NOT CONTAINS', suggestion: '!=' }]],
    ["nick > 'a'", [{ message: 'segment.error.operatorNotForField', at: '>', suggestion: undefined }]],
    ["amount_spent > '500'", [{ message: 'segment.error.expectedNumber', at: "'500'", suggestion: '500' }]],
    ['number_of_orders = -30d', [{ message: 'segment.error.expectedNumber', at: '-30d', suggestion: undefined }]],
    ['last_order_date < 30', [{ message: 'segment.error.expectedDate', at: '30', suggestion: undefined }]],
    ["last_order_date < '2026-01-31'", [{ message: 'segment.error.expectedDate', at: "'2026-01-31'", suggestion: '2026-01-31' }]],
    ['customer_tags CONTAINS 5', [{ message: 'segment.error.expectedText', at: '5', suggestion: undefined }]],
    ['email = 5', [{ message: 'segment.error.expectedText', at: '5', suggestion: undefined }]],
    ['lifecycle = 1', [{ message: 'segment.error.expectedName', at: '1', suggestion: undefined }]],
    ["rfm_group = 'champion'", [{ message: 'segment.error.unknownValue', at: "'champion'", suggestion: "'champions'" }]],
    ["lifecycle IN ('new', 'Active', 'gone')", [
      { message: 'segment.error.unknownValue', at: "'Active'", suggestion: "'active'" },
      { message: 'segment.error.unknownValue', at: "'gone'", suggestion: undefined },
    ]],
    ['rfm_r = 6', [{ message: 'segment.error.scoreRange', at: '6', suggestion: undefined }]],
    ['rfm_m BETWEEN 0 AND 3', [{ message: 'segment.error.scoreRange', at: '0', suggestion: undefined }]],
    // every error is reported, in text order
    ["amout_spent > 1 OR (customer_tags = 'x' AND rfm_group = 'nope')", [
      { message: 'segment.error.unknownField', at: 'amout_spent', suggestion: 'amount_spent' },
      { message: 'segment.error.operatorNotForField', at: '=', suggestion: 'CONTAINS' },
      { message: 'segment.error.unknownValue', at: "'nope'", suggestion: undefined },
    ]],
  ])('%s', (text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });

  it('checks custom field names when the shop gives its list', () => {
    expect(errorsOf("field.szie = 'L'", { customFields: ['size', '会员等级'] })).toEqual([{ message: 'segment.error.unknownCustomField', at: 'field.szie', suggestion: 'field.size' }]);
    expect(errorsOf("field.size = 'L'", { customFields: ['size'] })).toEqual([]);
    expect(errorsOf("field.anything = 'L'")).toEqual([]);
  });

  it('params carry what the messages need', () => {
    const { errors } = analyze("customer_tags = 'vip'");
    expect(errors[0]!.params).toEqual({ op: '=', field: 'customer_tags', ops: 'CONTAINS, NOT CONTAINS, IS NULL, IS NOT NULL' });
  });

  it('checks trees built in code, which have no offsets', () => {
    const bad: Expr = { kind: 'cond', field: 'last_order_date', op: 'between', values: [{ kind: 'date', value: '2026-02-30' }, { kind: 'relative', amount: 1.5, unit: 'd' }] };
    expect(check(bad).map((e) => [e.message, e.start, e.end])).toEqual([
      ['segment.error.badDate', 0, 0],
      ['segment.error.expectedDate', 0, 0],
    ]);
    expect(check({ kind: 'cond', field: 'email', op: 'between', values: [] }).map((e) => e.message)).toEqual(['segment.error.operatorNotForField']);
    expect(check({ kind: 'cond', field: 'amount_spent', op: 'between', values: [{ kind: 'number', value: 1 }] }).map((e) => e.message)).toEqual(['segment.error.valueCount']);
    expect(check({ kind: 'cond', field: 'lifecycle', op: 'in', values: [] }).map((e) => e.message)).toEqual(['segment.error.valueCount']);
    expect(check({ kind: 'cond', field: 'amount_spent', op: '>', values: [{ kind: 'number', value: Infinity }] }).map((e) => e.message)).toEqual(['segment.error.expectedNumber']);
  });
});
