import { describe, expect, it } from 'vitest';
import { InsightEngine } from '@/lib/db/insights';
import { buildShopStats, markerOf } from '@/lib/insights/insight';
import { DEFAULT_ACTION_RULES } from '@/lib/model/action-rules';
import { customerIdOf } from '@/lib/model/ids';
import { SHOP, SHOP_ID, freshService, order } from './helpers';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-20T12:00:00+08:00');
const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString().replace('Z', '+00:00');
const idOf = (nick: string) => customerIdOf(SHOP_ID, `nick:${nick}`);

describe('per-customer aggregates follow every write', () => {
  it('are kept in the same transaction as the orders, and follow a refund', async () => {
    const { service, db } = freshService({ now: () => NOW });
    await service['page.seen']({ shop: SHOP, orders: [order('1', '张三', 10_000, { placedAt: at(40) }), order('2', '张三', 5_000, { placedAt: at(10) })], buyers: [] }, {});
    expect(await db.aggregates.get(idOf('张三'))).toMatchObject({ orderCount: 2, totalMinor: 15_000, currency: 'CNY', lastOrderId: '2' });
    await service['page.seen']({ shop: SHOP, orders: [order('2', '张三', 5_000, { placedAt: at(10), status: 'refunded' })], buyers: [] }, {});
    expect(await db.aggregates.get(idOf('张三'))).toMatchObject({ orderCount: 1, totalMinor: 10_000 });
  });

  it('keep an order’s earlier figures when a later sighting changes them (latest wins)', async () => {
    const { service, db } = freshService({ now: () => NOW });
    await service['page.seen']({ shop: SHOP, orders: [order('7', '张三', 10_000)], buyers: [] }, {});
    await service['page.seen']({ shop: SHOP, orders: [order('7', '张三', 12_000)], buyers: [] }, {});
    const [stored] = await db.orders.toArray();
    expect(stored!.total).toEqual({ amountMinor: 12_000, currency: 'CNY' });
    expect(stored!.history).toEqual([expect.objectContaining({ total: { amountMinor: 10_000, currency: 'CNY' }, status: 'paid' })]);
    const profile = await service['profile.get']({ shopId: SHOP_ID, customerId: idOf('张三') }, {});
    expect(profile.orders[0]).toMatchObject({ orderId: '7', changes: 1 });
    expect(await db.orders.count()).toBe(1);
  });

  it('move with an order that changes buyer: both buyers are recomputed', async () => {
    const { service, db } = freshService({ now: () => NOW });
    await service['page.seen']({ shop: SHOP, orders: [order('9', '张三', 10_000)], buyers: [] }, {});
    await service['page.seen']({ shop: SHOP, orders: [order('9', '李四', 10_000)], buyers: [] }, {});
    expect(await db.aggregates.get(idOf('张三'))).toBeUndefined();
    expect(await db.aggregates.get(idOf('李四'))).toMatchObject({ orderCount: 1 });
  });
});

describe('the shop statistics', () => {
  it('followed incrementally equal a rebuild from scratch', async () => {
    const { service, db } = freshService({ now: () => NOW });
    // Warm the cache first, so every later write goes down the incremental path.
    await service['shop.view']({ shopId: SHOP_ID, customerIds: [] }, {});
    const nicks = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    let n = 0;
    for (let round = 0; round < 4; round++) {
      for (const [i, nick] of nicks.entries()) {
        if ((i + round) % 3 === 0) continue;
        n++;
        const status = n % 5 === 0 ? 'refunded' : 'paid';
        await service['page.seen']({ shop: SHOP, orders: [order(String(n), nick, 1_000 * (i + 1) * (round + 1), { placedAt: at(200 - 40 * round - i), status })], buyers: [] }, {});
      }
    }
    const view = await service['shop.view']({ shopId: SHOP_ID, customerIds: nicks.map(idOf) }, {});
    const fresh = buildShopStats(await db.aggregates.toArray(), NOW);
    for (const nick of nicks) {
      const expected = markerOf(await db.aggregates.get(idOf(nick)), fresh, NOW);
      if (expected.orderCount) expect(view.markers[idOf(nick)], nick).toEqual(expected);
      else expect(view.markers[idOf(nick)], nick).toBeUndefined();
    }
  });

  it('a fresh engine over the same database answers the same (worker restart)', async () => {
    const { service, db } = freshService({ now: () => NOW });
    await service['page.seen']({ shop: SHOP, orders: [order('1', 'a', 100, { placedAt: at(3) }), order('2', 'b', 900, { placedAt: at(90) })], buyers: [] }, {});
    const before = await service['shop.view']({ shopId: SHOP_ID, customerIds: [idOf('a'), idOf('b')] }, {});
    const restarted = new InsightEngine(db, () => NOW);
    expect(await restarted.markers(SHOP_ID, [idOf('a'), idOf('b')])).toEqual(before.markers);
  });
});

