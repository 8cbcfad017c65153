import { describe, expect, it } from 'vitest';
import { aggregateOrders, median, purchaseCycleDays } from '@/lib/insights/aggregate';
import { DAY_MS, type OrderFact } from '@/lib/insights/types';

const T0 = Date.UTC(2026, 0, 1); // 2026-01-01T00:00Z
const day = (n: number, hours = 0) => T0 + n * DAY_MS + hours * 3_600_000;

describe('aggregateOrders', () => {
  it('a buyer with no orders', () => {
    expect(aggregateOrders([])).toStrictEqual({
      orderCount: 0,
      totalMinor: 0,
      currency: undefined,
      otherCurrencyOrders: 0,
      unknownTotalOrders: 0,
      datedCount: 0,
    });
  });

  it('sums counted orders and finds first, last and previous dates', () => {
    const orders: OrderFact[] = [
      { orderId: 'a', placedAt: day(0), totalMinor: 1000, currency: 'CNY', status: 'delivered' },
      { orderId: 'b', placedAt: day(40), totalMinor: 2550, currency: 'CNY', status: 'shipped' },
      { orderId: 'c', placedAt: day(10), totalMinor: 99, currency: 'CNY' },
    ];
    expect(aggregateOrders(orders)).toStrictEqual({
      orderCount: 3,
      totalMinor: 3649,
      currency: 'CNY',
      otherCurrencyOrders: 0,
      unknownTotalOrders: 0,
      firstAt: day(0),
      lastAt: day(40),
      prevAt: day(10),
      datedCount: 3,
      lastOrderId: 'b',
      lastStatus: 'shipped',
    });
  });

  it('leaves cancelled and refunded orders out of counts, sums and dates, but reports the latest order’s status', () => {
    const agg = aggregateOrders([
      { orderId: 'a', placedAt: day(0), totalMinor: 1000, currency: 'CNY', status: 'paid' },
      { orderId: 'b', placedAt: day(5), totalMinor: 5000, currency: 'CNY', status: 'refunded' },
      { orderId: 'c', placedAt: day(9), totalMinor: 7000, currency: 'CNY', status: '交易关闭' },
    ]);
    expect(agg.orderCount).toBe(1);
    expect(agg.totalMinor).toBe(1000);
    expect(agg.firstAt).toBe(day(0));
    expect(agg.lastAt).toBe(day(0));
    expect(agg.prevAt).toBeUndefined();
    expect(agg.datedCount).toBe(1);
    expect(agg.lastOrderId).toBe('c');
    expect(agg.lastStatus).toBe('交易关闭');
  });

  it('counts undated orders toward frequency and money but not dates', () => {
    const agg = aggregateOrders([
      { orderId: 'a', totalMinor: 300, currency: 'CNY' },
      { orderId: 'b', placedAt: day(3), totalMinor: 200, currency: 'CNY' },
      { orderId: 'c', totalMinor: 100, currency: 'CNY' },
    ]);
    expect(agg).toMatchObject({ orderCount: 3, totalMinor: 600, datedCount: 1, firstAt: day(3), lastAt: day(3), lastOrderId: 'b' });
  });

  it('ignores missing, NaN, negative, fractional and infinite totals, counting them as unknown', () => {
    const agg = aggregateOrders([
      { orderId: 'a', totalMinor: 500, currency: 'CNY' },
      { orderId: 'b' },
      { orderId: 'c', totalMinor: NaN, currency: 'CNY' },
      { orderId: 'd', totalMinor: -100, currency: 'CNY' },
      { orderId: 'e', totalMinor: 12.5, currency: 'CNY' },
      { orderId: 'f', totalMinor: Infinity, currency: 'CNY' },
      { orderId: 'g', totalMinor: 0, currency: 'CNY' },
    ]);
    expect(agg).toMatchObject({ orderCount: 7, totalMinor: 500, currency: 'CNY', unknownTotalOrders: 5, otherCurrencyOrders: 0 });
  });

  it('sums the majority currency only; the others are counted apart', () => {
    const agg = aggregateOrders([
      { orderId: 'a', totalMinor: 100, currency: 'USD' },
      { orderId: 'b', totalMinor: 1000, currency: 'CNY' },
      { orderId: 'c', totalMinor: 2000, currency: 'CNY' },
      { orderId: 'd', totalMinor: 5, currency: 'CNY', status: 'cancelled' },
      { orderId: 'e', totalMinor: 5, currency: 'USD', status: 'cancelled' },
      { orderId: 'f', totalMinor: 5, currency: 'USD', status: 'cancelled' },
    ]);
    expect(agg).toMatchObject({ orderCount: 3, totalMinor: 3000, currency: 'CNY', otherCurrencyOrders: 1, unknownTotalOrders: 0 });
  });

  it('breaks a currency tie alphabetically', () => {
    const agg = aggregateOrders([
      { orderId: 'a', totalMinor: 100, currency: 'USD' },
      { orderId: 'b', totalMinor: 900, currency: 'CNY' },
    ]);
    expect(agg).toMatchObject({ totalMinor: 900, currency: 'CNY', otherCurrencyOrders: 1 });
  });

  it('keeps totals without a currency apart; they lose ties to a named currency', () => {
    expect(aggregateOrders([{ orderId: 'a', totalMinor: 100 }, { orderId: 'b', totalMinor: 900, currency: 'CNY' }])).toMatchObject({
      totalMinor: 900,
      currency: 'CNY',
      otherCurrencyOrders: 1,
    });
    expect(aggregateOrders([{ orderId: 'a', totalMinor: 100 }, { orderId: 'b', totalMinor: 50 }])).toMatchObject({
      totalMinor: 150,
      currency: undefined,
      otherCurrencyOrders: 0,
    });
  });

  it('ignores NaN and infinite dates', () => {
    const agg = aggregateOrders([
      { orderId: 'a', placedAt: NaN, totalMinor: 1, currency: 'CNY' },
      { orderId: 'b', placedAt: Infinity, totalMinor: 1, currency: 'CNY' },
    ]);
    expect(agg).toMatchObject({ orderCount: 2, datedCount: 0, totalMinor: 2 });
    expect(agg.firstAt).toBeUndefined();
    expect(agg.lastAt).toBeUndefined();
    // No dated order: the latest given stands for "last".
    expect(agg.lastOrderId).toBe('b');
  });

  it('prevAt skips orders within a day of the last one (same visit), for "won back"', () => {
    const agg = aggregateOrders([
      { orderId: 'old', placedAt: day(0) },
      { orderId: 'back1', placedAt: day(200, 9) },
      { orderId: 'back2', placedAt: day(200, 15) },
    ]);
    expect(agg.lastAt).toBe(day(200, 15));
    expect(agg.prevAt).toBe(day(0));
    expect(agg.lastOrderId).toBe('back2');
  });

  it('prevAt is undefined when all dated orders fall in one day', () => {
    const agg = aggregateOrders([
      { orderId: 'a', placedAt: day(3, 1) },
      { orderId: 'b', placedAt: day(3, 20) },
    ]);
    expect(agg.prevAt).toBeUndefined();
    expect(agg.datedCount).toBe(2);
  });

  it('picks the latest order by date, ties by the greater order id, whatever the input order', () => {
    const a = { orderId: 'A-1', placedAt: day(5), status: 'paid' };
    const b = { orderId: 'A-2', placedAt: day(5), status: 'delivered' };
    expect(aggregateOrders([a, b]).lastOrderId).toBe('A-2');
    expect(aggregateOrders([b, a]).lastOrderId).toBe('A-2');
    expect(aggregateOrders([b, a]).lastStatus).toBe('delivered');
  });

  it('never throws on junk', () => {
    const junk = [null, undefined, 7, 'x', {}, { orderId: 1, placedAt: '2026', totalMinor: '100', status: 5 }] as unknown as OrderFact[];
    expect(() => aggregateOrders(junk)).not.toThrow();
    expect(aggregateOrders(junk)).toMatchObject({ orderCount: 2, totalMinor: 0, unknownTotalOrders: 2, datedCount: 0 });
    expect(aggregateOrders(undefined as unknown as OrderFact[]).orderCount).toBe(0);
  });
});

