// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_FIELDS,
  ENUM_VALUES,
  OPS_BY_TYPE,
  RELATIVE_UNITS,
  analyze,
  check,
  compile,
  complete,
  fieldType,
  parse,
  print,
  stripSpans,
  type Expr,
  type Op,
  type SegmentFacts,
  type Value,
} from '@/lib/segments';
import { civilFromDays, daysFromCivil } from '@/lib/segments/dates';
import { LIFECYCLE_STAGES, RFM_GROUPS } from '@/lib/model/insight-names';
import { NOW, DAY } from './facts';

const RUNS = { numRuns: 300 };

// ---------------------------------------------------------------------------------------------
// Generators: valid trees (they pass check) over a small pool of words, so conditions often hold.

const WORDS = ['vip', 'VIP', '老客户', 'wholesale', 'a', '', '张', 'L', "it's", 'x\\y', '@qq.com'];
const CUSTOM = ['size', '会员等级', '会员 等级', 'constructor', 'a.b', '9lives'];

const text = fc.oneof(fc.constantFrom(...WORDS), fc.string({ unit: 'binary', maxLength: 8 }));
const customField = fc.oneof(fc.constantFrom(...CUSTOM), fc.string({ unit: 'binary', minLength: 1, maxLength: 6 })).map((n) => `field.${n}`);
const field = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...BUILTIN_FIELDS) as fc.Arbitrary<string> }, { weight: 1, arbitrary: customField });

