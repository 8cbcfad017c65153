import { describe, expect, it } from 'vitest';
import { woocommerceAdapter } from '../../../lib/sites/woocommerce';
import { detectWooCommercePage, isWpAdmin, orderIdOf } from '../../../lib/sites/woocommerce/detect';
import type { PageKind } from '../../../lib/sites/types';

/** Every example URL with the page kind it must be detected as (undefined: not an order page). */
const EXAMPLES: ReadonlyArray<readonly [string, PageKind | undefined]> = [
  // HPOS order list: any host, any filter, search, sort or page
  ['https://shop.example.com/wp-admin/admin.php?page=wc-orders', 'order-list'],
  ['https://shop.example.com/wp-admin/admin.php?page=wc-orders&status=wc-processing', 'order-list'],
  ['https://shop.example.com/wp-admin/admin.php?page=wc-orders&status=trash', 'order-list'],
  ['https://shop.example.com/wp-admin/admin.php?page=wc-orders&paged=3', 'order-list'],
  ['https://shop.example.com/wp-admin/admin.php?page=wc-orders&s=jane%40example.com', 'order-list'],
  ['https://shop.example.com/wp-admin/admin.php?page=wc-orders&orderby=order_total&order=desc', 'order-list'],
  ['https://shop.example.com/wp-admin/admin.php?page=wc-orders&_customer_user=12', 'order-list'],
  ['https://shop.example.com/wp-admin/admin.php?page=wc-orders&s=&action=-1&m=202611&_customer_user=&filter_action=Filter&paged=1&action2=-1', 'order-list'],
  ['https://shop.example.com/wp-admin/admin.php?page=wc-orders&bulk_action=marked_completed&changed=2&ids=1281,1280', 'order-list'],
  ['https://shop.example.com/wp-admin/admin.php?status=completed&page=wc-orders', 'order-list'],
  ['http://localhost:8080/wp-admin/admin.php?page=wc-orders', 'order-list'],
  ['https://example.org/blog/wp-admin/admin.php?page=wc-orders#top', 'order-list'],
  ['https://xn--bcher-kva.example/wp-admin/admin.php?page=wc-orders', 'order-list'],
  // legacy order list
  ['https://shop.example.com/wp-admin/edit.php?post_type=shop_order', 'order-list'],
  ['https://shop.example.com/wp-admin/edit.php?post_type=shop_order&post_status=wc-completed', 'order-list'],
  ['https://shop.example.com/wp-admin/edit.php?post_status=trash&post_type=shop_order', 'order-list'],
  ['https://shop.example.com/wp-admin/edit.php?post_type=shop_order&paged=2&s=doe', 'order-list'],
  ['https://shop.example.com/wp-admin/edit.php?s=&post_status=all&post_type=shop_order&action=-1&m=0&_customer_user=&paged=1&action2=-1', 'order-list'],
  ['http://127.0.0.1:8881/shop/wp-admin/edit.php?post_type=shop_order', 'order-list'],
  // order edit: HPOS and legacy
  ['https://shop.example.com/wp-admin/admin.php?page=wc-orders&action=edit&id=1276', 'order-detail'],
  ['https://shop.example.com/wp-admin/admin.php?page=wc-orders&id=1276&action=edit', 'order-detail'],
  ['https://shop.example.com/wp-admin/admin.php?page=wc-orders&action=edit&id=1276&message=1', 'order-detail'],
  ['https://shop.example.com/wp-admin/post.php?post=1104&action=edit', 'order-detail'],
  ['https://shop.example.com/wp-admin/post.php?action=edit&post=1104', 'order-detail'],
  ['https://shop.example.com/wp-admin/post.php?post=1104&action=edit&message=1', 'order-detail'],
  ['http://localhost:8080/sub/dir/wp-admin/post.php?post=9&action=edit', 'order-detail'],
  // not order pages: new orders, other actions, broken ids
  ['https://shop.example.com/wp-admin/admin.php?page=wc-orders&action=new', undefined],
  ['https://shop.example.com/wp-admin/post-new.php?post_type=shop_order', undefined],
  ['https://shop.example.com/wp-admin/admin.php?page=wc-orders&action=edit', undefined],
  ['https://shop.example.com/wp-admin/admin.php?page=wc-orders&action=edit&id=abc', undefined],
  ['https://shop.example.com/wp-admin/admin.php?page=wc-orders&action=edit&id=0', undefined],
  ['https://shop.example.com/wp-admin/admin.php?page=wc-orders&action=trash&id=1276', undefined],
  ['https://shop.example.com/wp-admin/post.php?post=1104&action=trash', undefined],
  ['https://shop.example.com/wp-admin/post.php?post=1104', undefined],
  ['https://shop.example.com/wp-admin/post.php?post=x&action=edit', undefined],
  // not order pages: other wp-admin screens
  ['https://shop.example.com/wp-admin/', undefined],
  ['https://shop.example.com/wp-admin/index.php', undefined],
  ['https://shop.example.com/wp-admin/edit.php', undefined],
  ['https://shop.example.com/wp-admin/edit.php?post_type=product', undefined],
  ['https://shop.example.com/wp-admin/edit.php?post_type=shop_coupon', undefined],
  ['https://shop.example.com/wp-admin/admin.php?page=wc-admin', undefined],
  ['https://shop.example.com/wp-admin/admin.php?page=wc-settings&tab=checkout', undefined],
  ['https://shop.example.com/wp-admin/admin.php?page=wc-orders--shop_subscription', undefined],
  ['https://shop.example.com/wp-admin/admin.php?page=wc-orders-archive', undefined],
  ['https://shop.example.com/wp-admin/admin.php', undefined],
  ['https://shop.example.com/wp-admin/users.php?role=customer', undefined],
  ['https://shop.example.com/wp-admin/admin-ajax.php?action=woocommerce_get_order_details&order_id=1276', undefined],
  // not order pages: the storefront, look-alike paths, other schemes
  ['https://shop.example.com/', undefined],
  ['https://shop.example.com/my-account/orders/', undefined],
  ['https://shop.example.com/my-account/view-order/1276/', undefined],
  ['https://shop.example.com/admin.php?page=wc-orders', undefined],
  ['https://shop.example.com/wp-admin2/admin.php?page=wc-orders', undefined],
  ['https://shop.example.com/wp-admin/admin.php/x?page=wc-orders', undefined],
  ['https://shop.example.com/WP-ADMIN/admin.php?page=wc-orders', undefined],
  ['https://shop.example.com/wp-admin/edit.php?post_type=shop_order_refund', undefined],
  ['file:///wp-admin/admin.php?page=wc-orders', undefined],
  ['ftp://shop.example.com/wp-admin/edit.php?post_type=shop_order', undefined],
];

