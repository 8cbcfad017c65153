import { describe, expect, it } from 'vitest';
import type { SiteRecipe } from '@/lib/model/recipe';
import { patternsToRequest } from '@/lib/platform/site-access';
import { SHOP, SHOP_ID, freshService, order } from './helpers';

const recipe = (id: string, origin = 'https://admin.example.test'): SiteRecipe => ({
  id,
  origin,
  pathPrefix: '/orders',
  name: 'Shoply orders',
  rowSelector: '#orders tbody > tr.order-row',
  fields: { buyer: 'a.buyer' },
  createdAt: 1,
  version: 1,
});

describe('taught site recipes', () => {
  it('are saved, listed, replaced whole and deleted, each write in the outbox', async () => {
    const { service, db } = freshService();
    await service['recipes.save']({ recipe: recipe('r1') }, {});
    await service['recipes.save']({ recipe: { ...recipe('r1'), name: 'Renamed' } }, {});
    expect(await service['recipes.list']({}, {})).toEqual([{ ...recipe('r1'), name: 'Renamed' }]);
    await service['recipes.delete']({ id: 'r1' }, {});
    expect(await service['recipes.list']({}, {})).toEqual([]);
    expect((await db.outbox.toArray()).map((e) => e.name)).toEqual(['recipe.put', 'recipe.put', 'recipe.delete']);
    await expect(service['recipes.delete']({ id: 'r1' }, {})).rejects.toMatchObject({ code: 'not-found' });
  });

  it('an imported file applies whole or not at all', async () => {
    const { service } = freshService();
    const file = { format: 'buyerlens-recipes' as const, version: 1 as const, recipes: [recipe('a'), recipe('b', 'https://other.example.test')] };
    expect(await service['recipes.import']({ file }, {})).toEqual({ imported: 2 });
    const broken = { ...file, recipes: [recipe('c'), { ...recipe('d'), rowSelector: 'tr <script>' }] };
    await expect(service['recipes.import']({ file: broken }, {})).rejects.toMatchObject({ code: 'invalid' });
    expect((await service['recipes.list']({}, {})).map((r) => r.id).sort()).toEqual(['a', 'b']);
  });
});

describe('finding a buyer by hand', () => {
  it('matches names and platform keys, names first, within the shop only', async () => {
    const { service } = freshService();
    await service['page.seen']({ shop: SHOP, orders: [order('1', '小鱼儿', 100), order('2', 'tb_xiaoyu', 100), order('3', '张三', 100)], buyers: [] }, {});
    await service['page.seen']({ shop: { ...SHOP, key: 'other' }, orders: [order('9', '小鱼干', 100)], buyers: [] }, {});
    const hits = await service['customers.search']({ shopId: SHOP_ID, query: '小鱼' }, {});
    expect(hits.map((h) => h.displayName)).toEqual(['小鱼儿']);
    const byKey = await service['customers.search']({ shopId: SHOP_ID, query: 'XIAOYU' }, {});
    expect(byKey).toEqual([expect.objectContaining({ displayName: 'tb_xiaoyu', key: 'nick:tb_xiaoyu' })]);
    await expect(service['customers.search']({ shopId: SHOP_ID, query: '   ' }, {})).rejects.toMatchObject({ code: 'invalid' });
  });
});

describe('what enabling a site asks for', () => {
  it.each([
    [['https://admin.shopify.com/*'], 'https://admin.shopify.com/store/x/orders', ['https://admin.shopify.com/*']],
    [[], 'https://shop.example.com/wp-admin/admin.php?page=wc-orders', ['https://shop.example.com/*']],
    [[], 'http://localhost:8080/wp-admin/edit.php', ['http://localhost/*']],
  ])('%j on %s → %j', (patterns, url, expected) => {
    expect(patternsToRequest(patterns, new URL(url))).toEqual(expected);
  });
});
