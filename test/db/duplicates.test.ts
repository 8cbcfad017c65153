import { describe, expect, it } from 'vitest';
import { customerIdOf } from '@/lib/model/ids';
import { SHOP, SHOP_ID, freshOwnerService, order } from './helpers';

describe('possible duplicates and one customer’s export', () => {
  it('groups live customers sharing an email, a phone (digits only) or a name, biggest groups first, with their figures', async () => {
    const { service } = freshOwnerService();
    await service['page.seen']({
      shop: SHOP,
      orders: [order('1', 'ann', 5000), order('2', 'ann', 2000)],
      buyers: [
        { key: 'email:ANN@example.com', otherKeys: ['phone:+86 138-0000-0000'], displayName: ' Ann ' },
        { key: 'customerId:7', otherKeys: ['email:ann@example.com'], displayName: 'Someone' },
        { key: 'phone:8613800000000', otherKeys: [], displayName: 'A. Lee' },
        { key: 'nick:bob', otherKeys: [], displayName: 'Bob' },
      ],
    });
    const groups = await service['customers.duplicates']({ shopId: SHOP_ID, limit: 10 });
    expect(groups.map((g) => [g.reason, g.value, g.customers.length])).toEqual([
      ['email', 'ann@example.com', 2],
      ['phone', '+86 138-0000-0000', 2],
      ['name', 'ann', 2],
    ]);
    const annByNick = groups[2]!.customers.find((c) => c.id === customerIdOf(SHOP_ID, 'nick:ann'));
    expect(annByNick).toMatchObject({ orderCount: 2, totalMinor: 7000, currency: 'CNY' });
    expect(await service['customers.duplicates']({ shopId: SHOP_ID, limit: 1 })).toHaveLength(1);

    // Once merged, a pair is no longer a duplicate.
    await service['customers.merge']({
      shopId: SHOP_ID,
      survivorId: customerIdOf(SHOP_ID, 'nick:ann'),
      mergedIds: [customerIdOf(SHOP_ID, 'email:ANN@example.com')],
    });
    const after = await service['customers.duplicates']({ shopId: SHOP_ID, limit: 10 });
    expect(after.map((g) => g.reason)).toEqual(['email', 'phone']);
  });

  it('exports everything held about one customer as a JSON document named after them', async () => {
    const { service } = freshOwnerService({ now: () => Date.parse('2026-11-20T08:00:00Z') });
    await service['page.seen']({ shop: SHOP, orders: [order('1', '张 三/VIP', 5000)], buyers: [] });
    const id = customerIdOf(SHOP_ID, 'nick:张 三/VIP');
    const tag = await service['tag.create']({ shopId: SHOP_ID, name: '回头客' });
    await service['tagging.add']({ shop: SHOP, tagId: tag.id, buyers: [{ key: 'nick:张 三/VIP', otherKeys: [], displayName: '张 三/VIP' }] });
    await service['note.save']({ shopId: SHOP_ID, customerId: id, text: '喜欢绿茶', baseRev: 0 });
    const { fileName, json } = await service['customer.export']({ shopId: SHOP_ID, customerId: id });
    expect(fileName).toBe('buyerlens-customer-张-三-VIP-2026-11-20.json');
    const doc = JSON.parse(json);
    expect(doc).toMatchObject({
      format: 'buyerlens-customer',
      exportedAt: '2026-11-20T08:00:00.000Z',
      customer: { id, displayName: '张 三/VIP', keys: ['nick:张 三/VIP'] },
      orders: [{ orderId: '1', total: { amountMinor: 5000, currency: 'CNY' } }],
      tags: ['回头客'],
      notes: [{ text: '喜欢绿茶' }],
      insight: { orderCount: 1 },
    });
  });
});
