import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shopifyAdapter } from '@/lib/sites/shopify';

const FIXTURES = join(import.meta.dirname, '../../fixtures/shopify/pages');
const URL_OF = 'https://admin.shopify.com/store/blossom-teas/customers/7001';

function load(file: string): Document {
  const doc = document.implementation.createHTMLDocument('');
  doc.documentElement.innerHTML = readFileSync(join(FIXTURES, file), 'utf8').replace(/^<!doctype html>/i, '');
  return doc;
}

describe('Shopify customer page', () => {
  it('reads the customer from the title, the id from the URL, and contact links as other keys', () => {
    const doc = load('customer.html');
    const page = shopifyAdapter.customerPage!;
    const roots = doc.querySelectorAll(page.rootSelector);
    expect(roots).toHaveLength(1);
    expect(page.buyer(roots[0]!, new URL(URL_OF))).toEqual({
      key: 'customerId:7001',
      otherKeys: ['email:li.xiaolong@example.com', 'phone:+8613800138000'],
      displayName: 'Li Xiaolong 李小龙',
    });
    expect(page.chipAnchor(roots[0]!)).toBe(roots[0]);
  });

  it('reads nothing on an order page URL, nor without classes it never uses', () => {
    const doc = load('customer.html');
    const root = doc.querySelector(shopifyAdapter.customerPage!.rootSelector)!;
    expect(shopifyAdapter.customerPage!.buyer(root, new URL('https://admin.shopify.com/store/blossom-teas/orders/1'))).toBeUndefined();
    doc.querySelectorAll('[class]').forEach((el) => el.removeAttribute('class'));
    expect(shopifyAdapter.customerPage!.buyer(root, new URL(URL_OF))?.key).toBe('customerId:7001');
  });
});