const number = fc.oneof(fc.integer({ min: -5, max: 2000 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0.1, 99.9, 600, 200)).map((n) => n || 0);
const score = fc.oneof(fc.integer({ min: 1, max: 5 }), fc.double({ min: 1, max: 5, noNaN: true }));
const MIN_DAY = daysFromCivil(0, 1, 1);
const MAX_DAY = daysFromCivil(9999, 12, 31);
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const absDate = fc.oneof(fc.integer({ min: MIN_DAY, max: MAX_DAY }), fc.integer({ min: daysFromCivil(2025, 1, 1), max: daysFromCivil(2026, 12, 31) })).map((d) => {
  const { y, m, d: dd } = civilFromDays(d);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(dd, 2)}`;
});
const date: fc.Arbitrary<Value> = fc.oneof(
  absDate.map((value) => ({ kind: 'date' as const, value })),
  fc.record({ kind: fc.constant('relative' as const), amount: fc.integer({ min: -400, max: 400 }).map((n) => n || 0), unit: fc.constantFrom(...RELATIVE_UNITS) }),
);

function valueFor(f: string): fc.Arbitrary<Value> {
  switch (fieldType(f)!) {
    case 'money':
    case 'number':
      return number.map((value) => ({ kind: 'number', value }));
    case 'score':
      return score.map((value) => ({ kind: 'number', value }));
    case 'date':
      return date;
    case 'enum':
      return fc.constantFrom(...ENUM_VALUES[f as 'lifecycle' | 'rfm_group']).map((value) => ({ kind: 'string', value }));
    case 'list':
    case 'string':
      return text.map((value) => ({ kind: 'string', value }));
  }
}

const condition: fc.Arbitrary<Expr> = field.chain((f) =>
  fc.constantFrom(...OPS_BY_TYPE[fieldType(f)!]).chain((op: Op) => {
    const v = valueFor(f);
    const values: fc.Arbitrary<Value[]> =
      op === 'is_null' || op === 'is_not_null' ? fc.constant([]) : op === 'between' ? fc.tuple(v, v) : op === 'in' || op === 'not_in' ? fc.array(v, { minLength: 1, maxLength: 4 }) : v.map((x) => [x]);
    return values.map((vs) => ({ kind: 'cond' as const, field: f, op, values: vs }));
  }),
);

const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    condition,
    fc.record({ kind: fc.constant('and' as const), left: tie('expr'), right: tie('expr') }),
    fc.record({ kind: fc.constant('or' as const), left: tie('expr'), right: tie('expr') }),
    fc.record({ kind: fc.constant('not' as const), expr: tie('expr') }),
  ),
}));

const facts: fc.Arbitrary<SegmentFacts> = fc.record(
  {
    now: fc.constant(NOW),
    orderCount: fc.integer({ min: 0, max: 10 }),
    totalMinor: fc.oneof(fc.integer({ min: 0, max: 300000 }), fc.constantFrom(0, 60000, 9990)),
    currency: fc.constantFrom('CNY', 'JPY', 'USD', 'KWD'),
    avgOrderMinor: fc.integer({ min: 0, max: 100000 }),
    firstAt: fc.integer({ min: NOW - 800 * DAY, max: NOW + 5 * DAY }),
    lastAt: fc.integer({ min: NOW - 800 * DAY, max: NOW + 5 * DAY }),
    recencyDays: fc.integer({ min: 0, max: 800 }),
    rfm: fc.record({ r: fc.integer({ min: 1, max: 5 }), f: fc.integer({ min: 1, max: 5 }), m: fc.integer({ min: 1, max: 5 }) }),
    group: fc.constantFrom(...RFM_GROUPS),
    stage: fc.constantFrom(...LIFECYCLE_STAGES),
    tags: fc.array(text, { maxLength: 4 }),
    noteTags: fc.constant([]),
    email: text,
    phone: text,
    nick: text,
    fields: fc.dictionary(fc.constantFrom(...CUSTOM), text, { maxKeys: 4 }),
  },
  { requiredKeys: ['now', 'orderCount', 'totalMinor', 'recencyDays', 'group', 'stage', 'tags', 'noteTags'] },
);

const sometime = fc.integer({ min: NOW - 400 * DAY, max: NOW + 400 * DAY });

// ---------------------------------------------------------------------------------------------

describe('properties', () => {
  it('generated trees pass the checker (the generator is sound)', () => {
    fc.assert(
      fc.property(expr, (e) => {
        expect(check(e)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('print → parse gives the same tree', () => {
    fc.assert(
      fc.property(expr, (e) => {
        const text = print(e);
        const { ast, errors } = parse(text);
        expect(errors).toEqual([]);
        expect(stripSpans(ast!)).toEqual(e);
      }),
      RUNS,
    );
  });

  it('print is canonical: printing the re-parsed tree gives the same text', () => {
    fc.assert(
      fc.property(expr, (e) => {
        expect(print(parse(print(e)).ast!)).toBe(print(e));
      }),
      RUNS,
    );
  });

  it('evaluate(parse(print(t))) equals evaluate(t) on random customers and times', () => {
    fc.assert(
      fc.property(expr, fc.array(facts, { minLength: 1, maxLength: 5 }), sometime, fc.constantFrom(0, 480, -300), (e, customers, now, utcOffsetMinutes) => {
        const direct = compile(e, { utcOffsetMinutes });
        const viaText = compile(parse(print(e)).ast!, { utcOffsetMinutes });
        for (const f of customers) expect(viaText(f, now)).toBe(direct(f, now));
      }),
      RUNS,
    );
  });

  it('NOT negates, whatever the facts (two-valued logic, NULL included)', () => {
    fc.assert(
      fc.property(expr, facts, sometime, (e, f, now) => {
        expect(compile({ kind: 'not', expr: e })(f, now)).toBe(!compile(e)(f, now));
      }),
      RUNS,
    );
  });

  /** Text made of the language's own pieces, to reach deep into the parser. */
  const piece = fc.constantFrom(
    'amount_spent', 'customer_tags', 'rfm_group', 'last_order_date', 'field.', 'field.x', 'AND', 'or', 'NOT', 'BETWEEN', 'IN', 'CONTAINS', 'STARTS', 'WITH', 'IS', 'NULL',
    'today', '(', ')', ',', '=', '!=', '<>', '>=', '<', "'vip'", '"老客户"', "'", '"', '\\', '500', '-30d', '30d', '2026-01-31', '2026-02-30', '1e999', '-', '!', ' ', '\u3000', '😀', 'champions',
  );
  const soup = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.array(piece, { maxLength: 25 }).map((p) => p.join(' ')), fc.array(piece, { maxLength: 25 }).map((p) => p.join('')));

  it('parsing never throws: any text gives a tree or errors inside the text', () => {
    fc.assert(
      fc.property(soup, (s) => {
        const { ast, errors } = analyze(s);
        expect(ast === undefined).toBe(errors.length > 0);
        for (const e of errors) {
          expect(e.message).toMatch(/^segment\.error\.\w+$/);
          expect(0 <= e.start && e.start <= e.end && e.end <= s.length).toBe(true);
        }
        if (ast) expect(stripSpans(parse(print(ast)).ast!)).toEqual(stripSpans(ast));
      }),
      RUNS,
    );
  });

  it('autocomplete never throws and replaces a range around the cursor', () => {
    fc.assert(
      fc.property(soup, fc.nat(), (s, n) => {
        const cursor = n % (s.length + 1);
        const r = complete(s, cursor, { tags: ['vip'], customFields: ['size'] });
        expect(r.from <= cursor && cursor <= r.to && r.to <= s.length).toBe(true);
      }),
      RUNS,
    );
  });
});
