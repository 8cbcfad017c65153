import { describe, expect, it } from 'vitest';
import { customerIdOf, forgottenKeyIdOf } from '@/lib/model/ids';
import type { RpcInput } from '@/lib/rpc/protocol';
import { SHOP, SHOP_ID, freshOwnerService, order } from './helpers';

const ANN = { key: 'nick:ann', otherKeys: ['email:ann@example.com'], displayName: 'Ann Lee' };
const ANN_ID = customerIdOf(SHOP_ID, 'nick:ann');

/** A buyer with everything a shop may hold: orders, a tag, a note, an action marked done. */
async function annWithHistory(service: ReturnType<typeof freshOwnerService>['service']) {
  await service['page.seen']({ shop: SHOP, orders: [{ ...order('A-1', 'ann', 9900), buyer: ANN }], buyers: [] });
  const tag = await service['tag.create']({ shopId: SHOP_ID, name: 'VIP' });
  await service['tagging.add']({ shop: SHOP, tagId: tag.id, buyers: [ANN] });
  await service['note.save']({ shopId: SHOP_ID, customerId: ANN_ID, text: 'Lives at 5 Rose St', baseRev: 0 });
  await service['action.mark']({ shopId: SHOP_ID, customerId: ANN_ID, ruleId: 'welcome', state: 'done', factsKey: 'k' });
  return tag;
}

async function importOrders(service: ReturnType<typeof freshOwnerService>['service'], orders: RpcInput<'import.stage'>['orders']) {
  const { jobId } = await service['import.begin']({ shop: SHOP, fileName: 'o.csv', format: 'shopify-orders' });
  await service['import.stage']({ jobId, orders, customers: [] });
  return service['import.commit']({ jobId });
}

describe('forget a customer', () => {
  it('erases every record about them, keeping only tombstones and key hashes, and says so to sync', async () => {
    const { service, db } = freshOwnerService();
    await annWithHistory(service);
    expect(await service['customer.forget']({ shopId: SHOP_ID, customerId: ANN_ID })).toEqual({ forgotten: true });

    const text = JSON.stringify(
      await Promise.all(['customers', 'orders', 'taggings', 'notes', 'actionStates', 'aggregates', 'forgotten'].map((t) => db.table(t).toArray())),
    );
    for (const secret of ['nick:', 'Ann Lee', 'example.com', 'Rose St', 'A-1']) expect(text).not.toContain(secret);
    const customer = await db.customers.get(ANN_ID);
    expect(customer).toMatchObject({ deleted: true, displayName: '', fields: {} });
    expect(customer!.keys.every((k) => k.startsWith('fk:'))).toBe(true);
    expect((await db.orders.toArray()).every((o) => o.deleted)).toBe(true);
    expect((await db.taggings.toArray()).every((t) => t.deleted && !t.addIds.length)).toBe(true);
    expect((await db.notes.toArray()).every((n) => n.deleted && n.text === '')).toBe(true);
    expect((await db.actionStates.toArray()).every((a) => a.deleted)).toBe(true);
    expect(await db.aggregates.count()).toBe(0);
    expect((await db.forgotten.toArray()).map((f) => f.id).sort()).toEqual(
      [forgottenKeyIdOf(SHOP_ID, 'nick:ann'), forgottenKeyIdOf(SHOP_ID, 'email:ann@example.com')].sort(),
    );
    expect((await db.outbox.toArray()).at(-1)).toMatchObject({ name: 'customer.forget' });
    // Gone from the owner's view and the profile.
    const profile = await service['profile.get']({ shopId: SHOP_ID, customerId: ANN_ID });
    expect(profile).toMatchObject({ known: false, orderCount: 0, notes: [], tagIds: [] });
    await expect(service['customer.export']({ shopId: SHOP_ID, customerId: ANN_ID })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('keeps them out of later imports (counted) and page sightings', async () => {
    const { service, db } = freshOwnerService();
    await annWithHistory(service);
    await service['customer.forget']({ shopId: SHOP_ID, customerId: ANN_ID });
    const before = await db.orders.toArray();

    // The import knows Ann only by her email: one of her keys is enough to leave her out.
    const summary = await importOrders(service, [
      { ...order('A-2', 'x', 500), buyer: { key: 'email:ann@example.com', otherKeys: [], displayName: 'Ann' } },
      order('B-1', 'bob', 700),
    ]);
    expect(summary.skippedForgotten).toBe(1);
    expect(summary.orders.added).toBe(1);
    await service['page.seen']({ shop: SHOP, orders: [{ ...order('A-3', 'ann', 100), buyer: ANN }], buyers: [ANN] });
    const customers = await db.customers.toArray();
    expect(customers.filter((c) => !c.deleted).map((c) => c.displayName)).toEqual(['bob']);
    expect((await db.orders.toArray()).filter((o) => !o.deleted).map((o) => o.orderId)).toEqual(['B-1']);
    expect((await db.orders.toArray()).filter((o) => o.deleted)).toEqual(before);
  });

  it('a tag added by hand re-admits them: pages and imports see them again', async () => {
    const { service, db } = freshOwnerService();
    const tag = await annWithHistory(service);
    await service['customer.forget']({ shopId: SHOP_ID, customerId: ANN_ID });

    await service['tagging.add']({ shop: SHOP, tagId: tag.id, buyers: [{ key: 'nick:ann', otherKeys: [], displayName: 'Ann' }] });
    expect((await db.forgotten.toArray()).every((f) => f.deleted)).toBe(true);
    const outbox = (await db.outbox.toArray()).slice(-3).map((e) => e.name);
    expect(outbox).toEqual(['customer.readmit', 'sightings.record', 'tagging.add']);
    const view = await service['shop.view']({ shopId: SHOP_ID, customerIds: [ANN_ID] });
    expect(view.tagsByCustomer[ANN_ID]).toEqual([tag.id]);

    // Her email was forgotten with her nick: it is let back in too.
    const summary = await importOrders(service, [
      { ...order('A-9', 'x', 500), buyer: { key: 'email:ann@example.com', otherKeys: [], displayName: 'Ann' } },
    ]);
    expect(summary.skippedForgotten).toBe(0);
    const live = (await db.customers.toArray()).filter((c) => !c.deleted);
    expect(live.map((c) => c.displayName)).toEqual(['Ann', 'Ann']);
  });
});
