import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { OrderSighting } from '../../../lib/model/sighting';
import { shopifyAdapter, shopifySelectors as S } from '../../../lib/sites/shopify';
import {
  extractOrderDetail,
  extractOrderRow,
  extractShop,
  readAbsoluteDate,
  readShopifyMoney,
} from '../../../lib/sites/shopify/extract';

const FIXTURE_DIR = join(import.meta.dirname, '../../fixtures/shopify');
const PAGES = join(FIXTURE_DIR, 'pages');

const FIXTURES = ['orders-en', 'orders-zh', 'orders-page-2', 'orders-empty', 'order-detail', 'order-detail-guest'] as const;
type Fixture = (typeof FIXTURES)[number];

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

function load(name: Fixture): Document {
  // A path, not a URL: under happy-dom the global URL is the DOM's, which node:fs does not take.
  return parse(readFileSync(join(PAGES, `${name}.html`), 'utf8'));
}

const orderList = shopifyAdapter.orderList!;
const orderDetail = shopifyAdapter.orderDetail!;

const rows = (doc: Document): Element[] => Array.from(doc.querySelectorAll(orderList.rowSelector));
const roots = (doc: Document): Element[] => Array.from(doc.querySelectorAll(orderDetail.rootSelector));
const rowSightings = (doc: Document) => rows(doc).map((r) => orderList.extract(r)).filter((s) => s !== undefined);
const detailSightings = (doc: Document) => roots(doc).map((r) => orderDetail.extract(r)).filter((s) => s !== undefined);

/** [rows, row sightings, detail roots, detail sightings] of each fixture. */
const COUNTS: Record<Fixture, [number, number, number, number]> = {
  'orders-en': [10, 9, 1, 0],
  'orders-zh': [6, 5, 1, 0],
  'orders-page-2': [5, 5, 1, 0],
  'orders-empty': [0, 0, 1, 0],
  'order-detail': [0, 0, 1, 1],
  'order-detail-guest': [0, 0, 1, 0],
};

const URLS: Record<Fixture, string> = (() => {
  const routes = JSON.parse(readFileSync(join(PAGES, 'routes.json'), 'utf8')) as Record<string, string>;
  const byFile = Object.fromEntries(Object.entries(routes).map(([path, file]) => [file.replace(/\.html$/, ''), path]));
  return Object.fromEntries(FIXTURES.map((f) => [f, `https://admin.shopify.com${byFile[f]}`])) as Record<Fixture, string>;
})();

/** Removes every class attribute (Polaris and hashed alike). */
function stripClasses(doc: Document): Document {
  for (const el of doc.querySelectorAll('[class]')) el.removeAttribute('class');
  return doc;
}

describe('fixtures: exact counts per page type', () => {
  it.each(FIXTURES)('%s', (name) => {
    const doc = load(name);
    const [rowCount, rowSightingCount, rootCount, detailCount] = COUNTS[name];
    expect(rows(doc)).toHaveLength(rowCount);
    expect(rowSightings(doc)).toHaveLength(rowSightingCount);
    expect(roots(doc)).toHaveLength(rootCount);
    expect(detailSightings(doc)).toHaveLength(detailCount);
    for (const s of [...rowSightings(doc), ...detailSightings(doc)]) expect(OrderSighting.safeParse(s).success).toBe(true);
  });

  it('routes.json serves every fixture at a URL of its page kind', () => {
    for (const name of FIXTURES) {
      expect(shopifyAdapter.detect(new URL(URLS[name]))).toBe(name.startsWith('order-detail') ? 'order-detail' : 'order-list');
    }
  });

  it('names the shop from the URL and the document title', () => {
    expect(shopifyAdapter.shop(new URL(URLS['orders-en']), load('orders-en'))).toEqual({ platform: 'shopify', key: 'blossom-teas', name: 'Blossom Teas' });
    expect(shopifyAdapter.shop(new URL(URLS['order-detail']), load('order-detail'))).toEqual({ platform: 'shopify', key: 'blossom-teas', name: 'Blossom Teas' });
    expect(shopifyAdapter.shop(new URL(URLS['orders-zh']), load('orders-zh'))).toEqual({ platform: 'shopify', key: 'huakai-tea', name: '花开茶铺' });
    const untitled = parse('<!doctype html><title>Orders</title>');
    expect(extractShop(new URL('https://admin.shopify.com/store/Blossom-Teas/orders'), untitled)).toEqual({ platform: 'shopify', key: 'blossom-teas', name: 'blossom-teas' });
    expect(extractShop(new URL('https://blossom-teas.myshopify.com/admin/orders'), load('orders-en'))).toBeUndefined();
  });
});

