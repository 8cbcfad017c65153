import { describe, expect, it } from 'vitest';
import { customerIdOf } from '@/lib/model/ids';
import type { Customer } from '@/lib/model/entities';
import { RpcError } from '@/lib/rpc/server';
import { SHOP, SHOP_ID, buyer } from './helpers';
import { NOW, ownerService, seedShop } from './lists-helpers';

/** More prospects than one tagging mutation may hold (10,000), written as plain records. */
async function manyProspects(db: ReturnType<typeof ownerService>['db'], n: number) {
  const rows: Customer[] = Array.from({ length: n }, (_, i) => ({
    id: customerIdOf(SHOP_ID, `nick:p${i}`),
    shopId: SHOP_ID,
    hlc: '0',
    updatedBy: 'test',
    deleted: false,
    keys: [`nick:p${i}`],
    displayName: `p${i}`,
    fields: {},
    firstSeenAt: NOW,
  }));
  await db.customers.bulkPut(rows);
}

describe('customers.bulkTag: a tag on everything the filter matches', () => {
  it('adds and removes over more than one chunk, in one write, counting only real changes', async () => {
    const { service, db } = ownerService({ now: () => NOW });
    await seedShop(service); // 5 customers, 3 of them with a counted order
    await manyProspects(db, 10_050);
    const tag = await service['tag.create']({ shopId: SHOP_ID, name: 'winback' }, {});
    // 张三 already carries the tag: re-adding must not give them a second add id.
    await service['tagging.add']({ shop: SHOP, tagId: tag.id, buyers: [buyer('张三')] }, {});
    const outboxBefore = await db.outbox.count();

    const filter = { query: 'number_of_orders = 0' }; // Bob, 李四 and the 10,050 prospects
    const added = await service['customers.bulkTag']({ shopId: SHOP_ID, filter, tagId: tag.id, action: 'add' }, {});
    expect(added).toEqual({ matched: 10_052, changed: 10_052 });
    // One write, two tagging.add mutations (10,000 + 52).
    const entries = await db.outbox.where('mid').above(outboxBefore).toArray();
    expect(entries.map((e) => e.name)).toEqual(['tagging.add', 'tagging.add']);
    const count = async (q: string) => (await service['customers.query']({ shopId: SHOP_ID, filter: { query: q }, limit: 0 }, {})).total;
    expect(await count("customer_tags CONTAINS 'winback'")).toBe(10_053);

    const everyone = await service['customers.bulkTag']({ shopId: SHOP_ID, filter: {}, tagId: tag.id, action: 'add' }, {});
    expect(everyone).toEqual({ matched: 10_055, changed: 2 }); // only Zed and Alice were missing it
    const zhang = await db.taggings.where('customerId').equals(customerIdOf(SHOP_ID, 'nick:张三')).toArray();
    expect(zhang[0]!.addIds).toHaveLength(1);

    const removed = await service['customers.bulkTag']({ shopId: SHOP_ID, filter: {}, tagId: tag.id, action: 'remove' }, {});
    expect(removed).toEqual({ matched: 10_055, changed: 10_055 });
    expect(await count("customer_tags CONTAINS 'winback'")).toBe(0);
    const again = await service['customers.bulkTag']({ shopId: SHOP_ID, filter: {}, tagId: tag.id, action: 'remove' }, {});
    expect(again).toEqual({ matched: 10_055, changed: 0 });
  }, 60_000);

  it('refuses a tag the shop does not have', async () => {
    const { service } = ownerService({ now: () => NOW });
    await seedShop(service);
    await expect(service['customers.bulkTag']({ shopId: SHOP_ID, filter: {}, tagId: 't_nope', action: 'add' }, {})).rejects.toThrow(
      new RpcError('not-found', 'That tag no longer exists.'),
    );
  });
});
