import { describe, expect, it } from 'vitest';
import { LIFECYCLE_STAGES, RFM_GROUPS } from '@/lib/model/insight-names';
import { revenueByMonth, shiftMonth } from '@/lib/db/dashboard';
import { SHOP_ID } from './helpers';
import { NOW, ownerService, seedShop } from './lists-helpers';

describe('dashboard.get: the shape of the customers a filter matches', () => {
  it('counts, sums in the main currency, and draws the RFM grid and the months', async () => {
    const { service } = ownerService({ now: () => NOW });
    await seedShop(service, { withUsdBuyer: true });
    const d = await service['dashboard.get']({ shopId: SHOP_ID, filter: {} }, {});
    expect(d.customers).toBe(6);
    // CNY: three customers against one in USD; Yuki's $99.99 is left out of every revenue figure.
    expect(d.currency).toBe('CNY');
    expect(d.revenueMinor).toBe(180_000);
    // Four customers with counted orders. Recency, most recent first: Yuki, Zed, 张三, Alice →
    // R = 1 + floor(5 × worse / 4) = 4, 3, 2, 1. Frequency: 张三 2 orders (F 4), the others 1 (F 1).
    expect(d.rfmGrid).toEqual([
      { r: 1, f: 1, customers: 1, revenueMinor: 50_000 }, // Alice
      { r: 2, f: 4, customers: 1, revenueMinor: 50_000 }, // 张三
      { r: 3, f: 1, customers: 1, revenueMinor: 80_000 }, // Zed
      { r: 4, f: 1, customers: 1, revenueMinor: 0 }, // Yuki, in USD
    ]);
    expect(d.lifecycle.map((l) => l.stage)).toEqual([...LIFECYCLE_STAGES]);
    expect(d.lifecycle.find((l) => l.stage === 'prospect')!.customers).toBe(2); // Bob, 李四
    expect(d.lifecycle.reduce((n, l) => n + l.customers, 0)).toBe(6);
    expect(d.groups.map((g) => g.group)).toEqual([...RFM_GROUPS]);
    expect(d.groups.find((g) => g.group === 'prospects')!.customers).toBe(2);
    expect(d.groups.reduce((n, g) => n + g.customers, 0)).toBe(6);
    // June to November, the empty months in between as zeros; Bob's cancelled order is not there.
    expect(d.months).toEqual([
      { month: '2026-06', revenueMinor: 50_000, orders: 1, customers: 1 },
      { month: '2026-07', revenueMinor: 0, orders: 0, customers: 0 },
      { month: '2026-08', revenueMinor: 0, orders: 0, customers: 0 },
      { month: '2026-09', revenueMinor: 0, orders: 0, customers: 0 },
      { month: '2026-10', revenueMinor: 20_000, orders: 1, customers: 1 },
      { month: '2026-11', revenueMinor: 110_000, orders: 3, customers: 3 },
    ]);
  });

  it('follows the filter: a click on November shows November’s buyers and their history', async () => {
    const { service } = ownerService({ now: () => NOW });
    await seedShop(service);
    const d = await service['dashboard.get']({ shopId: SHOP_ID, filter: { month: '2026-11' } }, {});
    expect(d.customers).toBe(2); // 张三 and Zed
    expect(d.revenueMinor).toBe(130_000);
    expect(d.months).toEqual([
      { month: '2026-10', revenueMinor: 20_000, orders: 1, customers: 1 },
      { month: '2026-11', revenueMinor: 110_000, orders: 2, customers: 2 },
    ]);
  });

  it('shows an empty shop as zeros', async () => {
    const { service } = ownerService({ now: () => NOW });
    const d = await service['dashboard.get']({ shopId: SHOP_ID, filter: {} }, {});
    expect(d).toMatchObject({ customers: 0, revenueMinor: 0, rfmGrid: [], months: [] });
    expect(d.currency).toBeUndefined();
    expect(d.lifecycle.every((l) => l.customers === 0)).toBe(true);
  });

  it('keeps at most the latest 24 months', () => {
    // One order a month from 2024-01 to 2026-06 (30 months), plus one in another currency.
    const orders = Array.from({ length: 30 }, (_, i) => ({ customerId: 'c1', month: shiftMonth('2024-01', i), amountMinor: 100, currency: 'CNY' }));
    orders.push({ customerId: 'c2', month: '2026-06', amountMinor: 999, currency: 'USD' });
    const months = revenueByMonth(new Set(['c1', 'c2']), orders, 'CNY');
    expect(months).toHaveLength(24);
    expect(months[0]).toEqual({ month: '2024-07', revenueMinor: 100, orders: 1, customers: 1 });
    expect(months[23]).toEqual({ month: '2026-06', revenueMinor: 100, orders: 2, customers: 2 });
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-11', -23)).toBe('2024-12');
    expect(shiftMonth('2024-12', 13)).toBe('2026-01');
  });
});
