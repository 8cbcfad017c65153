import type { InsightFacts } from '../insights/actions';
import { currencyDigits } from '../insights/money';
import { CUSTOM_PREFIX, type Condition, type Expr, type Op, type Value } from './ast';
import { check } from './check';
import { DAY_MS, addMonths, dayOfDate } from './dates';

/**
 * Evaluation: a checked tree is compiled once into a predicate over one customer's facts.
 *
 * - Money is typed in major units (500 = ¥500) and compared in minor units, exactly, in the
 *   customer's own currency (its decimal places).
 * - Dates compare as calendar days: `last_order_date < -60d` holds when the last order's day is
 *   before the day 60 days before today, i.e. more than 60 days ago. Days are taken at a fixed
 *   UTC offset (`utcOffsetMinutes`, 0 unless given; +480 for China); relative dates resolve
 *   against `now` at each evaluation (`-6m`: the same day 6 calendar months back, clamped).
 * - NULL: a test on a fact the customer does not have (no dated order, no RFM scores, no email)
 *   is false whatever the operator, `!=` included; `IS NULL` is true for it; NOT negates
 *   (two-valued: NOT (last_order_date > -30d) includes customers with no orders). A customer with
 *   no tags has an empty list: CONTAINS false, NOT CONTAINS true, IS NULL true. Text that is
 *   empty or only spaces is NULL.
 * - Text and tags compare case-insensitively, ignoring surrounding spaces. Enum names exactly.
 * - BETWEEN is inclusive at both ends and takes its bounds in either order.
 */

export type SegmentFacts = InsightFacts & { email?: string; phone?: string; nick?: string; fields?: Record<string, string> };
export type SegmentPredicate = (facts: SegmentFacts, now: number) => boolean;

export interface CompileOptions {
  /** Minutes east of UTC that calendar days are counted in (China: 480). Default 0. */
  utcOffsetMinutes?: number;
}

export class SegmentCompileError extends Error {
  constructor(readonly errors: ReturnType<typeof check>) {
    super(`segment does not check: ${errors.map((e) => e.message).join(', ')}`);
  }
}

/** Compile a tree (which must pass `check`; else SegmentCompileError). */
export function compile(expr: Expr, options: CompileOptions = {}): SegmentPredicate {
  const errors = check(expr);
  if (errors.length) throw new SegmentCompileError(errors);
  const offsetMs = (options.utcOffsetMinutes ?? 0) * 60_000;
  return build(expr, offsetMs);
}

/** One-off evaluation (compiles each time: compile once for many customers). */
export function evaluate(expr: Expr, facts: SegmentFacts, now: number, options?: CompileOptions): boolean {
  return compile(expr, options)(facts, now);
}

function build(e: Expr, offsetMs: number): SegmentPredicate {
  switch (e.kind) {
    case 'and': {
      const a = build(e.left, offsetMs);
      const b = build(e.right, offsetMs);
      return (f, now) => a(f, now) && b(f, now);
    }
    case 'or': {
      const a = build(e.left, offsetMs);
      const b = build(e.right, offsetMs);
      return (f, now) => a(f, now) || b(f, now);
    }
    case 'not': {
      const a = build(e.expr, offsetMs);
      return (f, now) => !a(f, now);
    }
    case 'cond':
      return condition(e, offsetMs);
  }
}

const finite = (n: unknown): number | undefined => (typeof n === 'number' && Number.isFinite(n) ? n : undefined);
const norm = (s: string) => s.trim().toLowerCase();
const text = (s: unknown): string | undefined => {
  if (typeof s !== 'string') return undefined;
  const t = norm(s);
  return t === '' ? undefined : t;
};

/** x op a (b: BETWEEN's other bound). */
function compare(op: Op, x: number, a: number, b: number): boolean {
  switch (op) {
    case '=':
      return x === a;
    case '!=':
      return x !== a;
    case '>':
      return x > a;
    case '>=':
      return x >= a;
    case '<':
      return x < a;
    case '<=':
      return x <= a;
    case 'between':
      return a <= b ? x >= a && x <= b : x >= b && x <= a;
    default:
      return false;
  }
}

const num = (v: Value | undefined): number => (v?.kind === 'number' ? v.value : NaN);
const str = (v: Value | undefined): string => (v?.kind === 'string' ? v.value : '');

function nullTest<T>(op: Op, get: (f: SegmentFacts) => T | undefined): SegmentPredicate | undefined {
  if (op === 'is_null') return (f) => get(f) === undefined;
  if (op === 'is_not_null') return (f) => get(f) !== undefined;
  return undefined;
}

function numberCondition(op: Op, values: Value[], get: (f: SegmentFacts) => number | undefined): SegmentPredicate {
  const a = num(values[0]);
  const b = num(values[1]);
  return (f) => {
    const x = get(f);
    return x !== undefined && compare(op, x, a, b);
  };
}

function moneyCondition(op: Op, values: Value[], get: (f: SegmentFacts) => number | undefined): SegmentPredicate {
  const majorA = num(values[0]);
  const majorB = num(values[1]);
  // The bounds in minor units of the last currency seen (customers mostly share one).
  let currency: string | undefined | null = null;
  let a = 0;
  let b = 0;
  return (f) => {
    const x = get(f);
    if (x === undefined) return false;
    if (f.currency !== currency) {
      currency = f.currency;
      const scale = 10 ** currencyDigits(currency);
      a = Math.round(majorA * scale);
      b = Math.round(majorB * scale);
    }
    return compare(op, x, a, b);
  };
}

