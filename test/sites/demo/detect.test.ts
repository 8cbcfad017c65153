import { describe, expect, it } from 'vitest';
import { conversationIdOf, detectDemoPage } from '../../../lib/sites/demo/detect';
import { demoAdapter } from '../../../lib/sites/demo';
import type { PageKind } from '../../../lib/sites/types';

/** Every example URL with the page kind it must be detected as (undefined: not a demo page). */
const EXAMPLES: ReadonlyArray<readonly [string, PageKind | undefined]> = [
  // order list
  ['http://127.0.0.1:5178/admin/orders', 'order-list'],
  ['http://127.0.0.1:5178/admin/orders/', 'order-list'],
  ['http://127.0.0.1:5178/admin/orders?page=2', 'order-list'],
  ['http://127.0.0.1:5178/admin/orders?page=3&per=100', 'order-list'],
  ['http://127.0.0.1:41234/admin/orders?status=refunded', 'order-list'],
  ['http://localhost:5178/admin/orders', 'order-list'],
  ['http://localhost/admin/orders#top', 'order-list'],
  ['https://localhost:8443/admin/orders?buyer=tb_8812xiaoyu', 'order-list'],
  // order detail
  ['http://127.0.0.1:5178/admin/orders/20261102153012345', 'order-detail'],
  ['http://127.0.0.1:5178/admin/orders/20261102153012345/', 'order-detail'],
  ['http://localhost:3000/admin/orders/1', 'order-detail'],
  ['http://127.0.0.1:5178/admin/orders/20261102153012345?tab=items', 'order-detail'],
  // chat
  ['http://127.0.0.1:5178/admin/chat', 'chat'],
  ['http://127.0.0.1:5178/admin/chat/', 'chat'],
  ['http://127.0.0.1:5178/admin/chat/c1001', 'chat'],
  ['http://localhost:5178/admin/chat/c1005?focus=1', 'chat'],
  ['http://localhost:5178/admin/chat/conv_ab-12', 'chat'],
  // not demo pages: other paths
  ['http://127.0.0.1:5178/', undefined],
  ['http://127.0.0.1:5178/admin', undefined],
  ['http://127.0.0.1:5178/admin/settings', undefined],
  ['http://127.0.0.1:5178/admin/orders/abc', undefined],
  ['http://127.0.0.1:5178/admin/orders/123/edit', undefined],
  ['http://127.0.0.1:5178/admin/orders-archive', undefined],
  ['http://127.0.0.1:5178/admin/chat/c1001/files', undefined],
  ['http://127.0.0.1:5178/admin/chatroom', undefined],
  ['http://127.0.0.1:5178/Admin/Orders', undefined],
  ['http://127.0.0.1:5178/api/orders', undefined],
  ['http://127.0.0.1:5178/api/orders/20261102153012345', undefined],
  ['http://127.0.0.1:5178/api/conversations/c1001', undefined],
  ['http://127.0.0.1:5178/assets/app.js', undefined],
  // not demo pages: other hosts and schemes
  ['https://admin.shopify.com/store/blossom/orders', undefined],
  ['https://shop.example.com/admin/orders', undefined],
  ['http://127.0.0.2:5178/admin/orders', undefined],
  ['http://localhost.example.com/admin/orders', undefined],
  ['http://192.168.1.10:5178/admin/orders', undefined],
  ['file:///admin/orders', undefined],
  ['ftp://localhost/admin/orders', undefined],
];

describe('detectDemoPage', () => {
  it.each(EXAMPLES)('%s → %s', (href, expected) => {
    expect(detectDemoPage(new URL(href))).toBe(expected);
  });

  it('is what the adapter uses', () => {
    for (const [href, expected] of EXAMPLES) expect(demoAdapter.detect(new URL(href))).toBe(expected);
  });

  it('covers every page kind with examples', () => {
    const kinds = new Set(EXAMPLES.map(([, kind]) => kind));
    expect(kinds).toEqual(new Set(['order-list', 'order-detail', 'chat', undefined]));
  });
});

describe('conversationIdOf', () => {
  it.each([
    ['http://127.0.0.1:5178/admin/chat/c1001', 'c1001'],
    ['http://127.0.0.1:5178/admin/chat/c1005/', 'c1005'],
    ['http://127.0.0.1:5178/admin/chat', undefined],
    ['http://127.0.0.1:5178/admin/orders/123', undefined],
    ['https://example.com/admin/chat/c1001', undefined],
  ])('%s → %s', (href, expected) => {
    expect(conversationIdOf(new URL(href))).toBe(expected);
  });
});
