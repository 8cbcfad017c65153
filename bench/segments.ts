/**
 * Segment evaluation speed: compile a few queries once, evaluate each over 100,000 generated
 * customers, print evaluations per second. Run: node --import tsx bench/segments.ts
 */
import { compileQuery, type SegmentFacts } from '../lib/segments';
import { LIFECYCLE_STAGES, RFM_GROUPS } from '../lib/model/insight-names';

const N = 100_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 15, 12);

// A small deterministic generator (mulberry32), so runs compare.
let seed = 42;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const TAGS = ['vip', 'VIP', '老客户', 'wholesale', '退货多', 'new', '回头客', '团购'];

function customer(i: number): SegmentFacts {
  const orders = rand() < 0.2 ? 0 : 1 + Math.floor(rand() * 12);
  const total = orders * Math.floor(2000 + rand() * 40000);
  const lastAt = orders ? NOW - Math.floor(rand() * 500) * DAY : undefined;
  return {
    now: NOW,
    orderCount: orders,
    totalMinor: total,
    currency: rand() < 0.95 ? 'CNY' : 'USD',
    avgOrderMinor: orders ? Math.round(total / orders) : undefined,
    firstAt: lastAt === undefined ? undefined : lastAt - Math.floor(rand() * 400) * DAY,
    lastAt,
    recencyDays: lastAt === undefined ? Infinity : Math.floor((NOW - lastAt) / DAY),
    rfm: orders ? { r: 1 + Math.floor(rand() * 5), f: 1 + Math.floor(rand() * 5), m: 1 + Math.floor(rand() * 5) } : undefined,
    group: orders ? pick(RFM_GROUPS) : 'prospects',
    stage: orders ? pick(LIFECYCLE_STAGES) : 'prospect',
    tags: Array.from({ length: Math.floor(rand() * 4) }, () => pick(TAGS)),
    noteTags: [],
    email: rand() < 0.5 ? `buyer${i}@qq.com` : undefined,
    nick: `买家${i}`,
    fields: rand() < 0.3 ? { size: pick(['S', 'M', 'L']) } : undefined,
  };
}

const customers = Array.from({ length: N }, (_, i) => customer(i));

const QUERIES = [
  "amount_spent >= 500 AND last_order_date < -60d AND customer_tags CONTAINS 'vip'",
  "rfm_group IN ('champions', 'loyal') OR lifecycle = 'at_risk' AND number_of_orders >= 3",
  "NOT customer_tags CONTAINS '老客户' AND email CONTAINS '@qq.com' AND field.size = 'L'",
  'last_order_date BETWEEN -6m AND -30d AND avg_order_value > 100 AND rfm_r <= 2',
];

console.log(`segments: ${N.toLocaleString('en')} customers, each query compiled once\n`);
for (const q of QUERIES) {
  const { predicate, errors } = compileQuery(q);
  if (!predicate) throw new Error(JSON.stringify(errors));
  // Warm up, then take the best of 5 passes.
  for (let k = 0; k < 3; k++) for (const c of customers) predicate(c, NOW);
  let best = Infinity;
  let matched = 0;
  for (let k = 0; k < 5; k++) {
    matched = 0;
    const t0 = performance.now();
    for (const c of customers) if (predicate(c, NOW)) matched++;
    best = Math.min(best, performance.now() - t0);
  }
  const perSec = (N / best) * 1000;
  console.log(`${q}\n  ${best.toFixed(2)} ms per ${N.toLocaleString('en')} · ${(perSec / 1e6).toFixed(1)} M evaluations/s · ${matched.toLocaleString('en')} matched\n`);
}
