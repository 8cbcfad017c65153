import type { SegmentFacts } from '@/lib/segments';

/** 2026-06-15 12:00 UTC. */
export const NOW = Date.UTC(2026, 5, 15, 12);
export const DAY = 86_400_000;
export const at = (y: number, m: number, d: number, h = 12) => Date.UTC(y, m - 1, d, h);

/** A customer with no orders. */
export function prospect(extra: Partial<SegmentFacts> = {}): SegmentFacts {
  return { now: NOW, orderCount: 0, totalMinor: 0, recencyDays: Infinity, group: 'prospects', stage: 'prospect', tags: [], noteTags: [], ...extra };
}

/** A customer who ordered `orders` times for `totalMinor`, last `daysAgo` days before NOW. */
export function buyer(extra: Partial<SegmentFacts> = {}): SegmentFacts {
  return {
    now: NOW,
    orderCount: 3,
    totalMinor: 60000,
    currency: 'CNY',
    avgOrderMinor: 20000,
    firstAt: NOW - 200 * DAY,
    lastAt: NOW - 10 * DAY,
    recencyDays: 10,
    rfm: { r: 4, f: 3, m: 5 },
    group: 'loyal',
    stage: 'active',
    tags: ['VIP', '老客户'],
    noteTags: [],
    ...extra,
  };
}
