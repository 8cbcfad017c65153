import { describe, expect, it } from 'vitest';
import { customerIdOf, taggingIdOf } from '@/lib/model/ids';
import { SHOP, SHOP_ID, freshOwnerService, order } from './helpers';

type Fresh = ReturnType<typeof freshOwnerService>;

const PAGE = { key: 'nick:ann', otherKeys: [], displayName: 'ann_88' };
const SHOPIFY = { key: 'email:ann@example.com', otherKeys: ['phone:+8613800000000'], displayName: 'Ann Lee' };
const PAGE_ID = customerIdOf(SHOP_ID, PAGE.key);
const SHOPIFY_ID = customerIdOf(SHOP_ID, SHOPIFY.key);

/** Two records of one person: one from the order pages, one from an import with contact details. */
async function twoAnns({ service }: Fresh) {
  await service['page.seen']({ shop: SHOP, orders: [{ ...order('P-1', 'x', 1000), buyer: PAGE }], buyers: [] });
  const { jobId } = await service['import.begin']({ shop: SHOP, fileName: 'c.csv', format: 'shopify-customers' });
  await service['import.stage']({
    jobId,
    orders: [{ ...order('S-1', 'x', 5000, { placedAt: '2026-09-01T10:00:00+08:00' }), buyer: SHOPIFY }],
    customers: [{ buyer: SHOPIFY, email: 'ann@example.com', phone: '+8613800000000', tags: ['VIP'], note: 'Wholesale' }],
  });
  await service['import.commit']({ jobId });
  const vip = (await service['shop.view']({ shopId: SHOP_ID, customerIds: [] })).tags[0]!;
  const gift = await service['tag.create']({ shopId: SHOP_ID, name: 'Gift' });
  await service['tagging.add']({ shop: SHOP, tagId: gift.id, buyers: [PAGE] });
  await service['tagging.add']({ shop: SHOP, tagId: vip.id, buyers: [PAGE] });
  await service['note.save']({ shopId: SHOP_ID, customerId: PAGE_ID, text: 'Asked for gift wrap', baseRev: 0 });
  await service['action.mark']({ shopId: SHOP_ID, customerId: PAGE_ID, ruleId: 'welcome', state: 'dismissed', factsKey: 'k1' });
  return { vip, gift };
}

async function everything(db: Fresh['db']) {
  const tables = ['customers', 'orders', 'taggings', 'notes', 'actionStates', 'aggregates', 'outbox', 'merges'] as const;
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await db.table(t).toArray()] as const)));
}

