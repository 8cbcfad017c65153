import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/preact';
import { monthlySpend, SpendChart } from '@/components/SpendChart';
import type { OrderView } from '@/lib/model/views';
import { renderUi } from './ui';

afterEach(cleanup);

let seq = 0;
function order(placedAt: string | undefined, amountMinor: number, overrides: Partial<OrderView> = {}): OrderView {
  return { orderId: String(++seq), placedAt, total: { amountMinor, currency: 'CNY' }, status: 'paid', counted: true, ...overrides };
}

const nonEmpty = (months: ReturnType<typeof monthlySpend>) => months.filter((m) => m.orders > 0);

describe('monthlySpend', () => {
  it('twelve buckets ending at the latest order’s month, oldest first', () => {
    const months = monthlySpend([order('2026-11-02T10:15:00+08:00', 12_345), order('2026-06-20T09:00:00+08:00', 5_000)], 'CNY');
    expect(months.map((m) => m.month)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    expect(nonEmpty(months)).toEqual([
      { month: '2026-06', amountMinor: 5_000, orders: 1 },
      { month: '2026-11', amountMinor: 12_345, orders: 1 },
    ]);
  });

  it('the latest month is the latest order’s, whatever order the list is in', () => {
    const months = monthlySpend([order('2025-03-01T00:00:00Z', 1), order('2026-02-01T00:00:00Z', 1), order('2025-09-01T00:00:00Z', 1)], 'CNY');
    expect(months.at(-1)!.month).toBe('2026-02');
  });

  it('sums and counts several orders in one month', () => {
    const months = monthlySpend(
      [order('2026-11-02T10:00:00+08:00', 10_000), order('2026-11-28T10:00:00+08:00', 2_550), order('2026-10-31T23:59:00+08:00', 100)],
      'CNY',
    );
    expect(nonEmpty(months)).toEqual([
      { month: '2026-10', amountMinor: 100, orders: 1 },
      { month: '2026-11', amountMinor: 12_550, orders: 2 },
    ]);
  });

  it('wraps the year: a January latest order gives February of the year before … January', () => {
    const months = monthlySpend([order('2027-01-15T12:00:00+08:00', 800), order('2026-12-24T12:00:00+08:00', 700)], 'CNY');
    expect(months).toHaveLength(12);
    expect(months[0]!.month).toBe('2026-02');
    expect(months.slice(-2)).toEqual([
      { month: '2026-12', amountMinor: 700, orders: 1 },
      { month: '2027-01', amountMinor: 800, orders: 1 },
    ]);
    // Every month appears once, in sequence.
    expect(new Set(months.map((m) => m.month)).size).toBe(12);
  });

  it('counts only counted orders, with a date, in the asked currency', () => {
    const months = monthlySpend(
      [
        order('2026-11-02T10:00:00+08:00', 10_000),
        order('2026-11-03T10:00:00+08:00', 99_999, { counted: false, status: 'refunded' }),
        order(undefined, 50_000),
        order('2026-11-04T10:00:00+08:00', 2_000, { total: { amountMinor: 2_000, currency: 'USD' } }),
        order('2026-11-05T10:00:00+08:00', 0, { total: undefined }),
      ],
      'CNY',
    );
    expect(nonEmpty(months)).toEqual([{ month: '2026-11', amountMinor: 10_000, orders: 1 }]);
  });

  it('an uncounted or other-currency order does not move the window', () => {
    const months = monthlySpend(
      [
        order('2026-03-02T10:00:00+08:00', 100),
        order('2026-12-03T10:00:00+08:00', 100, { counted: false }),
        order('2027-05-03T10:00:00+08:00', 100, { total: { amountMinor: 100, currency: 'USD' } }),
      ],
      'CNY',
    );
    expect(months.at(-1)!.month).toBe('2026-03');
  });

  it('orders older than the window are left out', () => {
    const months = monthlySpend([order('2026-11-02T10:00:00+08:00', 100), order('2025-11-30T10:00:00+08:00', 9_999)], 'CNY');
    expect(months[0]!.month).toBe('2025-12');
    expect(months.reduce((s, m) => s + m.amountMinor, 0)).toBe(100);
  });

  it('another currency is charted on its own', () => {
    const orders = [order('2026-11-02T10:00:00+08:00', 100), order('2026-05-02T10:00:00Z', 4_200, { total: { amountMinor: 4_200, currency: 'USD' } })];
    expect(nonEmpty(monthlySpend(orders, 'USD'))).toEqual([{ month: '2026-05', amountMinor: 4_200, orders: 1 }]);
    expect(monthlySpend(orders, 'USD').at(-1)!.month).toBe('2026-05');
  });

  it('the number of months can be asked for', () => {
    const months = monthlySpend([order('2026-02-02T10:00:00+08:00', 100)], 'CNY', 3);
    expect(months.map((m) => m.month)).toEqual(['2025-12', '2026-01', '2026-02']);
  });

  it('nothing dated and counted in that currency: no months at all', () => {
    expect(monthlySpend([], 'CNY')).toEqual([]);
    expect(monthlySpend([order(undefined, 100), order('2026-11-02T10:00:00+08:00', 100, { counted: false })], 'CNY')).toEqual([]);
    expect(monthlySpend([order('2026-11-02T10:00:00+08:00', 100)], 'USD')).toEqual([]);
  });

  it('does not change the orders it is given', () => {
    const orders = [order('2026-11-02T10:00:00+08:00', 100)];
    const copy = structuredClone(orders);
    monthlySpend(orders, 'CNY');
    expect(orders).toEqual(copy);
  });
});

describe('SpendChart', () => {
  it('renders nothing when no order is dated and counted', () => {
    const { container } = renderUi(<SpendChart orders={[order(undefined, 100), order('2026-11-02T10:00:00+08:00', 100, { counted: false })]} currency="CNY" />);
    expect(container.innerHTML).toBe('');
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('one bar per month, tall where more was spent, with an accessible total', () => {
    const { container } = renderUi(
      <SpendChart
        orders={[order('2026-11-02T10:00:00+08:00', 20_000), order('2026-11-20T10:00:00+08:00', 5_000), order('2026-06-20T09:00:00+08:00', 5_000)]}
        currency="CNY"
      />,
    );
    const chart = screen.getByRole('img');
    expect(chart.getAttribute('aria-label')).toBe('Spend per month over the last year: ¥300.00');
    expect(container.querySelector('figcaption')!.textContent).toBe('Spend per month over the last year: ¥300.00');
    const bars = [...container.querySelectorAll('rect.bar')];
    expect(bars).toHaveLength(12);
    const heights = bars.map((b) => Number(b.getAttribute('height')));
    expect(heights[11]).toBe(64); // the biggest month fills the chart
    expect(heights[6]).toBe(13); // ¥50 of ¥250: a fifth
    expect(heights.filter((h) => h === 0)).toHaveLength(10);
    expect(bars.filter((b) => b.classList.contains('empty'))).toHaveLength(10);
    // Each bar says its month, amount and number of orders.
    expect(bars[11]!.querySelector('title')!.textContent).toBe('2026-11: ¥250.00 · 2');
    expect(bars[0]!.querySelector('title')!.textContent).toBe('2025-12: ¥0.00 · 0');
    // First and last month are labelled on the axis.
    expect([...container.querySelectorAll('text.tick')].map((t) => t.textContent)).toEqual(['25/12', '26/11']);
  });

  it('a tiny month still shows a visible bar', () => {
    const { container } = renderUi(<SpendChart orders={[order('2026-11-02T10:00:00+08:00', 100_000), order('2026-10-02T10:00:00+08:00', 1)]} currency="CNY" />);
    const heights = [...container.querySelectorAll('rect.bar')].map((b) => Number(b.getAttribute('height')));
    expect(heights[10]).toBe(2);
  });

  it('labels the chart in Chinese for a zh-CN reader, in the chart’s currency', () => {
    renderUi(<SpendChart orders={[order('2026-05-02T10:00:00Z', 4_200, { total: { amountMinor: 4_200, currency: 'USD' } })]} currency="USD" />, {
      language: 'zh-CN',
    });
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe('近一年每月消费：合计 $42.00');
  });
});