describe('order list (English)', () => {
  const doc = load('orders-en');
  const all = rows(doc).map((row) => orderList.extract(row));
  const byId = new Map(all.filter((s) => s !== undefined).map((s) => [s.orderId, s]));

  it('reads the first row completely', () => {
    expect(all[0]).toEqual({
      orderId: '#1010',
      buyer: { key: 'customerId:7001', otherKeys: [], displayName: 'Jane Cooper' },
      placedAt: '2025-11-20T10:15:00-05:00',
      total: { amountMinor: 5800, currency: 'USD' },
      status: 'paid',
    });
  });

  it('gives up on the guest order with "No customer", only', () => {
    expect(all.flatMap((s, i) => (s === undefined ? [i] : []))).toEqual([1]);
    expect(byId.has('#1009')).toBe(false);
  });

  it('maps payment statuses; a partial refund still counts as paid', () => {
    expect(Object.fromEntries([...byId].map(([id, s]) => [id, s.status]))).toEqual({
      '#1010': 'paid',
      '#1008': 'refunded',
      '#1007': 'paid', // Partially refunded
      '#1006': 'pending',
      '#1005': 'paid',
      '#1004': 'cancelled', // Voided
      '#1003': 'authorized',
      '#1002': 'partially_paid',
      '#1001': 'failed', // Expired
    });
  });

  it('reads totals in their currency, the trailing ISO code first', () => {
    expect(byId.get('#1008')?.total).toEqual({ amountMinor: 123456, currency: 'USD' });
    expect(byId.get('#1007')?.total).toEqual({ amountMinor: 12800, currency: 'CNY' });
    expect(byId.get('#1004')?.total).toEqual({ amountMinor: 1200, currency: 'EUR' });
  });

  it('reads dates only when absolute: <time datetime> or a title, never "Today at …"', () => {
    expect(byId.get('#1010')?.placedAt).toBe('2025-11-20T10:15:00-05:00');
    expect(byId.get('#1008')?.placedAt).toBe('2025-11-19T15:02:00-05:00'); // title on hover
    expect(byId.get('#1002')?.placedAt).toBe('2024-10-28T19:05:00-04:00'); // title on hover
    expect(byId.get('#1007')).not.toHaveProperty('placedAt'); // "Nov 17 at 9:20 am"
    expect(byId.get('#1001')).not.toHaveProperty('placedAt'); // "Oct 20, 2024 at 8:00 am": no offset
  });

  it('reads Chinese names, names without a customer record, and markup as text', () => {
    expect(byId.get('#1007')?.buyer).toEqual({ key: 'customerId:7003', otherKeys: [], displayName: '张伟' });
    expect(byId.get('#1002')?.buyer.displayName).toBe('王芳');
    expect(byId.get('#1006')?.buyer).toEqual({ key: 'nick:李娜', otherKeys: [], displayName: '李娜' });
    expect(byId.get('#1005')?.buyer).toEqual({ key: 'customerId:7004', otherKeys: [], displayName: '<script>alert("pwned")</script>' });
    expect(doc.querySelector('script')).toBeNull();
  });

  it('has one buyer key per customer (Jane Cooper twice)', () => {
    expect(new Set([...byId.values()].map((s) => s.buyer.key)).size).toBe(8);
    expect([...byId.values()].filter((s) => s.buyer.key === 'customerId:7001').map((s) => s.orderId)).toEqual(['#1010', '#1003']);
  });

  it('anchors chips on the customer link, or the name element, and finds each row’s checkbox', () => {
    const list = rows(doc);
    for (const [i, row] of list.entries()) {
      const box = orderList.checkbox(row);
      expect(box?.type).toBe('checkbox');
      expect(box?.getAttribute('aria-label')).toMatch(/^Select order #10\d\d$/);
      const anchor = orderList.chipAnchor(row);
      if (i === 1) expect(anchor).toBeUndefined();
      else expect(anchor?.textContent).toBe(all[i]?.buyer.displayName);
    }
    expect(orderList.chipAnchor(list[0]!)?.getAttribute('href')).toBe('/store/blossom-teas/customers/7001');
    expect(orderList.chipAnchor(list[4]!)?.localName).toBe('span'); // 李娜: no customer link
    // The header's select-all box is not a row's.
    expect(doc.querySelector('input[aria-label="Select all orders"]')).not.toBeNull();
  });
});

describe('order list (Chinese admin, ARIA grid, other column order)', () => {
  const doc = load('orders-zh');
  const all = rows(doc).map((row) => orderList.extract(row));

  it('finds columns by their Chinese header text', () => {
    expect(all[0]).toEqual({
      orderId: '#2006',
      buyer: { key: 'customerId:9101', otherKeys: [], displayName: '陈静' },
      placedAt: '2025-11-20T10:15:00+08:00',
      total: { amountMinor: 12800, currency: 'CNY' },
      status: 'paid',
    });
    expect(all.map((s) => s?.status)).toEqual(['paid', 'refunded', 'paid', undefined, 'pending', 'cancelled']);
  });

  it('reads a Chinese title date, skips 无客户, keeps a name without a record as a nick', () => {
    expect(all[1]?.placedAt).toBe('2025-11-19T21:40:00+08:00');
    expect(all[2]).not.toHaveProperty('placedAt');
    expect(all[3]).toBeUndefined();
    expect(all[4]?.buyer).toEqual({ key: 'nick:Emma Wilson', otherKeys: [], displayName: 'Emma Wilson' });
  });

  it('finds checkboxes and anchors in grid cells; the header row is not a row', () => {
    const list = rows(doc);
    expect(list.every((r) => r.getAttribute('role') === 'row' && !r.querySelector('[role="columnheader"]'))).toBe(true);
    expect(list.map((r) => orderList.checkbox(r)?.value)).toEqual(list.map((r) => r.id));
    expect(orderList.chipAnchor(list[0]!)?.textContent).toBe('陈静');
    const header = doc.querySelector('[role="columnheader"]')!.parentElement!;
    expect(orderList.extract(header)).toBeUndefined();
    expect(orderList.checkbox(header)).toBeUndefined();
  });
});

describe('order list, page 2 and empty', () => {
  it('reads the second page as a list like the first', () => {
    const doc = load('orders-page-2');
    expect(rowSightings(doc).map((s) => s.orderId)).toEqual(['#1000', '#999', '#998', '#997', '#996']);
    expect(doc.querySelector('nav[aria-label="Pagination"] a[rel="prev"]')?.getAttribute('href')).toBe('/store/blossom-teas/orders');
    const next = load('orders-en').querySelector('nav[aria-label="Pagination"] a[rel="next"]')?.getAttribute('href');
    expect(`https://admin.shopify.com${next}`).toBe(URLS['orders-page-2']);
  });

  it('finds nothing on the empty list', () => {
    const doc = load('orders-empty');
    expect(rows(doc)).toHaveLength(0);
    expect(doc.body.textContent).toContain('No orders found');
    expect(doc.body.textContent).toContain('Your orders will show here');
  });
});

describe('order detail', () => {
  const doc = load('order-detail');
  const root = roots(doc)[0]!;

  it('reads the order with its customer’s email and phone, and its items', () => {
    expect(orderDetail.extract(root)).toEqual({
      orderId: '#1010',
      buyer: {
        key: 'customerId:7001',
        otherKeys: ['email:jane.cooper@example.com', 'phone:15550102030'],
        displayName: 'Jane Cooper',
      },
      placedAt: '2025-11-20T10:15:00-05:00',
      total: { amountMinor: 5800, currency: 'USD' },
      status: 'paid',
      items: [
        { name: 'Jasmine Pearl Green Tea', quantity: 2, unitPrice: { amountMinor: 1250, currency: 'USD' } },
        { name: 'Ceramic Tea Cup', quantity: 1, unitPrice: { amountMinor: 1800, currency: 'USD' } },
        { name: 'Bamboo Tea Whisk (Chasen)', quantity: 1, unitPrice: { amountMinor: 900, currency: 'USD' } },
      ],
    });
  });

  it('agrees with the list row of the same order', () => {
    const listRow = rows(load('orders-en'))[0]!;
    const { items, buyer, ...rest } = extractOrderDetail(root)!;
    const { buyer: listBuyer, ...listRest } = extractOrderRow(listRow)!;
    expect(items).toHaveLength(3);
    expect(rest).toEqual(listRest);
    expect(buyer.key).toBe(listBuyer.key);
  });

  it('anchors chips on the customer card’s link, not the timeline’s', () => {
    expect(orderDetail.chipAnchor(root)?.getAttribute('href')).toBe('/store/blossom-teas/customers/7001');
  });

  it('reads a Cancelled badge over the payment status', () => {
    const copy = load('order-detail');
    const h1 = roots(copy)[0]!;
    const badge = copy.createElement('span');
    badge.textContent = 'Cancelled';
    h1.after(badge);
    expect(extractOrderDetail(h1)?.status).toBe('cancelled');
  });

  it('gives up when a line item or the total cannot be read; reads an order without items', () => {
    const badItem = load('order-detail');
    const price = [...badItem.querySelectorAll('span')].find((s) => s.textContent === '× 2')!;
    price.textContent = '× two';
    expect(extractOrderDetail(roots(badItem)[0]!)).toBeUndefined();

    const badTotal = load('order-detail');
    const label = [...badTotal.querySelectorAll('span')].find((s) => s.textContent === 'Total' && !s.childElementCount)!;
    const amount = label.parentElement!.parentElement!.lastElementChild!;
    expect(amount.textContent).toBe('$58.00');
    amount.textContent = '$58.0.0';
    expect(extractOrderDetail(roots(badTotal)[0]!)).toBeUndefined();

    const noItems = load('order-detail');
    for (const a of noItems.querySelectorAll('a[href*="/products/"]')) a.remove();
    expect(extractOrderDetail(roots(noItems)[0]!)).not.toHaveProperty('items');
  });

  it('has no buyer on a guest order ("No customer")', () => {
    const guest = load('order-detail-guest');
    const h1 = roots(guest)[0]!;
    expect(h1.textContent).toBe('#1009');
    expect(orderDetail.extract(h1)).toBeUndefined();
    expect(orderDetail.chipAnchor(h1)).toBeUndefined();
    // The rest of the page reads: given a customer, the same page is a sighting
    // (and the variant "3 × 25 g" is not taken for a price).
    const card = [...guest.querySelectorAll('h2')].find((h) => h.textContent === 'Customer')!.parentElement!;
    card.insertAdjacentHTML('beforeend', '<a href="/store/blossom-teas/customers/7020">Guy Hawkins</a>');
    expect(orderDetail.extract(h1)).toMatchObject({
      orderId: '#1009',
      buyer: { key: 'customerId:7020', displayName: 'Guy Hawkins' },
      status: 'paid',
      total: { amountMinor: 2400, currency: 'USD' },
      items: [{ name: 'Oolong Sampler', quantity: 1, unitPrice: { amountMinor: 2400, currency: 'USD' } }],
    });
  });

  it('uses the email as the identity when the card has no customer link', () => {
    const copy = load('order-detail');
    const h1 = roots(copy)[0]!;
    copy.querySelector('a[href$="/customers/7001"]')!.remove();
    expect(extractOrderDetail(h1)?.buyer).toEqual({ key: 'email:jane.cooper@example.com', otherKeys: ['phone:15550102030'], displayName: 'jane.cooper@example.com' });
  });
});

describe('selectors', () => {
  /** Document-wide matches per fixture, as documented in selectors.ts: en, zh, p2, empty, detail, guest. */
  const EXPECTED: Partial<Record<keyof typeof S, [number, number, number, number, number, number]>> = {
    orderRow: [10, 6, 5, 0, 0, 0],
    table: [1, 1, 1, 0, 0, 0],
    ariaColumnHeader: [0, 8, 0, 0, 0, 0],
    columnHeader: [12, 8, 12, 0, 0, 0],
    cell: [132, 56, 72, 0, 0, 0],
    orderLink: [10, 6, 5, 0, 0, 0],
    customerLink: [8, 4, 5, 0, 2, 0],
    time: [5, 4, 5, 0, 1, 1],
    titled: [2, 1, 0, 0, 1, 1],
    rowCheckbox: [11, 7, 6, 0, 0, 0],
    orderDetail: [1, 1, 1, 1, 1, 1],
    main: [1, 1, 1, 1, 1, 1],
    cardHeading: [0, 0, 0, 2, 9, 6],
    email: [0, 0, 0, 0, 2, 0],
    phone: [0, 0, 0, 0, 1, 0],
    productLink: [0, 0, 0, 0, 3, 1],
  };

  it('cover every selector', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(S).sort());
  });

  it.each(Object.entries(EXPECTED))('%s matches as documented', (key, counts) => {
    const found = FIXTURES.map((name) => load(name).querySelectorAll(S[key as keyof typeof S]).length);
    expect(found).toEqual(counts);
  });
});

