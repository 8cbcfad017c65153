import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OrderSighting } from '../../../lib/model/sighting';
import { isCountedStatus } from '../../../lib/insights/counted';
import { woocommerceAdapter, wooSelectors as S } from '../../../lib/sites/woocommerce';
import {
  extractOrderDetail,
  extractOrderRow,
  extractShop,
  normalizeStatus,
  parseWooAmount,
} from '../../../lib/sites/woocommerce/extract';

const DIR = join(import.meta.dirname, '../../fixtures/woocommerce');
const FIXTURES = [
  'orders-hpos',
  'orders-hpos-trash',
  'orders-legacy',
  'orders-empty',
  'order-edit-hpos',
  'order-edit-legacy-guest',
  'dashboard',
] as const;
type Fixture = (typeof FIXTURES)[number];

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}
function load(name: Fixture): Document {
  // A path, not a URL: under happy-dom the global URL is the DOM's, which node:fs does not take.
  return parse(readFileSync(join(DIR, 'pages', `${name}.html`), 'utf8'));
}

const orderList = woocommerceAdapter.orderList!;
const orderDetail = woocommerceAdapter.orderDetail!;
const rows = (doc: Document): Element[] => Array.from(doc.querySelectorAll(orderList.rowSelector));
const readAll = (doc: Document) => rows(doc).map((row) => orderList.extract(row));
const defined = <T>(xs: (T | undefined)[]): T[] => xs.filter((x): x is T => x !== undefined);

/** What each fixture must contain: [rows, row sightings, detail roots, detail sightings]. */
const COUNTS: Record<Fixture, [number, number, number, number]> = {
  'orders-hpos': [20, 19, 0, 0],
  'orders-hpos-trash': [3, 3, 0, 0],
  'orders-legacy': [8, 8, 0, 0],
  'orders-empty': [0, 0, 0, 0],
  'order-edit-hpos': [0, 0, 1, 1],
  'order-edit-legacy-guest': [0, 0, 1, 1],
  dashboard: [0, 0, 0, 0],
};

describe('fixtures: exact counts per page type', () => {
  it.each(FIXTURES)('%s', (name) => {
    const doc = load(name);
    const [rowCount, sightingCount, rootCount, detailCount] = COUNTS[name];
    expect(rows(doc)).toHaveLength(rowCount);
    const sightings = defined(readAll(doc));
    expect(sightings).toHaveLength(sightingCount);
    const roots = Array.from(doc.querySelectorAll(orderDetail.rootSelector));
    expect(roots).toHaveLength(rootCount);
    const details = defined(roots.map((r) => orderDetail.extract(r)));
    expect(details).toHaveLength(detailCount);
    for (const s of [...sightings, ...details]) expect(OrderSighting.safeParse(s).success).toBe(true);
  });

  it('every fixture names the shop from the admin bar', () => {
    const url = new URL('https://shop.example.com/wp-admin/admin.php?page=wc-orders');
    for (const name of FIXTURES) {
      expect(woocommerceAdapter.shop(url, load(name))).toEqual({
        platform: 'woocommerce',
        key: 'shop.example.com',
        name: 'Blossom & Bloom',
      });
    }
  });

  it('selectors match what their comments promise', () => {
    const hpos = load('orders-hpos');
    expect(hpos.querySelectorAll(S.siteName)).toHaveLength(1);
    expect(hpos.querySelectorAll('table.wc-orders-list-table')).toHaveLength(1);
    for (const row of rows(hpos)) {
      for (const cell of [S.cellNumber, S.cellDate, S.cellStatus, S.cellBilling, S.cellTotal, S.cellCheck]) {
        expect(row.querySelectorAll(cell)).toHaveLength(1);
      }
      expect(row.querySelector(S.cellNumber)!.getAttribute('data-colname')).toBe('Order');
    }
    const billing = rows(hpos).map((r) => r.querySelector(S.cellBilling)!);
    expect(billing.flatMap((c) => Array.from(c.querySelectorAll(S.mailto)))).toHaveLength(1);
    expect(billing.flatMap((c) => Array.from(c.querySelectorAll(S.tel)))).toHaveLength(1);
    const edit = load('order-edit-hpos');
    expect(edit.querySelectorAll(`${S.lineItems} ${S.lineItem}`)).toHaveLength(3);
    expect(edit.querySelectorAll(S.totalsTable)).toHaveLength(4);
    expect(edit.querySelectorAll(S.addressView)).toHaveLength(2);
    const guest = load('order-edit-legacy-guest');
    expect(guest.querySelectorAll(`${S.lineItems} ${S.lineItem}`)).toHaveLength(1);
    expect(guest.querySelectorAll(S.totalsTable)).toHaveLength(2);
    expect(guest.querySelectorAll(S.postId)).toHaveLength(1);
  });

  it('the wrong kind of page finds nothing: the dashboard links to orders but has none', () => {
    const doc = load('dashboard');
    expect(doc.querySelector('a[href*="page=wc-orders"]')).not.toBeNull();
    expect(rows(doc)).toHaveLength(0);
    expect(doc.querySelector(orderDetail.rootSelector)).toBeNull();
  });
});

