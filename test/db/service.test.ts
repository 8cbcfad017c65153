import { describe, expect, it } from 'vitest';
import { RpcError } from '@/lib/rpc/server';
import { customerIdOf } from '@/lib/model/ids';
import { SHOP, SHOP_ID, buyer, freshService, order } from './helpers';

const zhang = customerIdOf(SHOP_ID, 'nick:张三');
const li = customerIdOf(SHOP_ID, 'nick:李四');

describe('page.seen: orders seen on pages become purchase history', () => {
  it('records each order once, deduplicated by order id, and creates its buyer', async () => {
    const { service, db } = freshService();
    const orders = [order('1001', '张三', 12_345), order('1002', '张三', 500), order('1003', '李四', 9_900)];
    await service['page.seen']({ shop: SHOP, orders, buyers: [] }, {});
    await service['page.seen']({ shop: SHOP, orders, buyers: [] }, {});
    expect(await db.orders.count()).toBe(3);
    expect(await db.customers.count()).toBe(2);
    expect((await db.shops.get(SHOP_ID))?.name).toBe('花开小铺');
  });

  it('updates an order whose status changed, keeping fields the page did not show', async () => {
    const { service } = freshService();
    const first = order('1001', '张三', 12_345, { items: [{ name: '永生花礼盒', quantity: 1 }] });
    await service['page.seen']({ shop: SHOP, orders: [first], buyers: [] }, {});
    const withoutItems = order('1001', '张三', 12_345, { status: 'refunded' });
    await service['page.seen']({ shop: SHOP, orders: [withoutItems], buyers: [] }, {});
    const profile = await service['profile.get']({ shopId: SHOP_ID, customerId: zhang }, {});
    expect(profile.orders).toHaveLength(1);
    expect(profile.orders[0]).toMatchObject({ status: 'refunded', counted: false, items: [{ name: '永生花礼盒', quantity: 1 }] });
    expect(profile.orderCount).toBe(0);
    expect(profile.totalSpent).toEqual([]);
  });

  it('answers with the shop tags and the tags of the buyers shown', async () => {
    const { service } = freshService();
    const tag = await service['tag.create']({ shopId: SHOP_ID, name: 'VIP' }, {});
    await service['tagging.add']({ shop: SHOP, tagId: tag.id, buyers: [buyer('张三')] }, {});
    const view = await service['page.seen']({ shop: SHOP, orders: [order('1', '张三', 1), order('2', '李四', 1)], buyers: [] }, {});
    expect(view.tags.map((t) => t.name)).toEqual(['VIP']);
    expect(view.tagsByCustomer[zhang]).toEqual([tag.id]);
    expect(view.tagsByCustomer[li]).toBeUndefined();
  });
});

describe('tags', () => {
  it('trims names and keeps them unique per shop regardless of case', async () => {
    const { service } = freshService();
    const tag = await service['tag.create']({ shopId: SHOP_ID, name: '  VIP  客户 ' }, {});
    expect(tag.name).toBe('VIP 客户');
    await expect(service['tag.create']({ shopId: SHOP_ID, name: 'vip 客户' }, {})).rejects.toThrow(
      new RpcError('conflict', 'A tag named “VIP 客户” already exists.'),
    );
    // Another shop may have its own tag of the same name.
    await expect(service['tag.create']({ shopId: 'demo:other', name: 'VIP 客户' }, {})).resolves.toMatchObject({ name: 'VIP 客户' });
  });

  it('refuses to rename a tag onto another tag’s name', async () => {
    const { service } = freshService();
    const a = await service['tag.create']({ shopId: SHOP_ID, name: 'A' }, {});
    await service['tag.create']({ shopId: SHOP_ID, name: 'B' }, {});
    await expect(service['tag.update']({ shopId: SHOP_ID, tagId: a.id, name: 'b' }, {})).rejects.toThrow(/already exists/);
    await expect(service['tag.update']({ shopId: SHOP_ID, tagId: a.id, color: 'green' }, {})).resolves.toMatchObject({ color: 'green' });
  });

  it('hides a deleted tag from every buyer', async () => {
    const { service } = freshService();
    const tag = await service['tag.create']({ shopId: SHOP_ID, name: 'VIP' }, {});
    await service['tagging.add']({ shop: SHOP, tagId: tag.id, buyers: [buyer('张三')] }, {});
    await service['tag.delete']({ shopId: SHOP_ID, tagId: tag.id }, {});
    const view = await service['shop.view']({ shopId: SHOP_ID, customerIds: [zhang] }, {});
    expect(view.tags).toEqual([]);
    expect(view.tagsByCustomer[zhang]).toBeUndefined();
    await expect(service['tagging.add']({ shop: SHOP, tagId: tag.id, buyers: [buyer('张三')] }, {})).rejects.toThrow(/no longer exists/);
  });
});

