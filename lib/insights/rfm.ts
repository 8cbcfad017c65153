import * as z from 'zod/mini';
import { DAY_MS, type RfmScores } from './types';

/**
 * Whole days since the last order, `Math.floor((now - lastAt) / DAY_MS)`; never negative (a
 * date in the future is 0); Infinity when there is no dated order.
 */
export function recencyDays(lastAt: number | undefined, now: number): number {
  if (typeof lastAt !== 'number' || !Number.isFinite(lastAt)) return Infinity;
  const days = Math.floor((now - lastAt) / DAY_MS);
  return days > 0 ? days : 0;
}

export type Better = 'higher' | 'lower';

/** What ScoreTable.toJSON gives: plain data. JSON turns Infinity into null; fromJSON turns it back. */
export const ScoreTableJSON = z.object({
  better: z.enum(['higher', 'lower']),
  values: z.array(z.nullable(z.number())),
});
export type ScoreTableJSON = z.infer<typeof ScoreTableJSON>;

/**
 * The distribution of one measure (recency, frequency or monetary) over all customers of a shop
 * with at least one counted order, kept as a sorted Float64Array.
 *
 * score(v) = 1 + floor(5 × worse / n), where worse = how many customers are strictly worse than v
 * (better 'higher': strictly smaller values; better 'lower', i.e. recency: strictly larger ones,
 * Infinity being the worst). So equal values share a score, the worst value always scores 1, and a
 * crowd of one-time buyers scores F = 1 instead of sharing a middle quintile. Computed with two
 * binary searches: O(log n) per score.
 *
 * insert/remove keep the table current as customers change (O(n) copy, fine for a shop's size).
 * NaN is never stored (it has no place in an order); scoring NaN gives 1.
 */
export class ScoreTable {
  readonly better: Better;
  private values: Float64Array;
  private n: number;

  private constructor(better: Better, sorted: Float64Array, n: number) {
    this.better = better;
    this.values = sorted;
    this.n = n;
  }

  static from(values: Iterable<number>, better: Better): ScoreTable {
    const list: number[] = [];
    for (const v of values) if (typeof v === 'number' && !Number.isNaN(v)) list.push(v);
    const sorted = Float64Array.from(list).sort();
    return new ScoreTable(better, sorted, sorted.length);
  }

  /** Rebuild from toJSON() output (validated; values need not be sorted; null means Infinity). */
  static fromJSON(json: unknown): ScoreTable {
    const data = ScoreTableJSON.parse(json);
    return ScoreTable.from(
      data.values.map((v) => (v === null ? Infinity : v)),
      data.better,
    );
  }

  toJSON(): ScoreTableJSON {
    return { better: this.better, values: Array.from(this.values.subarray(0, this.n)) };
  }

  /** Number of customers in the table. */
  get size(): number {
    return this.n;
  }

  /** The score 1..5 of a value (5 = best). An empty table scores everything 1. */
  score(value: number): number {
    if (this.n === 0 || Number.isNaN(value)) return 1;
    const worse = this.better === 'higher' ? this.lowerBound(value) : this.n - this.upperBound(value);
    return Math.min(5, 1 + Math.floor((5 * worse) / this.n));
  }

  /** The median value (mean of the middle two for an even count); undefined when empty. O(1). */
  median(): number | undefined {
    if (this.n === 0) return undefined;
    const mid = this.n >> 1;
    return this.n % 2 === 1 ? this.values[mid]! : (this.values[mid - 1]! + this.values[mid]!) / 2;
  }

  /** Add one customer's value. */
  insert(value: number): void {
    if (Number.isNaN(value)) return;
    if (this.n === this.values.length) {
      const grown = new Float64Array(Math.max(16, this.values.length * 2));
      grown.set(this.values.subarray(0, this.n));
      this.values = grown;
    }
    const at = this.upperBound(value);
    this.values.copyWithin(at + 1, at, this.n);
    this.values[at] = value;
    this.n++;
  }

  /** Remove one customer's value; false when no customer has it. */
  remove(value: number): boolean {
    if (Number.isNaN(value)) return false;
    const at = this.lowerBound(value);
    if (at >= this.n || this.values[at] !== value) return false;
    this.values.copyWithin(at, at + 1, this.n);
    this.n--;
    return true;
  }

  /** First index whose value is >= v. */
  private lowerBound(v: number): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.values[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose value is > v. */
  private upperBound(v: number): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.values[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export interface ScoreTables {
  r: ScoreTable;
  f: ScoreTable;
  m: ScoreTable;
}

/** Build the three tables from every customer with at least one counted order. */
export function buildScoreTables(customers: Iterable<{ recencyDays: number; frequency: number; monetary: number }>): ScoreTables {
  const r: number[] = [];
  const f: number[] = [];
  const m: number[] = [];
  for (const c of customers) {
    r.push(c.recencyDays);
    f.push(c.frequency);
    m.push(c.monetary);
  }
  return { r: ScoreTable.from(r, 'lower'), f: ScoreTable.from(f, 'higher'), m: ScoreTable.from(m, 'higher') };
}

/** R, F and M scores of one customer against the shop's tables. */
export function rfmScores(input: { recencyDays: number; frequency: number; monetary: number }, tables: ScoreTables): RfmScores {
  return {
    r: tables.r.score(input.recencyDays),
    f: tables.f.score(input.frequency),
    m: tables.m.score(input.monetary),
  };
}