describe('purchaseCycleDays', () => {
  it('is undefined with fewer than two dated counted orders', () => {
    expect(purchaseCycleDays([])).toBeUndefined();
    expect(purchaseCycleDays([{ orderId: 'a', placedAt: day(0) }])).toBeUndefined();
    expect(purchaseCycleDays([{ orderId: 'a', placedAt: day(0) }, { orderId: 'b' }])).toBeUndefined();
    expect(purchaseCycleDays([{ orderId: 'a', placedAt: day(0) }, { orderId: 'b', placedAt: day(30), status: 'refunded' }])).toBeUndefined();
  });

  it('is the median gap: odd count', () => {
    // gaps 10, 30, 20 → median 20
    const orders = [0, 10, 40, 60].map((d, i) => ({ orderId: String(i), placedAt: day(d) }));
    expect(purchaseCycleDays(orders)).toBe(20);
  });

  it('even count: the mean of the middle two, rounded', () => {
    // gaps 10, 15 → 12.5 → 13
    expect(purchaseCycleDays([0, 10, 25].map((d, i) => ({ orderId: String(i), placedAt: day(d) })))).toBe(13);
    // gaps 7, 8, 30, 100 → (8 + 30) / 2 = 19
    expect(purchaseCycleDays([0, 7, 15, 45, 145].map((d, i) => ({ orderId: String(i), placedAt: day(d) })))).toBe(19);
  });

  it('ignores input order', () => {
    expect(purchaseCycleDays([60, 0, 40, 10].map((d, i) => ({ orderId: String(i), placedAt: day(d) })))).toBe(20);
  });

  it('skips same-day orders as one visit and floors gaps to whole days', () => {
    const orders = [
      { orderId: 'a', placedAt: day(0, 8) },
      { orderId: 'b', placedAt: day(0, 20) }, // 12 h: 0 days, skipped
      { orderId: 'c', placedAt: day(10, 19) }, // 9 d 23 h: 9 days
    ];
    expect(purchaseCycleDays(orders)).toBe(9);
  });

  it('is undefined when every gap is under a day', () => {
    expect(purchaseCycleDays([{ orderId: 'a', placedAt: day(0, 1) }, { orderId: 'b', placedAt: day(0, 5) }])).toBeUndefined();
  });

  it('leaves out cancelled and undated orders', () => {
    const orders = [
      { orderId: 'a', placedAt: day(0) },
      { orderId: 'x', placedAt: day(3), status: 'cancelled' },
      { orderId: 'y' },
      { orderId: 'b', placedAt: day(30) },
    ];
    expect(purchaseCycleDays(orders)).toBe(30);
  });
});

describe('median', () => {
  it('handles empty, odd and even lists', () => {
    expect(median([])).toBeUndefined();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