describe('merge customers', () => {
  it('moves keys, orders, tags, notes and action states to the survivor, with the chosen field values', async () => {
    const fresh = freshOwnerService();
    const { service, db } = fresh;
    const { vip, gift } = await twoAnns(fresh);
    const vipAddsBefore = [
      ...(await db.taggings.get(taggingIdOf(PAGE_ID, vip.id)))!.addIds,
      ...(await db.taggings.get(taggingIdOf(SHOPIFY_ID, vip.id)))!.addIds,
    ];

    await service['customers.merge']({ shopId: SHOP_ID, survivorId: PAGE_ID, mergedIds: [SHOPIFY_ID], keep: { displayName: SHOPIFY_ID, email: SHOPIFY_ID } });

    const survivor = await db.customers.get(PAGE_ID);
    expect(survivor).toMatchObject({ displayName: 'Ann Lee', email: 'ann@example.com' });
    expect(survivor!.phone).toBeUndefined();
    expect(survivor!.keys).toEqual(['nick:ann', 'email:ann@example.com', 'phone:+8613800000000']);
    expect(await db.customers.get(SHOPIFY_ID)).toMatchObject({ mergedInto: PAGE_ID, deleted: false });
    expect((await db.orders.toArray()).map((o) => o.customerId)).toEqual([PAGE_ID, PAGE_ID]);
    expect(await db.aggregates.get(PAGE_ID)).toMatchObject({ orderCount: 2, totalMinor: 6000 });
    expect(await db.aggregates.get(SHOPIFY_ID)).toBeUndefined();

    const profile = await service['profile.get']({ shopId: SHOP_ID, customerId: PAGE_ID });
    expect(profile.tagIds.sort()).toEqual([vip.id, gift.id].sort());
    expect(profile.notes.map((n) => n.text).sort()).toEqual(['Asked for gift wrap', 'Wholesale']);
    // Add-wins: the survivor's VIP carries every add id either record had.
    expect((await db.taggings.get(taggingIdOf(PAGE_ID, vip.id)))!.addIds.sort()).toEqual(vipAddsBefore.sort());
    expect(await db.taggings.get(taggingIdOf(SHOPIFY_ID, vip.id))).toMatchObject({ deleted: true });

    // The merged one is gone from every list of the owner.
    const facts = await fresh.handlers['rules.preview']({ shopId: SHOP_ID, rules: [] }, { id: 'self-extension-id' });
    expect(facts.customers).toBe(1);
    const list = await service['merges.list']({ shopId: SHOP_ID });
    expect(list).toMatchObject([{ survivorId: PAGE_ID, survivorName: 'Ann Lee', merged: 1 }]);
  });

  it('undo puts back exactly what was there and retracts the merge in the outbox, keeping its mid', async () => {
    const fresh = freshOwnerService();
    const { service, db } = fresh;
    await twoAnns(fresh);
    const { outbox: outboxBefore, ...before } = await everything(db);
    const { mergeId } = await service['customers.merge']({ shopId: SHOP_ID, survivorId: SHOPIFY_ID, mergedIds: [PAGE_ID] });
    const { outbox: outboxMerged, ...merged } = await everything(db);
    expect(merged).not.toEqual(before);

    expect(await service['customers.unmerge']({ mergeId })).toEqual({ undone: true });
    const { outbox: outboxAfter, ...after } = await everything(db);
    expect(after).toEqual(before);
    // The merge's entry stays at its mid as a retraction: the mids pushed have no hole.
    const mergeEntry = (outboxMerged as { mid: number; name: string }[]).at(-1)!;
    expect(mergeEntry.name).toBe('customer.merge');
    expect(outboxAfter).toEqual([...(outboxBefore as unknown[]), { ...mergeEntry, name: 'outbox.retracted', args: { name: 'customer.merge' } }]);
    expect(await service['merges.list']({ shopId: SHOP_ID })).toEqual([]);
    await expect(service['customers.unmerge']({ mergeId })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('once the merge has left the outbox (synced), undo is refused and nothing changes', async () => {
    const fresh = freshOwnerService();
    const { service, db } = fresh;
    await twoAnns(fresh);
    const { mergeId } = await service['customers.merge']({ shopId: SHOP_ID, survivorId: PAGE_ID, mergedIds: [SHOPIFY_ID] });
    // What a sync does with acknowledged mutations.
    await db.outbox.clear();
    const after = await everything(db);
    await expect(service['customers.unmerge']({ mergeId })).rejects.toThrow(/already been sent/);
    expect(await everything(db)).toEqual(after);
    expect(await service['merges.list']({ shopId: SHOP_ID })).toEqual([]);
  });

  it('page sightings and tags of a merged buyer land on the survivor, and pages see the survivor under the id they ask for', async () => {
    const fresh = freshOwnerService();
    const { service, db } = fresh;
    const { gift } = await twoAnns(fresh);
    await service['customers.merge']({ shopId: SHOP_ID, survivorId: SHOPIFY_ID, mergedIds: [PAGE_ID] });

    const view = await service['page.seen']({ shop: SHOP, orders: [{ ...order('P-2', 'x', 700), buyer: PAGE }], buyers: [] });
    expect((await db.orders.toArray()).find((o) => o.orderId === 'P-2')).toMatchObject({ customerId: SHOPIFY_ID });
    // The action marked on the merged record moved with it.
    expect((await db.actionStates.toArray()).filter((a) => !a.deleted)).toMatchObject([{ customerId: SHOPIFY_ID, ruleId: 'welcome', state: 'dismissed' }]);
    expect(await db.customers.get(PAGE_ID)).toMatchObject({ mergedInto: SHOPIFY_ID });
    expect(view.tagsByCustomer[PAGE_ID]).toContain(gift.id);
    expect(view.markers[PAGE_ID]).toMatchObject({ orderCount: 3 });
    const profile = await service['profile.get']({ shopId: SHOP_ID, customerId: PAGE_ID });
    expect(profile).toMatchObject({ customerId: PAGE_ID, known: true, displayName: 'Ann Lee', orderCount: 3 });

    const again = await service['tag.create']({ shopId: SHOP_ID, name: 'Again' });
    await service['tagging.add']({ shop: SHOP, tagId: again.id, buyers: [PAGE] });
    expect(await db.taggings.get(taggingIdOf(SHOPIFY_ID, again.id))).toMatchObject({ deleted: false });
    expect(await db.taggings.get(taggingIdOf(PAGE_ID, again.id))).toBeUndefined();
  });

  it('refuses a merge with customers that are unknown, already merged or the survivor alone', async () => {
    const fresh = freshOwnerService();
    const { service, db } = fresh;
    await twoAnns(fresh);
    const outbox = await db.outbox.count();
    await expect(service['customers.merge']({ shopId: SHOP_ID, survivorId: PAGE_ID, mergedIds: [PAGE_ID] })).rejects.toMatchObject({ code: 'invalid' });
    await expect(service['customers.merge']({ shopId: SHOP_ID, survivorId: PAGE_ID, mergedIds: ['c_nobody'] })).rejects.toThrow(/cannot be merged/);
    await expect(
      service['customers.merge']({ shopId: SHOP_ID, survivorId: PAGE_ID, mergedIds: [SHOPIFY_ID], keep: { email: 'c_other' } }),
    ).rejects.toThrow(/one of the customers being merged/);
    expect(await db.outbox.count()).toBe(outbox);
  });
});

describe('after a merge, pages that still name the merged id', () => {
  it('save notes, mark actions and remove tags on the survivor, where its profile shows them', async () => {
    const fresh = freshOwnerService();
    const { service, db } = fresh;
    const { gift } = await twoAnns(fresh);
    await service['customers.merge']({ shopId: SHOP_ID, survivorId: SHOPIFY_ID, mergedIds: [PAGE_ID] });

    // A content script derives PAGE_ID from the nick it sees: every hand action lands on the survivor.
    const { noteId } = await service['note.save']({ shopId: SHOP_ID, customerId: PAGE_ID, text: 'Called back', baseRev: 0 });
    expect((await db.notes.get(noteId))!.customerId).toBe(SHOPIFY_ID);
    await service['action.mark']({ shopId: SHOP_ID, customerId: PAGE_ID, ruleId: 'care', state: 'done', factsKey: 'k2' });
    expect((await db.actionStates.toArray()).filter((a) => a.ruleId === 'care').map((a) => a.customerId)).toEqual([SHOPIFY_ID]);
    expect(await service['tagging.remove']({ shopId: SHOP_ID, tagId: gift.id, customerIds: [PAGE_ID] })).toEqual({ changed: 1 });

    const profile = await service['profile.get']({ shopId: SHOP_ID, customerId: PAGE_ID });
    expect(profile.notes.map((n) => n.text)).toContain('Called back');
    expect(profile.tagIds).not.toContain(gift.id);
  });
});
