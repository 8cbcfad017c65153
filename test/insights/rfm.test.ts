import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildScoreTables, recencyDays, rfmScores, ScoreTable } from '@/lib/insights/rfm';
import { DAY_MS } from '@/lib/insights/types';

const NOW = Date.UTC(2026, 5, 1, 12);

describe('recencyDays', () => {
  it('counts whole days, flooring', () => {
    expect(recencyDays(NOW, NOW)).toBe(0);
    expect(recencyDays(NOW - DAY_MS + 1, NOW)).toBe(0);
    expect(recencyDays(NOW - DAY_MS, NOW)).toBe(1);
    expect(recencyDays(NOW - 94.9 * DAY_MS, NOW)).toBe(94);
  });
  it('is never negative: a future date is 0', () => {
    expect(recencyDays(NOW + 5 * DAY_MS, NOW)).toBe(0);
  });
  it('is Infinity without a date', () => {
    expect(recencyDays(undefined, NOW)).toBe(Infinity);
    expect(recencyDays(NaN, NOW)).toBe(Infinity);
  });
});

const scores = (t: ScoreTable, values: number[]) => values.map((v) => t.score(v));

describe('ScoreTable', () => {
  it('n = 1: everything scores 1', () => {
    expect(ScoreTable.from([7], 'higher').score(7)).toBe(1);
    expect(ScoreTable.from([7], 'lower').score(7)).toBe(1);
  });

  it('n = 2: 1 and 3', () => {
    const t = ScoreTable.from([1, 2], 'higher');
    expect(scores(t, [1, 2])).toEqual([1, 3]);
  });

  it('n = 3: 1, 2 and 4', () => {
    const t = ScoreTable.from([30, 10, 20], 'higher');
    expect(scores(t, [10, 20, 30])).toEqual([1, 2, 4]);
  });

  it('n = 5 distinct: 1..5; n = 10 distinct: pairs share quintiles', () => {
    expect(scores(ScoreTable.from([1, 2, 3, 4, 5], 'higher'), [1, 2, 3, 4, 5])).toEqual([1, 2, 3, 4, 5]);
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // worse = 0..9 → 1 + floor(5·w/10) = 1,1,2,2,3,3,4,4,5,5
    expect(scores(ScoreTable.from(ten, 'higher'), ten)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('ties share a score', () => {
    // values 1,1,2,2,2,3: worse for 1 = 0, for 2 = 2, for 3 = 5 → 1, 1+floor(10/6)=2, 1+floor(25/6)=5
    const t = ScoreTable.from([2, 1, 3, 2, 1, 2], 'higher');
    expect(scores(t, [1, 2, 3])).toEqual([1, 2, 5]);
  });

  it('a crowd of one-time buyers does not look frequent', () => {
    const f = [...Array<number>(90).fill(1), ...Array<number>(10).fill(5)];
    const t = ScoreTable.from(f, 'higher');
    expect(t.score(1)).toBe(1);
    expect(t.score(5)).toBe(1 + Math.floor((5 * 90) / 100)); // 5
    expect(t.size).toBe(100);
  });

  it('recency: lower is better, strictly larger values are worse', () => {
    // days 3, 10, 10, 40, 200 → worse for 3 = 4, 10 = 2, 40 = 1, 200 = 0
    const t = ScoreTable.from([10, 200, 3, 40, 10], 'lower');
    expect(scores(t, [3, 10, 40, 200])).toEqual([1 + 4, 1 + 2, 1 + 1, 1]);
  });

  it('Infinity recency (no dated order) is the worst and scores 1; it makes the others better', () => {
    const t = ScoreTable.from([Infinity, 5, Infinity, 50], 'lower');
    // worse for 5 = 3 → 1 + floor(15/4) = 4; for 50 = 2 → 1 + floor(10/4) = 3; for ∞ = 0 → 1
    expect(scores(t, [5, 50, Infinity])).toEqual([4, 3, 1]);
  });

  it('an empty table scores 1; NaN scores 1 and is never stored', () => {
    expect(ScoreTable.from([], 'higher').score(10)).toBe(1);
    const t = ScoreTable.from([1, NaN, 2], 'higher');
    expect(t.size).toBe(2);
    expect(t.score(NaN)).toBe(1);
    t.insert(NaN);
    expect(t.size).toBe(2);
    expect(t.remove(NaN)).toBe(false);
  });

  it('a value beyond the table is capped at 5', () => {
    expect(ScoreTable.from([1, 2], 'higher').score(100)).toBe(5);
    expect(ScoreTable.from([1, 2], 'lower').score(0)).toBe(5);
  });

  it('insert and remove update the scores', () => {
    const t = ScoreTable.from([1], 'higher');
    t.insert(2);
    expect(scores(t, [1, 2])).toEqual([1, 3]);
    t.insert(3);
    expect(scores(t, [1, 2, 3])).toEqual([1, 2, 4]);
    expect(t.remove(2)).toBe(true);
    expect(t.remove(2)).toBe(false);
    expect(t.size).toBe(2);
    expect(scores(t, [1, 3])).toEqual([1, 3]);
  });

  it('grows past its first capacity', () => {
    const t = ScoreTable.from([], 'higher');
    for (let i = 100; i > 0; i--) t.insert(i);
    expect(t.size).toBe(100);
    expect(t.toJSON().values).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('round-trips through toJSON / fromJSON, also through JSON text (Infinity → null → Infinity)', () => {
    const t = ScoreTable.from([3, Infinity, 1], 'lower');
    expect(t.toJSON()).toEqual({ better: 'lower', values: [1, 3, Infinity] });
    const back = ScoreTable.fromJSON(JSON.parse(JSON.stringify(t)));
    expect(back.toJSON()).toEqual({ better: 'lower', values: [1, 3, Infinity] });
    expect(back.better).toBe('lower');
    expect(ScoreTable.fromJSON({ better: 'higher', values: [5, 1, 3] }).toJSON().values).toEqual([1, 3, 5]);
  });

  it('fromJSON rejects bad data', () => {
    expect(() => ScoreTable.fromJSON({ better: 'up', values: [] })).toThrow();
    expect(() => ScoreTable.fromJSON({ better: 'higher', values: ['1'] })).toThrow();
    expect(() => ScoreTable.fromJSON(null)).toThrow();
  });
});

describe('rfmScores', () => {
  it('scores each measure against its own table', () => {
    const tables = buildScoreTables([
      { recencyDays: 5, frequency: 6, monetary: 234_000 },
      { recencyDays: 94, frequency: 1, monetary: 5_000 },
      { recencyDays: Infinity, frequency: 2, monetary: 10_000 },
    ]);
    expect(tables.r.better).toBe('lower');
    expect(tables.f.better).toBe('higher');
    expect(rfmScores({ recencyDays: 5, frequency: 6, monetary: 234_000 }, tables)).toEqual({ r: 4, f: 4, m: 4 });
    expect(rfmScores({ recencyDays: 94, frequency: 1, monetary: 5_000 }, tables)).toEqual({ r: 2, f: 1, m: 1 });
    expect(rfmScores({ recencyDays: Infinity, frequency: 2, monetary: 10_000 }, tables)).toEqual({ r: 1, f: 2, m: 2 });
  });
});

describe('ScoreTable properties', () => {
  const value = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(Infinity));
  const better = fc.constantFrom('higher' as const, 'lower' as const);

  it('every score is a whole number in 1..5', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 60 }), better, fc.oneof(value, fc.double()), (values, b, probe) => {
        const s = ScoreTable.from(values, b).score(probe);
        return Number.isInteger(s) && s >= 1 && s <= 5;
      }),
    );
  });

  it('equal values share a score, and a better value never scores lower', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 60 }), better, (values, b) => {
        const t = ScoreTable.from(values, b);
        const sorted = [...values].sort((x, y) => x - y);
        for (let i = 1; i < sorted.length; i++) {
          const lo = t.score(sorted[i - 1]!);
          const hi = t.score(sorted[i]!);
          if (sorted[i] === sorted[i - 1] && lo !== hi) return false;
          if (b === 'higher' ? hi < lo : hi > lo) return false;
        }
        return true;
      }),
    );
  });

  it('matches the definition 1 + floor(5·worse/n) by brute force', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 40 }), better, (values, b) => {
        const t = ScoreTable.from(values, b);
        return values.every((v) => {
          const worse = values.filter((w) => (b === 'higher' ? w < v : w > v)).length;
          return t.score(v) === 1 + Math.floor((5 * worse) / values.length);
        });
      }),
    );
  });

  it('insert / remove give the same table as rebuilding from scratch', () => {
    const op = fc.oneof(fc.record({ add: fc.constant(true), v: value }), fc.record({ add: fc.constant(false), v: value }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 30 }), fc.array(op, { maxLength: 60 }), better, (start, ops, b) => {
        const t = ScoreTable.from(start, b);
        const model = [...start];
        for (const { add, v } of ops) {
          if (add) {
            t.insert(v);
            model.push(v);
          } else {
            const i = model.indexOf(v);
            expect(t.remove(v)).toBe(i >= 0);
            if (i >= 0) model.splice(i, 1);
          }
        }
        const fresh = ScoreTable.from(model, b);
        expect(t.toJSON()).toEqual(fresh.toJSON());
        for (let p = -1; p <= 51; p++) expect(t.score(p)).toBe(fresh.score(p));
        expect(t.score(Infinity)).toBe(fresh.score(Infinity));
      }),
    );
  });
});