describe('taggings: their own records, add-wins', () => {
  it('tags many buyers at once, creating buyers not yet known, in one outbox write', async () => {
    const { service, db, changes } = freshService();
    const tag = await service['tag.create']({ shopId: SHOP_ID, name: '回购' }, {});
    const before = await db.outbox.count();
    const { changed } = await service['tagging.add']({ shop: SHOP, tagId: tag.id, buyers: [buyer('张三'), buyer('李四'), buyer('张三')] }, {});
    expect(changed).toBe(2);
    expect(await db.taggings.count()).toBe(2);
    expect(await db.customers.count()).toBe(2);
    expect(await db.outbox.count()).toBe(before + 2); // the buyers, then the taggings
    expect(changes.at(-1)).toBe(SHOP_ID);
  });

  it('does not pile up adds when a tagged buyer is tagged again', async () => {
    const { service, db } = freshService();
    const tag = await service['tag.create']({ shopId: SHOP_ID, name: 'VIP' }, {});
    await service['tagging.add']({ shop: SHOP, tagId: tag.id, buyers: [buyer('张三')] }, {});
    const again = await service['tagging.add']({ shop: SHOP, tagId: tag.id, buyers: [buyer('张三')] }, {});
    expect(again.changed).toBe(0);
    expect((await db.taggings.toArray())[0]!.addIds).toHaveLength(1);
  });

  it('a remove retires only the adds it had seen: a concurrent add survives', async () => {
    const { service, db } = freshService();
    const tag = await service['tag.create']({ shopId: SHOP_ID, name: 'VIP' }, {});
    await service['tagging.add']({ shop: SHOP, tagId: tag.id, buyers: [buyer('张三')] }, {});
    const [row] = await db.taggings.toArray();
    // Simulate a teammate's add arriving between our read and our remove.
    const { MUTATORS } = await import('@/lib/db/mutators');
    await db.transaction('rw', db.writeTables, () =>
      MUTATORS['tagging.add'](db, { now: 1, hlc: 'x', actor: 'bob', touched: new Set<string>() }, { shopId: SHOP_ID, tagId: tag.id, adds: [{ customerId: zhang, addId: 'bobs-add' }] }),
    );
    await db.transaction('rw', db.writeTables, () =>
      MUTATORS['tagging.remove'](db, { now: 2, hlc: 'y', actor: 'me', touched: new Set<string>() }, { shopId: SHOP_ID, tagId: tag.id, removes: [{ customerId: zhang, addIds: row!.addIds }] }),
    );
    const view = await service['shop.view']({ shopId: SHOP_ID, customerIds: [zhang] }, {});
    expect(view.tagsByCustomer[zhang]).toEqual([tag.id]);
  });

  it('removing through the service retires every add this browser knows of', async () => {
    const { service } = freshService();
    const tag = await service['tag.create']({ shopId: SHOP_ID, name: 'VIP' }, {});
    await service['tagging.add']({ shop: SHOP, tagId: tag.id, buyers: [buyer('张三')] }, {});
    expect(await service['tagging.remove']({ shopId: SHOP_ID, tagId: tag.id, customerIds: [zhang] }, {})).toEqual({ changed: 1 });
    const view = await service['shop.view']({ shopId: SHOP_ID, customerIds: [zhang] }, {});
    expect(view.tagsByCustomer[zhang]).toBeUndefined();
    expect(await service['tagging.remove']({ shopId: SHOP_ID, tagId: tag.id, customerIds: [zhang] }, {})).toEqual({ changed: 0 });
  });
});