describe('never by class names', () => {
  it('no selector mentions a class', () => {
    for (const selector of Object.values(S)) {
      expect(selector).not.toMatch(/\.[A-Za-z_-]|\[class/);
      expect(() => load('orders-en').querySelectorAll(selector)).not.toThrow();
    }
  });

  it.each(FIXTURES)('%s: the same sightings with every class attribute stripped', (name) => {
    const plain = stripClasses(load(name));
    expect(plain.querySelector('[class]')).toBeNull();
    expect(rowSightings(plain)).toEqual(rowSightings(load(name)));
    expect(detailSightings(plain)).toEqual(detailSightings(load(name)));
  });

  it('never reads class, className or classList while extracting', () => {
    const proto = Element.prototype;
    const reads: string[] = [];
    const getAttribute = proto.getAttribute;
    const className = Object.getOwnPropertyDescriptor(proto, 'className');
    const classList = Object.getOwnPropertyDescriptor(proto, 'classList');
    proto.getAttribute = function (this: Element, qualifiedName: string) {
      if (qualifiedName.toLowerCase() === 'class') reads.push('getAttribute(class)');
      return getAttribute.call(this, qualifiedName);
    };
    try {
      Object.defineProperty(proto, 'className', { configurable: true, get() { reads.push('className'); return className?.get?.call(this); } });
      Object.defineProperty(proto, 'classList', { configurable: true, get() { reads.push('classList'); return classList?.get?.call(this); } });
      // The spies see reads (a spy that sees nothing would prove nothing).
      const probe = load('orders-en').body;
      void [probe.className, probe.classList, probe.getAttribute('class')];
      expect(new Set(reads)).toEqual(new Set(['className', 'classList', 'getAttribute(class)']));
      reads.length = 0;
      for (const name of FIXTURES) {
        const doc = load(name);
        for (const row of rows(doc)) {
          orderList.extract(row);
          orderList.chipAnchor(row);
          orderList.checkbox(row);
        }
        for (const root of roots(doc)) {
          orderDetail.extract(root);
          orderDetail.chipAnchor(root);
        }
      }
    } finally {
      proto.getAttribute = getAttribute;
      if (className) Object.defineProperty(proto, 'className', className);
      if (classList) Object.defineProperty(proto, 'classList', classList);
    }
    expect(reads).toEqual([]);
  });
});

describe('columns by header text', () => {
  /** Moves column `from` (header and cells) to the end of every row. */
  function moveColumnToEnd(doc: Document, from: number): void {
    for (const tr of doc.querySelectorAll('tr')) tr.append(tr.children[from]!);
  }

  it('reads the same sightings whatever the column order', () => {
    const doc = load('orders-en');
    moveColumnToEnd(doc, 1); // Order
    moveColumnToEnd(doc, 2); // Customer (was 3)
    expect(rowSightings(doc)).toEqual(rowSightings(load('orders-en')));
  });

  it('notices a header reordered under it (cached per table, checked per row)', () => {
    const doc = load('orders-en');
    const before = rowSightings(doc);
    moveColumnToEnd(doc, 5); // Total
    expect(rowSightings(doc)).toEqual(before);
    // Header cells renamed in place: the same elements, other words → the cache is only as
    // good as the header row's elements, so a new header element is needed; Shopify re-renders them.
    const ths = doc.querySelectorAll('thead th');
    const fresh = ths[3]!.cloneNode(true) as Element; // Customer
    ths[3]!.replaceWith(fresh);
    fresh.textContent = 'Channel';
    expect(rowSightings(doc)).toHaveLength(0); // no Customer column left
  });

  it('reads no rows from a table that is not an order table', () => {
    const doc = parse(`<table><thead><tr><th>Product</th><th>Customer</th><th>Total</th></tr></thead>
      <tbody><tr><td><a href="/store/x/orders/1">#1</a></td><td><a href="/store/x/customers/2">Ann</a></td><td>$1.00</td></tr></tbody></table>`);
    expect(rows(doc)).toHaveLength(1);
    expect(rowSightings(doc)).toHaveLength(0);
  });
});

describe('extractors on the wrong page', () => {
  it('find nothing and throw nothing', () => {
    for (const name of FIXTURES) {
      const doc = load(name);
      expect(extractOrderRow(doc.body)).toBeUndefined();
      expect(extractOrderDetail(doc.body)).toBeUndefined();
      for (const row of rows(doc)) expect(extractOrderDetail(row)).toBeUndefined();
      for (const root of roots(doc)) expect(extractOrderRow(root)).toBeUndefined();
      // The list's title "Orders" is not an order.
      if (!name.startsWith('order-detail')) expect(roots(doc).map((r) => orderDetail.extract(r))).toEqual([undefined]);
    }
  });

  it('return undefined for detached and foreign elements', () => {
    const doc = load('orders-en');
    for (const el of [doc.createElement('tr'), doc.createElement('h1'), doc.createElement('div')]) {
      expect(orderList.extract(el)).toBeUndefined();
      expect(orderList.chipAnchor(el)).toBeUndefined();
      expect(orderList.checkbox(el)).toBeUndefined();
      expect(orderDetail.extract(el)).toBeUndefined();
      expect(orderDetail.chipAnchor(el)).toBeUndefined();
    }
    const detached = rows(doc)[0]!.cloneNode(true) as Element;
    expect(orderList.extract(detached)).toBeUndefined();
  });
});

describe('values', () => {
  it.each([
    ['$1,234.56', { amountMinor: 123456, currency: 'USD' }],
    ['€12,00', { amountMinor: 1200, currency: 'EUR' }],
    ['¥128.00 CNY', { amountMinor: 12800, currency: 'CNY' }],
    ['$12.00 CAD', { amountMinor: 1200, currency: 'CAD' }],
    ['A$1,000.50 AUD', { amountMinor: 100050, currency: 'AUD' }],
    ['1.234,56 € EUR', { amountMinor: 123456, currency: 'EUR' }],
    ['£3.50', { amountMinor: 350, currency: 'GBP' }],
    ['-$5.00', undefined],
    ['$1.2.3', undefined],
    ['CNY', undefined],
    ['', undefined],
  ])('money %s', (raw, expected) => {
    expect(readShopifyMoney(raw)).toEqual(expected);
  });

  it.each([
    ['2025-11-02T09:20:00-05:00', '2025-11-02T09:20:00-05:00'],
    ['2025-11-02 09:20 +0800', '2025-11-02T09:20:00+08:00'],
    ['2025-11-02T14:20:00.000Z', '2025-11-02T14:20:00Z'],
    ['Sunday, November 2, 2025 at 9:20 am GMT-5', '2025-11-02T09:20:00-05:00'],
    ['Nov 2, 2025, 9:20 PM UTC+08:00', '2025-11-02T21:20:00+08:00'],
    ['Nov 2, 2025 at 12:05 am GMT', '2025-11-02T00:05:00+00:00'],
    ['2025年11月2日 09:20 GMT+8', '2025-11-02T09:20:00+08:00'],
    ['Today at 10:15 am', undefined],
    ['Yesterday at 3:02 pm', undefined],
    ['Nov 2 at 9:20 am', undefined],
    ['Nov 2, 2025 at 9:20 am', undefined],
    ['2025-11-02T09:20:00', undefined],
    ['Feb 30, 2025 at 9:20 am GMT', undefined],
    ['2025-13-02T09:20:00Z', undefined],
    [null, undefined],
  ])('date %s', (raw, expected) => {
    expect(readAbsoluteDate(raw)).toBe(expected);
  });
});

describe('the 1,000-row benchmark page (make-big-list.mjs)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shopify-big-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes exactly 1,000 readable rows, the same bytes every run', () => {
    const a = join(dir, 'a.html');
    const b = join(dir, 'b.html');
    execFileSync(process.execPath, [join(FIXTURE_DIR, 'make-big-list.mjs'), a]);
    execFileSync(process.execPath, [join(FIXTURE_DIR, 'make-big-list.mjs'), b]);
    const html = readFileSync(a, 'utf8');
    expect(readFileSync(b, 'utf8')).toBe(html);
    const doc = parse(html);
    expect(rows(doc)).toHaveLength(1000);
    const sightings = rowSightings(doc);
    expect(sightings).toHaveLength(1000);
    expect(new Set(sightings.map((s) => s.orderId)).size).toBe(1000);
    expect(sightings.every((s) => s.buyer.key.startsWith('customerId:') && s.placedAt && s.total && s.status)).toBe(true);
    expect(rows(doc).every((r) => orderList.checkbox(r) && orderList.chipAnchor(r))).toBe(true);
    expect(shopifyAdapter.detect(new URL('https://admin.shopify.com/store/bulk-teas/orders'))).toBe('order-list');
  }, 60_000);
});