function dateCondition(op: Op, values: Value[], offsetMs: number, get: (f: SegmentFacts) => number | undefined): SegmentPredicate {
  const day = (t: number | undefined) => (t === undefined ? undefined : Math.floor((t + offsetMs) / DAY_MS));
  const resolve = (v: Value | undefined, today: number): number => {
    if (!v) return NaN;
    if (v.kind === 'date') return dayOfDate(v.value) ?? NaN;
    if (v.kind !== 'relative') return NaN;
    switch (v.unit) {
      case 'd':
        return today + v.amount;
      case 'w':
        return today + 7 * v.amount;
      case 'm':
        return addMonths(today, v.amount);
      case 'y':
        return addMonths(today, 12 * v.amount);
    }
  };
  const [v0, v1] = values;
  const fixed = values.every((v) => v.kind === 'date');
  let lastNow = NaN;
  let a = resolve(v0, 0);
  let b = resolve(v1, 0);
  return (f, now) => {
    const x = day(get(f));
    if (x === undefined) return false;
    if (!fixed && now !== lastNow) {
      lastNow = now;
      const today = Math.floor((now + offsetMs) / DAY_MS);
      a = resolve(v0, today);
      b = resolve(v1, today);
    }
    return compare(op, x, a, b);
  };
}

function enumCondition(op: Op, values: Value[], get: (f: SegmentFacts) => string | undefined): SegmentPredicate {
  const names = new Set(values.map(str));
  const want = str(values[0]);
  switch (op) {
    case '=':
      return (f) => get(f) === want;
    case '!=':
      return (f) => {
        const x = get(f);
        return x !== undefined && x !== want;
      };
    case 'in':
      return (f) => {
        const x = get(f);
        return x !== undefined && names.has(x);
      };
    case 'not_in':
      return (f) => {
        const x = get(f);
        return x !== undefined && !names.has(x);
      };
    default:
      return () => false;
  }
}

function textCondition(op: Op, values: Value[], get: (f: SegmentFacts) => string | undefined): SegmentPredicate {
  const want = norm(str(values[0]));
  const test = (x: string): boolean => {
    switch (op) {
      case '=':
        return x === want;
      case '!=':
        return x !== want;
      case 'contains':
        return x.includes(want);
      case 'starts_with':
        return x.startsWith(want);
      default:
        return false;
    }
  };
  return (f) => {
    const x = get(f);
    return x !== undefined && test(x);
  };
}

function hasTag(tags: unknown, want: string): boolean {
  if (!Array.isArray(tags)) return false;
  for (const t of tags) if (typeof t === 'string' && norm(t) === want) return true;
  return false;
}

function listCondition(op: Op, values: Value[]): SegmentPredicate {
  const want = norm(str(values[0]));
  switch (op) {
    case 'contains':
      return (f) => hasTag(f.tags, want);
    case 'not_contains':
      return (f) => !hasTag(f.tags, want);
    case 'is_null':
      return (f) => !Array.isArray(f.tags) || !f.tags.some((t) => text(t) !== undefined);
    case 'is_not_null':
      return (f) => Array.isArray(f.tags) && f.tags.some((t) => text(t) !== undefined);
    default:
      return () => false;
  }
}

function condition(c: Condition, offsetMs: number): SegmentPredicate {
  const { op, values } = c;
  switch (c.field) {
    case 'amount_spent': {
      const get = (f: SegmentFacts) => finite(f.totalMinor) ?? 0;
      return nullTest(op, get) ?? moneyCondition(op, values, get);
    }
    case 'avg_order_value': {
      const get = (f: SegmentFacts) => finite(f.avgOrderMinor);
      return nullTest(op, get) ?? moneyCondition(op, values, get);
    }
    case 'number_of_orders': {
      const get = (f: SegmentFacts) => finite(f.orderCount) ?? 0;
      return nullTest(op, get) ?? numberCondition(op, values, get);
    }
    case 'rfm_r':
    case 'rfm_f':
    case 'rfm_m': {
      const key = c.field === 'rfm_r' ? 'r' : c.field === 'rfm_f' ? 'f' : 'm';
      const get = (f: SegmentFacts) => finite(f.rfm?.[key]);
      return nullTest(op, get) ?? numberCondition(op, values, get);
    }
    case 'first_order_date':
    case 'last_order_date': {
      const get = c.field === 'first_order_date' ? (f: SegmentFacts) => finite(f.firstAt) : (f: SegmentFacts) => finite(f.lastAt);
      return nullTest(op, get) ?? dateCondition(op, values, offsetMs, get);
    }
    case 'rfm_group':
    case 'lifecycle': {
      const get = c.field === 'rfm_group' ? (f: SegmentFacts) => text(f.group) && f.group : (f: SegmentFacts) => text(f.stage) && f.stage;
      return nullTest(op, get) ?? enumCondition(op, values, get);
    }
    case 'customer_tags':
      return listCondition(op, values);
    case 'email':
    case 'phone':
    case 'nick': {
      const key = c.field;
      const get = (f: SegmentFacts) => text(f[key]);
      return nullTest(op, get) ?? textCondition(op, values, get);
    }
    default: {
      const name = c.field.slice(CUSTOM_PREFIX.length);
      const get = (f: SegmentFacts) => (f.fields && Object.hasOwn(f.fields, name) ? text(f.fields[name]) : undefined);
      return nullTest(op, get) ?? textCondition(op, values, get);
    }
  }
}
