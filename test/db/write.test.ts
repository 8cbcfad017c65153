import { describe, expect, it } from 'vitest';
import { applyMutations, mutation } from '@/lib/db/write';
import { MUTATORS } from '@/lib/db/mutators';
import { parseHlc } from '@/lib/sync/hlc';
import { SHOP, SHOP_ID, freshService, order } from './helpers';

describe('applyMutations: every write is one transaction with its outbox entry', () => {
  it('applies the change and appends one outbox entry carrying the same hybrid clock', async () => {
    const { db } = freshService();
    const { changed } = await applyMutations(db, [
      mutation('tag.put', { shopId: SHOP_ID, tagId: 't1', name: 'VIP', color: 'red' }),
    ]);
    expect(changed).toBe(true);
    const [tag] = await db.tags.toArray();
    const [entry] = await db.outbox.toArray();
    expect(tag?.name).toBe('VIP');
    expect(entry).toMatchObject({ name: 'tag.put', mid: 1, hlc: tag!.hlc });
    expect(entry!.clientId).toMatch(/^cl_/);
    expect(parseHlc(entry!.hlc)?.node).toBe(entry!.clientId);
  });

  it('numbers mutations with increasing mids and increasing clocks, even when the wall clock goes back', async () => {
    const { db } = freshService();
    const times = [5_000, 4_000, 4_000];
    let i = 0;
    const now = () => times[Math.min(i++, times.length - 1)]!;
    await applyMutations(db, [mutation('tag.put', { shopId: SHOP_ID, tagId: 't1', name: 'a', color: 'red' })], now);
    await applyMutations(db, [mutation('tag.put', { shopId: SHOP_ID, tagId: 't2', name: 'b', color: 'red' })], now);
    await applyMutations(db, [mutation('tag.put', { shopId: SHOP_ID, tagId: 't3', name: 'c', color: 'red' })], now);
    const entries = await db.outbox.toArray();
    expect(entries.map((e) => e.mid)).toEqual([1, 2, 3]);
    const stamps = entries.map((e) => e.hlc);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(3);
  });

  it('writes nothing, not even the outbox, when one mutation of the batch fails', async () => {
    const { db } = freshService();
    const original = MUTATORS['note.put'];
    (MUTATORS as Record<string, unknown>)['note.put'] = async () => {
      throw new Error('disk full');
    };
    try {
      await expect(
        applyMutations(db, [
          mutation('tag.put', { shopId: SHOP_ID, tagId: 't1', name: 'VIP', color: 'red' }),
          mutation('note.put', { shopId: SHOP_ID, noteId: 'n1', customerId: 'c1', text: 'x', baseRev: 0, authorName: 'A' }),
        ]),
      ).rejects.toThrow('disk full');
    } finally {
      (MUTATORS as Record<string, unknown>)['note.put'] = original;
    }
    expect(await db.tags.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('leaves the outbox alone when a write changes nothing', async () => {
    const { db } = freshService();
    const seen = mutation('sightings.record', { shop: SHOP, orders: [order('1001', '张三', 12_345)], buyers: [] });
    expect((await applyMutations(db, [seen])).changed).toBe(true);
    expect((await applyMutations(db, [seen])).changed).toBe(false);
    expect(await db.outbox.count()).toBe(1);
    expect(await db.orders.count()).toBe(1);
  });

  it('refuses mutation arguments that do not match the schema the server will use', () => {
    expect(() => mutation('tag.put', { shopId: SHOP_ID, tagId: 't1', name: '   ', color: 'red' })).toThrow();
    expect(() => mutation('tag.put', { shopId: SHOP_ID, tagId: 't1', name: 'x', color: 'chartreuse' })).toThrow();
  });
});