describe('HPOS order list', () => {
  const doc = load('orders-hpos');
  const all = readAll(doc);
  const byId = new Map(defined(all).map((s) => [s.orderId, s]));

  it('reads the first row completely', () => {
    expect(all[0]).toEqual({
      orderId: '1281',
      buyer: { key: 'nick:Jane Doe', otherKeys: [], displayName: 'Jane Doe' },
      placedAt: '2026-11-20T09:42:10-05:00',
      total: { amountMinor: 12900, currency: 'USD' },
      status: 'processing',
    });
  });

  it('reads Chinese names', () => {
    expect(byId.get('1280')?.buyer).toEqual({ key: 'nick:张三', otherKeys: [], displayName: '张三' });
    expect(byId.get('1278')?.buyer.key).toBe('nick:李小龙');
    expect(byId.get('1267')?.buyer.displayName).toBe('王芳');
  });

  it('reads guests by company, and by the email and phone the Billing column shows', () => {
    expect(byId.get('1271')?.buyer).toEqual({ key: 'nick:Acme Florists Ltd', otherKeys: [], displayName: 'Acme Florists Ltd' });
    expect(byId.get('1270')?.buyer).toEqual({
      key: 'email:guest.buyer@example.org',
      otherKeys: ['phone:17755550123'],
      displayName: 'guest.buyer@example.org',
    });
    // An email printed as text, not swallowed into the "via …" description that follows it.
    expect(byId.get('1269')?.buyer).toEqual({ key: 'email:jane@example.com', otherKeys: ['nick:Jane Doe'], displayName: 'Jane Doe' });
  });

  it('gives up on the one row with no buyer at all, without throwing', () => {
    expect(all.flatMap((s, i) => (s === undefined ? [i] : []))).toEqual([16]);
    expect(rows(doc)[16]!.id).toBe('order-1265');
  });

  it('keeps a buyer whose name is markup as plain text, and the page never parsed it', () => {
    expect(byId.get('1268')?.buyer).toEqual({
      key: 'nick:<img src=x onerror=alert(1)>Eve',
      otherKeys: [],
      displayName: '<img src=x onerror=alert(1)>Eve',
    });
    expect(doc.querySelector('#the-list img')).toBeNull();
    expect(doc.querySelector('#the-list b')).toBeNull();
  });

  it('maps statuses to words, drafts to pending, and counts only purchases', () => {
    const counts: Record<string, number> = {};
    for (const s of byId.values()) counts[s.status!] = (counts[s.status!] ?? 0) + 1;
    expect(counts).toEqual({ processing: 3, completed: 9, 'on-hold': 2, refunded: 1, pending: 2, failed: 1, cancelled: 1 });
    expect(byId.get('1272')?.status).toBe('pending'); // checkout-draft
    const counted = [...byId.values()].filter((s) => isCountedStatus(s.status)).map((s) => s.orderId);
    expect(counted).toHaveLength(14);
    expect(counted).not.toContain('1277');
  });

  it('reads totals net of refunds, in every currency format the shop prints', () => {
    expect(byId.get('1277')?.total).toEqual({ amountMinor: 0, currency: 'USD' }); // <del>$59.00</del> <ins>$0.00</ins>
    expect(byId.get('1276')?.total).toEqual({ amountMinor: 20000, currency: 'USD' }); // partial refund
    expect(byId.get('1279')?.total).toEqual({ amountMinor: 123456, currency: 'EUR' }); // 1.234,56 €
    expect(byId.get('1280')?.total).toEqual({ amountMinor: 128050, currency: 'CNY' }); // ¥1,280.50
    expect(byId.get('1273')?.total).toEqual({ amountMinor: 7500, currency: 'GBP' });
    expect(byId.get('1266')?.total).toEqual({ amountMinor: 125000, currency: 'CHF' }); // CHF 1'250.00
    expect(byId.get('1264')?.total).toEqual({ amountMinor: 499900, currency: 'INR' });
    expect(byId.get('1274')?.total).toEqual({ amountMinor: 104999, currency: 'USD' }); // $1,049.99
    expect(byId.get('1262')?.total).toEqual({ amountMinor: 8900, currency: 'USD' }); // tax note after it
    expect(byId.get('1275')?.total).toEqual({ amountMinor: 3550, currency: 'USD' }); // no span.tips
  });

  it('leaves out a total in a currency it has no code for, keeping the order', () => {
    const sek = byId.get('1263')!; // 1 499,00 kr
    expect(sek).not.toHaveProperty('total');
    expect(sek.buyer.key).toBe('nick:Erik Lindqvist');
  });

  it('reads every date with its offset, newest first', () => {
    const dates = defined(all).map((s) => s.placedAt!);
    expect(dates.every((d) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-05:00$/.test(d))).toBe(true);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('finds the chip anchor (a.order-view) and the checkbox (id[]) of every row', () => {
    for (const row of rows(doc)) {
      const anchor = orderList.chipAnchor(row);
      expect(anchor?.matches('td.column-order_number > a.order-view')).toBe(true);
      expect(row.querySelector('a.order-preview[data-order-id]')?.getAttribute('data-order-id')).toBe(row.id.slice(6));
      const box = orderList.checkbox(row);
      expect(box?.type).toBe('checkbox');
      expect(box?.name).toBe('id[]');
      expect(box?.value).toBe(row.id.slice(6));
    }
  });

  it('shows the pagination the list promises', () => {
    expect(doc.querySelector('.tablenav.top .displaying-num')?.textContent).toBe('57 items');
    expect(doc.querySelector('.tablenav.top .total-pages')?.textContent).toBe('3');
    expect(doc.querySelector('.tablenav.top a.next-page')?.getAttribute('href')).toBe('?page=wc-orders&paged=2');
  });
});

describe('HPOS trash view', () => {
  const doc = load('orders-hpos-trash');

  it('reads trashed rows as trash, which does not count', () => {
    const sightings = defined(readAll(doc));
    expect(sightings.map((s) => [s.orderId, s.buyer.key, s.status])).toEqual([
      ['1250', 'nick:Jane Doe', 'trash'],
      ['1249', 'nick:赵敏', 'trash'],
      ['1248', 'nick:Tom Baker', 'trash'],
    ]);
    expect(sightings.some((s) => isCountedStatus(s.status))).toBe(false);
  });

  it('anchors chips on the bare <strong>: trashed rows have no order-view link', () => {
    for (const row of rows(doc)) {
      expect(row.querySelector('a.order-view')).toBeNull();
      expect(orderList.chipAnchor(row)?.matches('td.column-order_number > strong')).toBe(true);
    }
  });
});

describe('legacy order list', () => {
  const doc = load('orders-legacy');
  const all = defined(readAll(doc));

  it('reads tr#post-{id} rows with status-wc-* classes', () => {
    expect(all.map((s) => s.orderId)).toEqual(['1108', '1107', '1106', '1105', '1104', '1103', '1102', '1101']);
    expect(all.map((s) => s.status)).toEqual(['processing', 'completed', 'completed', 'cancelled', 'completed', 'refunded', 'on-hold', 'pending']);
    expect(all[1]?.buyer).toEqual({ key: 'nick:陈伟 Chen Wei', otherKeys: [], displayName: '陈伟 Chen Wei' });
  });

  it('reads comma-decimal euros', () => {
    expect(all.map((s) => s.total?.amountMinor)).toEqual([8990, 152000, 2450, 1500, 4990, 0, 31040, 1299]);
    expect(all.every((s) => s.total?.currency === 'EUR')).toBe(true);
    expect(all[0]?.placedAt).toBe('2026-11-20T08:00:00+01:00');
  });

  it('finds the anchor and the post[] checkbox', () => {
    for (const row of rows(doc)) {
      expect(orderList.chipAnchor(row)?.getAttribute('href')).toBe(`post.php?post=${row.id.slice(5)}&action=edit`);
      expect(orderList.checkbox(row)?.name).toBe('post[]');
    }
  });
});

describe('empty list', () => {
  it('has the "No orders found." row and no order rows', () => {
    const doc = load('orders-empty');
    expect(doc.querySelector('#the-list tr.no-items')?.textContent).toBe('No orders found.');
    expect(doc.querySelector('.displaying-num')?.textContent).toBe('0 items');
    expect(rows(doc)).toHaveLength(0);
    expect(orderList.extract(doc.querySelector('#the-list tr.no-items')!)).toBeUndefined();
  });
});

describe('order edit page (HPOS, registered customer)', () => {
  const doc = load('order-edit-hpos');
  const root = doc.querySelector(orderDetail.rootSelector)!;

  it('reads the order with its customer id, contacts and items', () => {
    expect(root.id).toBe('order');
    expect(orderDetail.extract(root)).toEqual({
      orderId: '1276',
      buyer: {
        key: 'customerId:12',
        otherKeys: ['email:oliver.smith@example.com', 'nick:Oliver Smith', 'phone:15550102030'],
        displayName: 'Oliver Smith',
      },
      total: { amountMinor: 20000, currency: 'USD' },
      status: 'processing',
      items: [
        { name: 'Peony Bouquet – Large', quantity: 2, unitPrice: { amountMinor: 8000, currency: 'USD' } },
        { name: 'Ceramic Vase', quantity: 1, unitPrice: { amountMinor: 5000, currency: 'USD' } },
        { name: 'Greeting card', quantity: 1, unitPrice: { amountMinor: 3000, currency: 'USD' } },
      ],
    });
  });

  it('agrees with the list row of the same order, whose buyer key it carries', () => {
    const listRow = rows(load('orders-hpos')).find((r) => r.id === 'order-1276')!;
    const fromList = extractOrderRow(listRow)!;
    const fromPage = extractOrderDetail(root)!;
    expect(fromPage.total).toEqual(fromList.total);
    expect(fromPage.status).toBe(fromList.status);
    expect(fromPage.buyer.otherKeys).toContain(fromList.buyer.key);
    expect(fromPage).not.toHaveProperty('placedAt'); // the edit page has no offset
  });

  it('anchors chips on the order heading', () => {
    expect(orderDetail.chipAnchor(root)?.textContent).toBe('Order #1276 details');
  });

  it('falls back to the visible links and the customer option when the inputs are missing', () => {
    const copy = root.cloneNode(true) as Element;
    for (const input of Array.from(copy.querySelectorAll('input[name^="_billing_"]'))) input.remove();
    expect(extractOrderDetail(copy)?.buyer).toEqual({
      key: 'customerId:12',
      otherKeys: ['email:oliver.smith@example.com', 'nick:Oliver Smith', 'phone:15550102030'],
      displayName: 'Oliver Smith',
    });
  });

  it('gives up when an item cannot be read, and reads an order without items', () => {
    const broken = root.cloneNode(true) as Element;
    broken.querySelector('#order_line_items td.quantity div.view')!.textContent = '× many';
    expect(extractOrderDetail(broken)).toBeUndefined();
    const noItems = root.cloneNode(true) as Element;
    noItems.querySelector('#order_line_items')!.remove();
    expect(extractOrderDetail(noItems)).not.toHaveProperty('items');
    expect(extractOrderDetail(noItems)?.orderId).toBe('1276');
  });

  it('derives the unit price from the line total when there is no cost column', () => {
    const copy = root.cloneNode(true) as Element;
    for (const cell of Array.from(copy.querySelectorAll('td.item_cost'))) cell.remove();
    expect(extractOrderDetail(copy)?.items?.[0]).toEqual({ name: 'Peony Bouquet – Large', quantity: 2, unitPrice: { amountMinor: 8000, currency: 'USD' } });
  });
});

describe('order edit page (legacy, guest)', () => {
  const doc = load('order-edit-legacy-guest');
  const root = doc.querySelector(orderDetail.rootSelector)!;

  it('reads a guest by billing email, lower-cased, with the name as another key', () => {
    expect(root.id).toBe('post');
    expect(doc.querySelector('#customer_user option[selected]')?.getAttribute('value')).toBe('');
    expect(orderDetail.extract(root)).toEqual({
      orderId: '1104',
      buyer: { key: 'email:hannah.schmidt@example.de', otherKeys: ['nick:Hannah Schmidt'], displayName: 'Hannah Schmidt' },
      total: { amountMinor: 4990, currency: 'EUR' },
      status: 'completed',
      items: [{ name: 'Dried Lavender Bundle', quantity: 2, unitPrice: { amountMinor: 2495, currency: 'EUR' } }],
    });
  });

  it('agrees with the legacy list row', () => {
    const row = rows(load('orders-legacy')).find((r) => r.id === 'post-1104')!;
    const fromList = extractOrderRow(row)!;
    const fromPage = extractOrderDetail(root)!;
    expect(fromPage.total).toEqual(fromList.total);
    expect(fromPage.buyer.otherKeys).toContain(fromList.buyer.key);
  });

  it('reads a guest with neither email nor name as nobody', () => {
    const copy = root.cloneNode(true) as Element;
    for (const input of Array.from(copy.querySelectorAll('input[name^="_billing_"]'))) input.setAttribute('value', '');
    copy.querySelector('#order_data div.address a[href^="mailto:"]')!.remove();
    expect(extractOrderDetail(copy)).toBeUndefined();
  });

  it('finds nothing in the edit form of a post that is not an order', () => {
    const copy = root.cloneNode(true) as Element;
    copy.querySelector('#order_data')!.remove();
    expect(copy.matches(orderDetail.rootSelector)).toBe(true);
    expect(extractOrderDetail(copy)).toBeUndefined();
    expect(orderDetail.chipAnchor(copy)).toBeUndefined();
  });
});

describe('extractors on the wrong element', () => {
  it('find nothing and throw nothing', () => {
    for (const name of FIXTURES) {
      const doc = load(name);
      expect(extractOrderRow(doc.body)).toBeUndefined();
      expect(extractOrderDetail(doc.body)).toBeUndefined();
      for (const row of rows(doc)) expect(extractOrderDetail(row)).toBeUndefined();
      for (const root of Array.from(doc.querySelectorAll(orderDetail.rootSelector))) expect(extractOrderRow(root)).toBeUndefined();
    }
  });

  it('reads a damaged row as nothing: bad total, empty date, bad id', () => {
    const doc = load('orders-hpos');
    const row = rows(doc)[0]!;
    const badTotal = row.cloneNode(true) as Element;
    badTotal.querySelector('td.column-order_total bdi')!.lastChild!.textContent = '12.3.4';
    expect(extractOrderRow(badTotal)).toBeUndefined();
    const badDate = row.cloneNode(true) as Element;
    badDate.querySelector('time')!.setAttribute('datetime', '');
    expect(extractOrderRow(badDate)).toBeUndefined();
    const noDate = row.cloneNode(true) as Element;
    noDate.querySelector('td.column-order_date')!.innerHTML = '&ndash;';
    expect(extractOrderRow(noDate)).not.toHaveProperty('placedAt');
    const badId = row.cloneNode(true) as Element;
    badId.id = 'order-abc';
    expect(extractOrderRow(badId)).toBeUndefined();
    const detached = row.cloneNode(true) as Element;
    expect(extractOrderRow(detached)).toEqual(extractOrderRow(row));
  });

  it('names no shop off wp-admin; falls back to the host without an admin bar', () => {
    const doc = load('orders-hpos');
    expect(woocommerceAdapter.shop(new URL('https://shop.example.com/my-account/'), doc)).toBeUndefined();
    const blank = parse('<!doctype html><title>x</title>');
    expect(extractShop(new URL('https://shop.example.com:8443/wp-admin/'), blank)).toEqual({
      platform: 'woocommerce',
      key: 'shop.example.com:8443',
      name: 'shop.example.com:8443',
    });
  });
});

describe('parseWooAmount and normalizeStatus', () => {
  it.each([
    ['1,234.56', 123456],
    ['1.234,56', 123456],
    ['1 234,56', 123456],
    ["1'234.56", 123456],
    ['1\u00a0234,56', 123456],
    ['99.00', 9900],
    ['12,5', 1250],
    ['0.00', 0],
    ['1,234', 123400],
    ['1.234.567', 123456700],
    ['1234', 123400],
  ])('%j → %i', (raw, minor) => {
    expect(parseWooAmount(raw)).toBe(minor);
  });

  it.each(['', '12.3.4', '1,23,456.00', '1.234.56', '-5.00', '12.345.67,8,9', '1,2345', 'abc', '１２', '12.', '1e5'])(
    '%j → undefined',
    (raw) => {
      expect(parseWooAmount(raw)).toBeUndefined();
    },
  );

  it.each([
    ['wc-processing', 'processing'],
    ['completed', 'completed'],
    ['on-hold', 'on-hold'],
    ['wc-checkout-draft', 'pending'],
    ['checkout-draft', 'pending'],
    ['pending', 'pending'],
    ['trash', 'trash'],
    ['wc-shipped', 'shipped'],
    ['Refunded', 'refunded'],
    ['', undefined],
    ['has space', undefined],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeStatus(raw)).toBe(expected);
  });
});

describe('the 1,000-row list for the benchmark', () => {
  it('make-big-list.mjs writes exactly 1,000 readable rows, the same every run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'woo-big-'));
    try {
      const a = join(dir, 'a.html');
      const b = join(dir, 'b.html');
      execFileSync(process.execPath, [join(DIR, 'make-big-list.mjs'), a]);
      execFileSync(process.execPath, [join(DIR, 'make-big-list.mjs'), b]);
      const html = readFileSync(a, 'utf8');
      expect(readFileSync(b, 'utf8')).toBe(html);
      const doc = parse(html);
      const found = rows(doc);
      expect(found).toHaveLength(1000);
      expect(defined(found.map((r) => orderList.extract(r)))).toHaveLength(1000);
      expect(found.every((r) => orderList.chipAnchor(r) && orderList.checkbox(r))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