describe('notes: own records, author and times, concurrent edits keep both texts', () => {
  it('adds, edits and deletes a note, signed by the author', async () => {
    let clock = 1_000;
    const { service } = freshService({ now: () => clock, authorName: '小王' });
    const { noteId } = await service['note.save']({ shopId: SHOP_ID, customerId: zhang, text: '喜欢红色包装', baseRev: 0 }, {});
    clock = 2_000;
    await service['note.save']({ shopId: SHOP_ID, customerId: zhang, noteId, text: '喜欢红色包装，周末收货', baseRev: 1 }, {});
    let profile = await service['profile.get']({ shopId: SHOP_ID, customerId: zhang }, {});
    expect(profile.notes).toEqual([
      expect.objectContaining({ id: noteId, text: '喜欢红色包装，周末收货', authorName: '小王', createdAt: 1_000, editedAt: 2_000, rev: 2 }),
    ]);
    await service['note.delete']({ shopId: SHOP_ID, noteId }, {});
    profile = await service['profile.get']({ shopId: SHOP_ID, customerId: zhang }, {});
    expect(profile.notes).toEqual([]);
  });

  it('keeps both texts when an edit was based on an older revision', async () => {
    const { service } = freshService();
    const { noteId } = await service['note.save']({ shopId: SHOP_ID, customerId: zhang, text: 'v1', baseRev: 0 }, {});
    await service['note.save']({ shopId: SHOP_ID, customerId: zhang, noteId, text: 'edit in tab A', baseRev: 1 }, {});
    await service['note.save']({ shopId: SHOP_ID, customerId: zhang, noteId, text: 'edit in tab B', baseRev: 1 }, {});
    const { notes } = await service['profile.get']({ shopId: SHOP_ID, customerId: zhang }, {});
    expect(notes.map((n) => n.text).sort()).toEqual(['edit in tab A', 'edit in tab B']);
    expect(notes.find((n) => n.text === 'edit in tab B')?.conflictOf).toBe(noteId);
  });

  it('says so when the note to edit or delete does not exist', async () => {
    const { service } = freshService();
    await expect(service['note.delete']({ shopId: SHOP_ID, noteId: 'n_missing' }, {})).rejects.toThrow('That note no longer exists.');
  });
});

describe('profile.get', () => {
  it('sums counted orders in integer minor units, newest order first', async () => {
    const { service } = freshService();
    await service['page.seen'](
      {
        shop: SHOP,
        orders: [
          order('1', '张三', 10, { placedAt: '2026-01-01T10:00:00+08:00' }),
          order('2', '张三', 20, { placedAt: '2026-03-01T10:00:00+08:00' }),
          order('3', '张三', 1_000_000, { placedAt: '2026-02-01T10:00:00+08:00', status: 'cancelled' }),
        ],
        buyers: [],
      },
      {},
    );
    const p = await service['profile.get']({ shopId: SHOP_ID, customerId: zhang }, {});
    expect(p).toMatchObject({ known: true, displayName: '张三', keys: ['nick:张三'], orderCount: 2, totalSpent: [{ currency: 'CNY', amountMinor: 30 }] });
    expect(p.orders.map((o) => o.orderId)).toEqual(['2', '3', '1']);
  });

  it('answers honestly for a buyer never seen', async () => {
    const { service } = freshService();
    const p = await service['profile.get']({ shopId: SHOP_ID, customerId: zhang }, {});
    expect(p).toMatchObject({ known: false, orderCount: 0, orders: [], notes: [], tagIds: [] });
  });
});