describe('detectWooCommercePage', () => {
  it.each(EXAMPLES)('%s → %s', (href, expected) => {
    expect(detectWooCommercePage(new URL(href))).toBe(expected);
  });

  it('is what the adapter uses', () => {
    for (const [href, expected] of EXAMPLES) expect(woocommerceAdapter.detect(new URL(href))).toBe(expected);
  });

  it('covers every page kind it knows, and no chat', () => {
    const kinds = new Set(EXAMPLES.map(([, kind]) => kind));
    expect(kinds).toEqual(new Set(['order-list', 'order-detail', undefined]));
    expect(woocommerceAdapter.chat).toBeUndefined();
  });

  it('lists no host patterns: the shop is on its own host', () => {
    expect(woocommerceAdapter.id).toBe('woocommerce');
    expect(woocommerceAdapter.hostPatterns).toEqual([]);
  });
});

describe('orderIdOf', () => {
  it.each([
    ['https://shop.example.com/wp-admin/admin.php?page=wc-orders&action=edit&id=1276', '1276'],
    ['https://shop.example.com/wp-admin/post.php?post=1104&action=edit', '1104'],
    ['https://shop.example.com/wp-admin/admin.php?page=wc-orders', undefined],
    ['https://shop.example.com/wp-admin/admin.php?page=wc-orders&action=new', undefined],
  ])('%s → %s', (href, expected) => {
    expect(orderIdOf(new URL(href))).toBe(expected);
  });
});

describe('isWpAdmin', () => {
  it.each([
    ['https://shop.example.com/wp-admin/', true],
    ['https://shop.example.com/wp-admin', true],
    ['https://shop.example.com/blog/wp-admin/index.php', true],
    ['https://shop.example.com/', false],
    ['https://shop.example.com/wp-administrator/', false],
    ['file:///wp-admin/', false],
  ])('%s → %s', (href, expected) => {
    expect(isWpAdmin(new URL(href))).toBe(expected);
  });
});
