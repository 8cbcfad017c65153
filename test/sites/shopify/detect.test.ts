import { describe, expect, it } from 'vitest';
import { shopifyAdapter } from '../../../lib/sites/shopify';
import { detectShopifyPage, orderIdOf, shopHandleOf } from '../../../lib/sites/shopify/detect';
import type { PageKind } from '../../../lib/sites/types';

/** Every example URL with the page kind it must be detected as (undefined: not a page we read). */
const EXAMPLES: ReadonlyArray<readonly [string, PageKind | undefined]> = [
  // order list (query strings: views, filters, search, cursor pagination)
  ['https://admin.shopify.com/store/blossom-teas/orders', 'order-list'],
  ['https://admin.shopify.com/store/blossom-teas/orders/', 'order-list'],
  ['https://admin.shopify.com/store/blossom-teas/orders?status=open', 'order-list'],
  ['https://admin.shopify.com/store/blossom-teas/orders?selectedView=unfulfilled&inContextTimeframe=last_30_days', 'order-list'],
  ['https://admin.shopify.com/store/blossom-teas/orders?after=eyJsYXN0X2lkIjo1NTV9&direction=next', 'order-list'],
  ['https://admin.shopify.com/store/blossom-teas/orders?query=%E5%BC%A0%E4%BC%9F', 'order-list'],
  ['https://admin.shopify.com/store/huakai-tea/orders#top', 'order-list'],
  ['https://admin.shopify.com:443/store/b/orders', 'order-list'],
  ['https://admin.shopify.com/store/Blossom-Teas/orders', 'order-list'],
  // order detail
  ['https://admin.shopify.com/store/blossom-teas/orders/5551234567890', 'order-detail'],
  ['https://admin.shopify.com/store/blossom-teas/orders/5551234567890/', 'order-detail'],
  ['https://admin.shopify.com/store/blossom-teas/orders/1?orderListBeta=true', 'order-detail'],
  ['https://admin.shopify.com/store/huakai-tea/orders/6660000000006#timeline', 'order-detail'],
  // customer pages: cards, not an order table with the list's columns → not read
  ['https://admin.shopify.com/store/blossom-teas/customers/7001', 'customer'],
  ['https://admin.shopify.com/store/blossom-teas/customers', undefined],
  // other admin pages
  ['https://admin.shopify.com/store/blossom-teas', undefined],
  ['https://admin.shopify.com/store/blossom-teas/', undefined],
  ['https://admin.shopify.com/store/blossom-teas/orders/5551234567890/refund', undefined],
  ['https://admin.shopify.com/store/blossom-teas/orders/5551234567890/edit', undefined],
  ['https://admin.shopify.com/store/blossom-teas/orders/5551234567890/fulfillment_orders/1/fulfill', undefined],
  ['https://admin.shopify.com/store/blossom-teas/orders/new', undefined],
  ['https://admin.shopify.com/store/blossom-teas/orders/abc', undefined],
  ['https://admin.shopify.com/store/blossom-teas/draft_orders', undefined],
  ['https://admin.shopify.com/store/blossom-teas/draft_orders/123', undefined],
  ['https://admin.shopify.com/store/blossom-teas/checkouts', undefined],
  ['https://admin.shopify.com/store/blossom-teas/products/8001', undefined],
  ['https://admin.shopify.com/store/blossom-teas/apps/inbox', undefined],
  ['https://admin.shopify.com/store/blossom-teas/ordersarchive', undefined],
  ['https://admin.shopify.com/store/blossom-teas/Orders', undefined],
  ['https://admin.shopify.com/orders', undefined],
  ['https://admin.shopify.com/store/', undefined],
  ['https://admin.shopify.com/store/-bad/orders', undefined],
  ['https://admin.shopify.com/store/bad_handle/orders', undefined],
  ['https://admin.shopify.com/', undefined],
  // other hosts, ports and schemes
  ['http://admin.shopify.com/store/blossom-teas/orders', undefined],
  // Ports do not matter, as in the browser's match patterns (the e2e server uses one).
  ['https://admin.shopify.com:8443/store/blossom-teas/orders', 'order-list'],
  ['https://blossom-teas.myshopify.com/admin/orders', undefined],
  ['https://admin.shopify.com.evil.example/store/blossom-teas/orders', undefined],
  ['https://shopify.com/store/blossom-teas/orders', undefined],
  ['https://accounts.shopify.com/store/blossom-teas/orders', undefined],
  ['http://127.0.0.1:5178/admin/orders', undefined],
  ['https://shop.example.com/wp-admin/admin.php?page=wc-orders', undefined],
];

describe('detectShopifyPage', () => {
  it.each(EXAMPLES)('%s → %s', (href, expected) => {
    expect(detectShopifyPage(new URL(href))).toBe(expected);
  });

  it('is what the adapter uses', () => {
    for (const [href, expected] of EXAMPLES) expect(shopifyAdapter.detect(new URL(href))).toBe(expected);
  });

  it('covers every page kind it knows, and no chat', () => {
    expect(new Set(EXAMPLES.map(([, kind]) => kind))).toEqual(new Set(['order-list', 'order-detail', 'customer', undefined]));
    expect(shopifyAdapter.chat).toBeUndefined();
  });

  it('asks for the admin host only', () => {
    expect(shopifyAdapter.hostPatterns).toEqual(['https://admin.shopify.com/*']);
    expect(shopifyAdapter.id).toBe('shopify');
  });
});

describe('shopHandleOf / orderIdOf', () => {
  it.each([
    ['https://admin.shopify.com/store/blossom-teas/orders', 'blossom-teas', undefined],
    ['https://admin.shopify.com/store/Blossom-Teas/orders/5551234567890', 'blossom-teas', '5551234567890'],
    ['https://admin.shopify.com/store/huakai-tea/customers/9101', 'huakai-tea', undefined],
    ['https://admin.shopify.com/store/x/orders/12/', 'x', '12'],
    ['https://blossom-teas.myshopify.com/admin/orders/1', undefined, undefined],
    ['http://admin.shopify.com/store/blossom-teas/orders/1', undefined, undefined],
  ])('%s → %s, %s', (href, shop, order) => {
    expect(shopHandleOf(new URL(href))).toBe(shop);
    expect(orderIdOf(new URL(href))).toBe(order);
  });
});
