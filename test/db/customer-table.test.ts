import { describe, expect, it } from 'vitest';
import { customerIdOf } from '@/lib/model/ids';
import type { CustomerFilter, CustomerSort } from '@/lib/model/owner';
import { RpcError } from '@/lib/rpc/server';
import { segmentsEn } from '@/lib/i18n/segments.en';
import { SHOP, SHOP_ID, buyer } from './helpers';
import { NOW, ownerService, seedShop } from './lists-helpers';

async function names(service: ReturnType<typeof ownerService>['service'], filter: Partial<CustomerFilter>, sort?: CustomerSort, page = { offset: 0, limit: 100 }) {
  const reply = await service['customers.query']({ shopId: SHOP_ID, filter: { query: '', ...filter }, ...(sort ? { sort } : {}), ...page }, {});
  return { names: reply.rows.map((r) => r.displayName), total: reply.total, all: reply.all, rows: reply.rows };
}

describe('customers.query: the owner’s customer table', () => {
  it('sorts by any column, ties by name, customers without the value last in both directions', async () => {
    const { service } = ownerService({ now: () => NOW });
    await seedShop(service);
    // Amount: Alice and 张三 tie at 500.00, Bob and 李四 at 0; ties go in name order, which is
    // Chinese collation (zh-CN): Chinese names first in pinyin order, then Latin ones.
    expect((await names(service, {}, { by: 'amount_spent', dir: 'desc' })).names).toEqual(['Zed', '张三', 'Alice', '李四', 'Bob']);
    expect((await names(service, {}, { by: 'amount_spent', dir: 'asc' })).names).toEqual(['李四', 'Bob', '张三', 'Alice', 'Zed']);
    // Bob and 李四 have no counted order: no last order date, so last either way.
    expect((await names(service, {}, { by: 'last_order_date', dir: 'asc' })).names).toEqual(['Alice', '张三', 'Zed', '李四', 'Bob']);
    expect((await names(service, {}, { by: 'last_order_date', dir: 'desc' })).names).toEqual(['Zed', '张三', 'Alice', '李四', 'Bob']);
    // Chinese names in pinyin order: 李 (lǐ) before 张 (zhāng), although 张 has the lower code point.
    expect((await names(service, {}, { by: 'name', dir: 'asc' })).names).toEqual(['李四', '张三', 'Alice', 'Bob', 'Zed']);
    expect((await names(service, {}, { by: 'name', dir: 'desc' })).names).toEqual(['Zed', 'Bob', 'Alice', '张三', '李四']);
    // RFM group in its canonical order; prospects (no orders) come last ascending.
    const byGroup = await names(service, {}, { by: 'rfm_group', dir: 'asc' });
    expect(byGroup.names.slice(-2)).toEqual(['李四', 'Bob']);
    expect(byGroup.rows.slice(-2).map((r) => r.group)).toEqual(['prospects', 'prospects']);
  });

  it('pages through the sorted matches and counts them', async () => {
    const { service } = ownerService({ now: () => NOW });
    await seedShop(service);
    const page = await names(service, {}, { by: 'amount_spent', dir: 'desc' }, { offset: 1, limit: 2 });
    expect(page).toMatchObject({ names: ['张三', 'Alice'], total: 5, all: 5 });
    const countOnly = await names(service, { query: 'amount_spent >= 500' }, undefined, { offset: 0, limit: 0 });
    expect(countOnly).toMatchObject({ names: [], total: 3, all: 5 });
  });

  it('carries each row’s figures and tags', async () => {
    const { service } = ownerService({ now: () => NOW });
    await seedShop(service);
    const vip = await service['tag.create']({ shopId: SHOP_ID, name: 'VIP', color: 'amber' }, {});
    await service['tagging.add']({ shop: SHOP, tagId: vip.id, buyers: [buyer('张三')] }, {});
    const { rows } = await names(service, { search: '张' });
    expect(rows).toEqual([
      expect.objectContaining({
        id: customerIdOf(SHOP_ID, 'nick:张三'),
        displayName: '张三',
        key: 'nick:张三',
        orderCount: 2,
        totalMinor: 50_000,
        currency: 'CNY',
        avgOrderMinor: 25_000,
        firstAt: Date.parse('2026-10-01T10:15:00+08:00'),
        lastAt: Date.parse('2026-11-02T10:15:00+08:00'),
        tags: [{ id: vip.id, name: 'VIP', color: 'amber', description: '' }],
      }),
    ]);
  });

  it('filters by segment query, month, search and tag together', async () => {
    const { service } = ownerService({ now: () => NOW });
    await seedShop(service);
    const vip = await service['tag.create']({ shopId: SHOP_ID, name: 'VIP' }, {});
    await service['tagging.add']({ shop: SHOP, tagId: vip.id, buyers: [buyer('Alice'), buyer('Zed')] }, {});
    const sort: CustomerSort = { by: 'name', dir: 'asc' };
    expect((await names(service, { query: 'amount_spent >= 500' }, sort)).names).toEqual(['张三', 'Alice', 'Zed']);
    // November: 张三 and Zed ordered; Bob's November order was cancelled, so it does not count.
    expect((await names(service, { month: '2026-11' }, sort)).names).toEqual(['张三', 'Zed']);
    // Search looks in names and keys, ignoring case.
    expect((await names(service, { search: 'ALI' }, sort)).names).toEqual(['Alice']);
    expect((await names(service, { search: 'nick:张' }, sort)).names).toEqual(['张三']);
    expect((await names(service, { tagId: vip.id }, sort)).names).toEqual(['Alice', 'Zed']);
    // All at once: tagged VIP, ordered in November, spent at least 500.
    expect((await names(service, { query: 'amount_spent >= 500', month: '2026-11', tagId: vip.id }, sort)).names).toEqual(['Zed']);
    expect((await names(service, { query: 'last_order_date < -60d' }, sort)).names).toEqual(['Alice']);
  });

  it('refuses an invalid query with its first error in words', async () => {
    const { service } = ownerService({ now: () => NOW });
    await seedShop(service);
    await expect(names(service, { query: 'amount_spent >= ' })).rejects.toThrow(new RpcError('invalid', segmentsEn['segment.error.expectedValue']));
    await expect(names(service, { query: 'amount_spend >= 5' })).rejects.toThrow(/Unknown field amount_spend/);
  });

  it('follows writes: a tag added after the table was built changes the count', async () => {
    const { service } = ownerService({ now: () => NOW });
    await seedShop(service);
    const vip = await service['tag.create']({ shopId: SHOP_ID, name: 'vip' }, {});
    const count = async () => (await names(service, { query: "customer_tags CONTAINS 'vip'" }, undefined, { offset: 0, limit: 0 })).total;
    expect(await count()).toBe(0);
    await service['tagging.add']({ shop: SHOP, tagId: vip.id, buyers: [buyer('Bob')] }, {});
    expect(await count()).toBe(1);
    await service['tagging.remove']({ shopId: SHOP_ID, tagId: vip.id, customerIds: [customerIdOf(SHOP_ID, 'nick:Bob')] }, {});
    expect(await count()).toBe(0);
  });

  it('serves later queries from memory until the shop changes or six hours pass', async () => {
    let clock = NOW;
    const { service, db } = ownerService({ now: () => clock });
    await seedShop(service);
    const count = async () => (await names(service, { query: 'number_of_orders >= 1' }, undefined, { offset: 0, limit: 0 })).total;
    expect(await count()).toBe(3);
    // A record changed behind the service's back (no write, no announcement) is not seen…
    await db.aggregates.delete(customerIdOf(SHOP_ID, 'nick:Zed'));
    expect(await count()).toBe(3);
    clock += 6 * 3600_000 + 1;
    // …until the table ages and is rebuilt.
    expect(await count()).toBe(2);
  });
});
