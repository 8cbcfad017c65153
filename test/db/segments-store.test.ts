import { describe, expect, it } from 'vitest';
import { segmentIdOf } from '@/lib/model/ids';
import { RpcError } from '@/lib/rpc/server';
import { segmentsZhCN } from '@/lib/i18n/segments.zh-CN';
import { SHOP_ID } from './helpers';
import { NOW, ownerService } from './lists-helpers';

describe('segments: saved queries of a shop', () => {
  it('saves, lists by name, renames in place and deletes, each through the outbox', async () => {
    const { service, db } = ownerService({ now: () => NOW });
    const lapsed = await service['segments.save']({ shopId: SHOP_ID, name: 'Lapsed spenders', query: 'amount_spent >= 500 AND last_order_date < -60d', color: 'red' }, {});
    expect(lapsed.segmentId).toBe(segmentIdOf(SHOP_ID, 'Lapsed spenders'));
    await service['segments.save']({ shopId: SHOP_ID, name: '  高价值客户 ', query: "rfm_group = 'champions'", color: 'amber' }, {});
    await service['segments.save']({ shopId: SHOP_ID, name: 'Champions', query: "rfm_group = 'champions'", color: 'green' }, {});
    const list = await service['segments.list']({ shopId: SHOP_ID }, {});
    expect(list.map((s) => s.name)).toEqual(['高价值客户', 'Champions', 'Lapsed spenders']);
    expect(await service['segments.list']({ shopId: 'demo:other' }, {})).toEqual([]);

    await service['segments.save']({ shopId: SHOP_ID, segmentId: lapsed.segmentId, name: 'Win back', query: 'last_order_date < -90d', color: 'orange' }, {});
    const renamed = (await service['segments.list']({ shopId: SHOP_ID }, {})).find((s) => s.id === lapsed.segmentId);
    expect(renamed).toMatchObject({ id: lapsed.segmentId, name: 'Win back', query: 'last_order_date < -90d', color: 'orange' });
    // What it said before stays within reach.
    expect(renamed!.history!.map((v) => [v.name, v.query])).toEqual([['Lapsed spenders', 'amount_spent >= 500 AND last_order_date < -60d']]);

    // A new segment with the old name must not overwrite the renamed one that still holds its id.
    const again = await service['segments.save']({ shopId: SHOP_ID, name: 'Lapsed spenders', query: 'number_of_orders = 1', color: 'slate' }, {});
    expect(again.segmentId).not.toBe(lapsed.segmentId);
    expect(await service['segments.list']({ shopId: SHOP_ID }, {})).toHaveLength(4);

    expect(await service['segments.delete']({ shopId: SHOP_ID, segmentId: lapsed.segmentId }, {})).toEqual({ deleted: true });
    expect((await service['segments.list']({ shopId: SHOP_ID }, {})).map((s) => s.name)).toEqual(['高价值客户', 'Champions', 'Lapsed spenders']);
    const names = (await db.outbox.toArray()).map((e) => e.name);
    expect(names.filter((n) => n === 'segment.put')).toHaveLength(5);
    expect(names.filter((n) => n === 'segment.delete')).toHaveLength(1);
  });

  it('keeps names unique per shop whatever their case', async () => {
    const { service } = ownerService({ now: () => NOW });
    const vip = await service['segments.save']({ shopId: SHOP_ID, name: 'VIP', query: 'amount_spent > 1000', color: 'amber' }, {});
    const other = await service['segments.save']({ shopId: SHOP_ID, name: 'Other', query: 'amount_spent > 1', color: 'amber' }, {});
    await expect(service['segments.save']({ shopId: SHOP_ID, name: 'vip', query: 'amount_spent > 5', color: 'red' }, {})).rejects.toThrow(
      new RpcError('conflict', 'There is already a segment called “VIP”. Choose another name.'),
    );
    await expect(service['segments.save']({ shopId: SHOP_ID, segmentId: other.segmentId, name: 'Vip', query: 'amount_spent > 5', color: 'red' }, {})).rejects.toThrow(/already a segment/);
    // Renaming a segment to its own name in another case is fine.
    await expect(service['segments.save']({ shopId: SHOP_ID, segmentId: vip.segmentId, name: 'vip', query: 'amount_spent > 1000', color: 'amber' }, {})).resolves.toEqual(vip);
    // Another shop has its own names.
    await expect(service['segments.save']({ shopId: 'demo:other', name: 'VIP', query: 'amount_spent > 5', color: 'red' }, {})).resolves.toBeDefined();
  });

  it('refuses a query that does not check, in the owner’s language, and saves nothing', async () => {
    const { service, db } = ownerService({ now: () => NOW, language: 'zh-CN' });
    await expect(service['segments.save']({ shopId: SHOP_ID, name: 'Bad', query: 'amount_spent >= ', color: 'red' }, {})).rejects.toThrow(
      new RpcError('invalid', segmentsZhCN['segment.error.expectedValue']),
    );
    await expect(service['segments.save']({ shopId: SHOP_ID, name: 'Empty', query: '', color: 'red' }, {})).rejects.toMatchObject({ code: 'invalid' });
    expect(await db.segments.count()).toBe(0);
  });

  it('reports a segment that is gone', async () => {
    const { service } = ownerService({ now: () => NOW });
    await expect(service['segments.delete']({ shopId: SHOP_ID, segmentId: 'sg:nope' }, {})).rejects.toMatchObject({ code: 'not-found' });
    await expect(service['segments.save']({ shopId: SHOP_ID, segmentId: 'sg:nope', name: 'X', query: 'amount_spent > 1', color: 'red' }, {})).rejects.toMatchObject({ code: 'not-found' });
  });
});