describe('insights in the profile', () => {
  it('a new buyer: stage new, a welcome suggestion with its reasons', async () => {
    const { service } = freshService({ now: () => NOW });
    await service['page.seen']({ shop: SHOP, orders: [order('1', '张三', 23_970, { placedAt: at(5) })], buyers: [] }, {});
    const { insight } = await service['profile.get']({ shopId: SHOP_ID, customerId: idOf('张三') }, {});
    expect(insight).toMatchObject({ stage: 'new', orderCount: 1, totalMinor: 23_970, recencyDays: 5, avgOrderMinor: 23_970 });
    const welcome = insight.suggestions.find((s) => s.ruleId === 'welcome-new');
    expect(welcome?.kind).toBe('welcome');
    expect(welcome?.reasons.length).toBeGreaterThan(0);
  });

  it('a buyer with no orders is a prospect, shown honestly', async () => {
    const { service } = freshService({ now: () => NOW });
    await service['tag.create']({ shopId: SHOP_ID, name: 'VIP' }, {});
    const { insight, orders } = await service['profile.get']({ shopId: SHOP_ID, customerId: idOf('nobody') }, {});
    expect(orders).toEqual([]);
    expect(insight).toMatchObject({ stage: 'prospect', group: 'prospects', orderCount: 0 });
    expect(insight.recencyDays).toBeUndefined();
  });

  it('a suggestion marked done stays away until its facts change', async () => {
    const { service } = freshService({ now: () => NOW });
    await service['page.seen']({ shop: SHOP, orders: [order('1', '张三', 100, { placedAt: at(2), status: 'delivered' })], buyers: [] }, {});
    const first = await service['profile.get']({ shopId: SHOP_ID, customerId: idOf('张三') }, {});
    const thanks = first.insight.suggestions.find((s) => s.kind === 'thanks');
    expect(thanks).toBeDefined();
    await service['action.mark']({ shopId: SHOP_ID, customerId: idOf('张三'), ruleId: thanks!.ruleId, state: 'done', factsKey: thanks!.factsKey }, {});
    const after = await service['profile.get']({ shopId: SHOP_ID, customerId: idOf('张三') }, {});
    expect(after.insight.suggestions.map((s) => s.ruleId)).not.toContain(thanks!.ruleId);
    // A new delivered order: new facts, the thank-you is due again.
    await service['page.seen']({ shop: SHOP, orders: [order('2', '张三', 100, { placedAt: at(1), status: 'delivered' })], buyers: [] }, {});
    const again = await service['profile.get']({ shopId: SHOP_ID, customerId: idOf('张三') }, {});
    expect(again.insight.suggestions.map((s) => s.ruleId)).toContain(thanks!.ruleId);
  });
});

describe('action rules', () => {
  it('are the defaults until the owner saves their own; invalid rules are refused whole', async () => {
    const { service } = freshService({ now: () => NOW });
    expect(await service['rules.get']({ shopId: SHOP_ID }, {})).toEqual({ rules: DEFAULT_ACTION_RULES, isDefault: true });
    const mine = [{ ...DEFAULT_ACTION_RULES[0]!, action: 'Call them today' }];
    await service['rules.save']({ shopId: SHOP_ID, rules: mine }, {});
    expect(await service['rules.get']({ shopId: SHOP_ID }, {})).toEqual({ rules: mine, isDefault: false });
    const broken = [{ ...mine[0]!, when: [{ field: 'order_count', op: 'has', value: 'x' }] }];
    await expect(service['rules.save']({ shopId: SHOP_ID, rules: broken as never }, {})).rejects.toMatchObject({ code: 'invalid' });
    expect((await service['rules.get']({ shopId: SHOP_ID }, {})).rules).toEqual(mine);
  });

  it('preview how many buyers each rule fires for', async () => {
    const { service } = freshService({ now: () => NOW });
    await service['page.seen'](
      {
        shop: SHOP,
        orders: [order('1', 'a', 100, { placedAt: at(3) }), order('2', 'b', 100, { placedAt: at(4) }), order('3', 'c', 100, { placedAt: at(5) }), order('4', 'c', 100, { placedAt: at(30) })],
        buyers: [],
      },
      {},
    );
    const rules = [
      { id: 'one-timers', name: 'One-timers', enabled: true, priority: 50, kind: 'custom' as const, action: 'x', when: [{ field: 'order_count' as const, op: '=' as const, value: 1 }] },
      { id: 'repeat', name: 'Repeat', enabled: true, priority: 50, kind: 'custom' as const, action: 'y', when: [{ field: 'order_count' as const, op: '>=' as const, value: 2 }] },
    ];
    expect(await service['rules.preview']({ shopId: SHOP_ID, rules }, {})).toEqual({ customers: 3, matches: { 'one-timers': 2, repeat: 1 } });
  });
});
