import { LIFECYCLE_STAGES, RFM_GROUPS } from '../model/insight-names';

/**
 * The segment query language: its syntax tree, fields and operators.
 *
 *   amount_spent >= 500 AND last_order_date < -60d AND customer_tags CONTAINS 'vip'
 *
 * Nodes carry optional character offsets (`span`, `fieldSpan`, `opSpan`, a value's `span`) into
 * the text they were parsed from, so errors can point at the character. Trees built in code (the
 * UI, tests) may leave them out; `stripSpans` removes them to compare trees.
 */

/** [start, end) character offsets (UTF-16 code units) into the query text. */
export interface Span {
  start: number;
  end: number;
}

export const RELATIVE_UNITS = ['d', 'w', 'm', 'y'] as const;
export type RelativeUnit = (typeof RELATIVE_UNITS)[number];

export type Value =
  | { kind: 'string'; value: string; span?: Span }
  | { kind: 'number'; value: number; span?: Span }
  /** A calendar day, 'YYYY-MM-DD' (always a real date). */
  | { kind: 'date'; value: string; span?: Span }
  /** A day relative to today: `-30d` = { amount: -30, unit: 'd' }; `today` = { amount: 0, unit: 'd' }. */
  | { kind: 'relative'; amount: number; unit: RelativeUnit; span?: Span };

export const COMPARE_OPS = ['=', '!=', '>', '>=', '<', '<='] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

/**
 * Every operator and how many values it takes:
 * compare ops 1, between 2 (inclusive, either order), in / not_in 1 or more,
 * contains / not_contains / starts_with 1, is_null / is_not_null 0.
 */
export const OPS = [...COMPARE_OPS, 'between', 'in', 'not_in', 'contains', 'not_contains', 'starts_with', 'is_null', 'is_not_null'] as const;
export type Op = (typeof OPS)[number];

/** One test of one field. `field` is a built-in name or `field.<name>` for a custom field. */
export interface Condition {
  kind: 'cond';
  field: string;
  op: Op;
  values: Value[];
  span?: Span;
  fieldSpan?: Span;
  opSpan?: Span;
}

export type Expr =
  | Condition
  | { kind: 'and'; left: Expr; right: Expr; span?: Span }
  | { kind: 'or'; left: Expr; right: Expr; span?: Span }
  | { kind: 'not'; expr: Expr; span?: Span };

// ---------------------------------------------------------------------------------------------
// Fields

export type FieldType = 'money' | 'number' | 'score' | 'date' | 'list' | 'enum' | 'string';

export const FIELD_TYPES = {
  amount_spent: 'money',
  number_of_orders: 'number',
  avg_order_value: 'money',
  first_order_date: 'date',
  last_order_date: 'date',
  customer_tags: 'list',
  rfm_group: 'enum',
  lifecycle: 'enum',
  rfm_r: 'score',
  rfm_f: 'score',
  rfm_m: 'score',
  email: 'string',
  phone: 'string',
  nick: 'string',
} as const satisfies Record<string, FieldType>;

export type BuiltinField = keyof typeof FIELD_TYPES;
export const BUILTIN_FIELDS = Object.keys(FIELD_TYPES) as BuiltinField[];

/** The prefix of custom fields: `field.size`, `field."会员 等级"`. */
export const CUSTOM_PREFIX = 'field.';

export const ENUM_VALUES: Readonly<Record<'rfm_group' | 'lifecycle', readonly string[]>> = {
  rfm_group: RFM_GROUPS,
  lifecycle: LIFECYCLE_STAGES,
};

/** RFM scores run 1..5. */
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

export function isBuiltinField(name: string): name is BuiltinField {
  return Object.hasOwn(FIELD_TYPES, name);
}

export function isCustomField(name: string): boolean {
  return name.startsWith(CUSTOM_PREFIX) && name.length > CUSTOM_PREFIX.length;
}

/** A field's type; undefined for an unknown field. */
export function fieldType(name: string): FieldType | undefined {
  if (isBuiltinField(name)) return FIELD_TYPES[name];
  return isCustomField(name) ? 'string' : undefined;
}

const NUMERIC: readonly Op[] = ['=', '!=', '>', '>=', '<', '<=', 'between', 'is_null', 'is_not_null'];

/** The operators each type of field accepts. */
export const OPS_BY_TYPE: Readonly<Record<FieldType, readonly Op[]>> = {
  money: NUMERIC,
  number: NUMERIC,
  score: NUMERIC,
  date: NUMERIC,
  list: ['contains', 'not_contains', 'is_null', 'is_not_null'],
  enum: ['=', '!=', 'in', 'not_in', 'is_null', 'is_not_null'],
  string: ['=', '!=', 'contains', 'starts_with', 'is_null', 'is_not_null'],
};

/** How an operator is written (canonical form). */
export const OP_TEXT: Readonly<Record<Op, string>> = {
  '=': '=',
  '!=': '!=',
  '>': '>',
  '>=': '>=',
  '<': '<',
  '<=': '<=',
  between: 'BETWEEN',
  in: 'IN',
  not_in: 'NOT IN',
  contains: 'CONTAINS',
  not_contains: 'NOT CONTAINS',
  starts_with: 'STARTS WITH',
  is_null: 'IS NULL',
  is_not_null: 'IS NOT NULL',
};

/** A copy of the tree without character offsets (to compare trees). */
export function stripSpans(expr: Expr): Expr {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return { kind: expr.kind, left: stripSpans(expr.left), right: stripSpans(expr.right) };
    case 'not':
      return { kind: 'not', expr: stripSpans(expr.expr) };
    case 'cond':
      return { kind: 'cond', field: expr.field, op: expr.op, values: expr.values.map(stripValueSpan) };
  }
}

function stripValueSpan(v: Value): Value {
  switch (v.kind) {
    case 'relative':
      return { kind: 'relative', amount: v.amount, unit: v.unit };
    default:
      return { kind: v.kind, value: v.value } as Value;
  }
}

/** The error shape shared by the lexer, parser and checker: an i18n key, its params, where. */
export interface SegmentError {
  /** An i18n key, `segment.error.*`. */
  message: SegmentErrorKey;
  params: Record<string, string | number>;
  start: number;
  end: number;
  /** Text that could replace [start, end), for a misspelt field, operator or value. */
  suggestion?: string;
}

export type SegmentErrorKey = `segment.error.${string}`;

export function segmentError(message: SegmentErrorKey, span: Span, params: Record<string, string | number> = {}, suggestion?: string): SegmentError {
  const e: SegmentError = { message, params, start: span.start, end: span.end };
  if (suggestion !== undefined) e.suggestion = suggestion;
  return e;
}
