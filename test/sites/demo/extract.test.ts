import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OrderSighting } from '../../../lib/model/sighting';
import { demoAdapter, demoSelectors as S } from '../../../lib/sites/demo';
import { extractChatBuyer, extractOrderDetail, extractOrderRow, extractShop } from '../../../lib/sites/demo/extract';

const FIXTURES = ['order-list', 'order-list-empty', 'order-list-broken', 'order-detail', 'chat'] as const;
type Fixture = (typeof FIXTURES)[number];

function load(name: Fixture): Document {
  // A path, not a URL: under happy-dom the global URL is the DOM's, which node:fs does not take.
  const html = readFileSync(join(import.meta.dirname, '../../fixtures/demo', `${name}.html`), 'utf8');
  return new DOMParser().parseFromString(html, 'text/html');
}

const orderList = demoAdapter.orderList!;
const orderDetail = demoAdapter.orderDetail!;
const chat = demoAdapter.chat!;

function rows(doc: Document): Element[] {
  return Array.from(doc.querySelectorAll(orderList.rowSelector));
}

/** What each fixture must contain: [rows, row sightings, detail roots, conversations, docks]. */
const COUNTS: Record<Fixture, [number, number, number, number, number]> = {
  'order-list': [50, 50, 0, 0, 0],
  'order-list-empty': [0, 0, 0, 0, 0],
  'order-list-broken': [50, 43, 0, 0, 0],
  'order-detail': [0, 0, 1, 0, 0],
  chat: [0, 0, 0, 1, 1],
};

describe('fixtures: exact counts per page type', () => {
  it.each(FIXTURES)('%s', (name) => {
    const doc = load(name);
    const found = rows(doc);
    const sightings = found.map((row) => orderList.extract(row)).filter((s) => s !== undefined);
    const [rowCount, sightingCount, detailCount, conversationCount, dockCount] = COUNTS[name];
    expect(found).toHaveLength(rowCount);
    expect(sightings).toHaveLength(sightingCount);
    expect(doc.querySelectorAll(orderDetail.rootSelector)).toHaveLength(detailCount);
    expect(doc.querySelectorAll(chat.conversationSelector)).toHaveLength(conversationCount);
    expect(chat.dock(doc) ? 1 : 0).toBe(dockCount);
    // Everything an extractor returns is a valid sighting.
    for (const s of sightings) expect(OrderSighting.safeParse(s).success).toBe(true);
  });

  it('every fixture names the shop', () => {
    const url = new URL('http://127.0.0.1:5178/admin/orders');
    for (const name of FIXTURES) {
      expect(demoAdapter.shop(url, load(name))).toEqual({ platform: 'demo', key: 'blossom', name: '花开小铺 Blossom' });
    }
  });
});

describe('order list', () => {
  const doc = load('order-list');
  const all = rows(doc).map((row) => orderList.extract(row));
  const sightings = all.filter((s): s is OrderSighting => s !== undefined);
  const byId = new Map(sightings.map((s) => [s.orderId, s]));

  it('reads the first row completely', () => {
    expect(sightings[0]).toEqual({
      orderId: '20261120114513778',
      buyer: { key: 'nick:tb_2008xixi', otherKeys: [], displayName: '上官涛' },
      placedAt: '2026-11-20T11:45:13+08:00',
      total: { amountMinor: 57050, currency: 'CNY' },
      status: 'paid',
    });
  });

  it('reads Chinese names and nicks', () => {
    expect(byId.get('20261113191643000')?.buyer).toEqual({ key: 'nick:tb_8812xiaoyu', otherKeys: [], displayName: '张三' });
    expect(byId.get('20261117220558958')?.buyer).toMatchObject({ key: 'nick:花花小店主', displayName: '李小龙' });
    expect(byId.get('20261116133137988')?.buyer.displayName).toBe('王芳');
    expect(byId.get('20261114222455172')?.buyer).toMatchObject({ key: 'nick:emma_w88', displayName: 'Emma Wilson' });
  });

  it('keeps the buyer whose name is markup as plain text, and the page never parsed it', () => {
    const eve = byId.get('20261113215903390');
    expect(eve?.buyer).toEqual({
      key: 'nick:<b>eve</b>_tb',
      otherKeys: [],
      displayName: '<img src=x onerror=alert(1)>Eve',
    });
    expect(doc.querySelector('img')).toBeNull();
    expect(doc.querySelector('b')).toBeNull();
  });

  it('reads statuses lower-cased, refunded included', () => {
    const counts: Record<string, number> = {};
    for (const s of sightings) counts[s.status!] = (counts[s.status!] ?? 0) + 1;
    expect(counts).toEqual({ paid: 15, shipped: 18, delivered: 14, refunded: 2, cancelled: 1 });
    expect(byId.get('20261118080013266')).toMatchObject({ status: 'refunded', total: { amountMinor: 172390, currency: 'CNY' } });
    expect(byId.get('20261111122023852')).toMatchObject({ status: 'refunded', total: { amountMinor: 3790 } });
  });

  it('reads totals in minor units', () => {
    expect(byId.get('20261114222455172')?.total).toEqual({ amountMinor: 670500, currency: 'CNY' });
    expect(sightings.reduce((sum, s) => sum + s.total!.amountMinor, 0)).toBe(4313080);
    expect(sightings.every((s) => Number.isInteger(s.total!.amountMinor))).toBe(true);
  });

  it('reads every date with its +08:00 offset, newest first', () => {
    const dates = sightings.map((s) => s.placedAt!);
    expect(dates.every((d) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/.test(d))).toBe(true);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('has 50 distinct order ids over 38 buyers', () => {
    expect(byId.size).toBe(50);
    expect(new Set(sightings.map((s) => s.buyer.key)).size).toBe(38);
  });

  it('finds the chip anchor and the checkbox of every row', () => {
    for (const row of rows(doc)) {
      const anchor = orderList.chipAnchor(row);
      expect(anchor?.matches('span.buyer > a.buyer-name')).toBe(true);
      const box = orderList.checkbox(row);
      expect(box?.type).toBe('checkbox');
      expect(box?.classList.contains('row-select')).toBe(true);
    }
    expect(doc.querySelector('input.select-all')).not.toBeNull();
  });

  it('shows the pagination the list promises', () => {
    expect(doc.querySelector('.summary')?.textContent).toBe('Showing 1–50 of 360');
    expect(doc.querySelector('nav.pagination a[data-page="1"]')?.getAttribute('aria-current')).toBe('page');
    expect(doc.querySelector('nav.pagination a[data-page="2"]')?.getAttribute('href')).toBe('/admin/orders?page=2');
    expect(doc.querySelector('nav.pagination a[rel="next"]')?.getAttribute('href')).toBe('/admin/orders?page=2');
  });
});

describe('order list with damaged rows', () => {
  const doc = load('order-list-broken');
  const all = rows(doc).map((row) => orderList.extract(row));

  it('gives up on exactly the unreadable rows, without throwing', () => {
    const unreadable = all.flatMap((s, i) => (s === undefined ? [i] : []));
    expect(unreadable).toEqual([2, 5, 8, 11, 14, 17, 20]);
  });

  it('reads a row without a total cell or a date, leaving that field out', () => {
    expect(all[23]).toMatchObject({ orderId: '20261117082604774' });
    expect(all[23]).not.toHaveProperty('total');
    expect(all[23]?.placedAt).toBe('2026-11-17T08:26:04+08:00');
    expect(all[26]).toMatchObject({ orderId: '20261116091803662', total: { amountMinor: 99880, currency: 'CNY' } });
    expect(all[26]).not.toHaveProperty('placedAt');
  });

  it('reads a full-width yen with one decimal', () => {
    expect(all[29]?.total).toEqual({ amountMinor: 123450, currency: 'CNY' });
  });

  it('does not count the group header or a row without an order id', () => {
    expect(doc.querySelectorAll('table.orders-table > tbody > tr')).toHaveLength(52);
  });
});

describe('order detail', () => {
  const doc = load('order-detail');
  const root = doc.querySelector(orderDetail.rootSelector)!;

  it('reads the order with its items', () => {
    expect(orderDetail.extract(root)).toEqual({
      orderId: '20261120114513778',
      buyer: { key: 'nick:tb_2008xixi', otherKeys: [], displayName: '上官涛' },
      placedAt: '2026-11-20T11:45:13+08:00',
      total: { amountMinor: 57050, currency: 'CNY' },
      status: 'paid',
      items: [
        { name: 'Ceramic Tea Set (6 pcs)', quantity: 1, unitPrice: { amountMinor: 42000, currency: 'CNY' } },
        { name: 'Pressed Flower Bookmark ×3', quantity: 1, unitPrice: { amountMinor: 1800, currency: 'CNY' } },
        { name: '多肉植物组合', quantity: 5, unitPrice: { amountMinor: 2650, currency: 'CNY' } },
      ],
    });
  });

  it('agrees with the list row of the same order', () => {
    const listRow = rows(load('order-list')).find((r) => r.getAttribute('data-order-id') === '20261120114513778')!;
    const { items, ...rest } = extractOrderDetail(root)!;
    expect(items).toHaveLength(3);
    expect(rest).toEqual(extractOrderRow(listRow));
  });

  it('anchors chips on the buyer name', () => {
    expect(orderDetail.chipAnchor(root)?.getAttribute('data-nick')).toBe('tb_2008xixi');
  });

  it('gives up when an item cannot be read, and reads an order without an item table', () => {
    const broken = root.cloneNode(true) as Element;
    broken.querySelector('td.item-qty')!.textContent = 'two';
    expect(extractOrderDetail(broken)).toBeUndefined();
    const noItems = root.cloneNode(true) as Element;
    noItems.querySelector('table.items')!.remove();
    expect(extractOrderDetail(noItems)).not.toHaveProperty('items');
    expect(extractOrderDetail(noItems)?.total).toBeUndefined();
  });
});

describe('chat', () => {
  const doc = load('chat');
  const conversation = doc.querySelector(chat.conversationSelector)!;

  it('reads the open conversation’s buyer as text', () => {
    expect(conversation.getAttribute('data-conversation-id')).toBe('c1005');
    expect(chat.buyer(conversation)).toEqual({
      key: 'nick:<b>eve</b>_tb',
      otherKeys: [],
      displayName: '<img src=x onerror=alert(1)>Eve',
    });
  });

  it('keeps hostile messages as text', () => {
    expect(doc.querySelector('script')).toBeNull();
    expect(doc.querySelector('img')).toBeNull();
    const texts = Array.from(doc.querySelectorAll('.message.from-buyer .bubble'), (b) => b.textContent);
    expect(texts).toContain('Is this field safe? <script>alert(1)</script>');
    expect(doc.querySelectorAll('.message.from-buyer')).toHaveLength(6);
  });

  it('finds the dock and the eight conversations', () => {
    expect(chat.dock(doc)?.matches('aside.chat-dock')).toBe(true);
    expect(doc.querySelectorAll('aside.conversation-list a.conversation[data-conversation-id]')).toHaveLength(8);
    expect(doc.querySelector('a.conversation[aria-current="page"]')?.getAttribute('href')).toBe('/admin/chat/c1005');
  });
});

describe('extractors on the wrong page', () => {
  it('find nothing and throw nothing', () => {
    for (const name of FIXTURES) {
      const doc = load(name);
      const body = doc.body;
      // The row reader on a whole page, the detail reader on a row, the chat reader on a list.
      expect(extractOrderRow(body)).toBeUndefined();
      expect(extractOrderDetail(body)).toBeUndefined();
      for (const row of rows(doc)) expect(extractOrderDetail(row)).toBeUndefined();
      if (name !== 'chat') expect(extractChatBuyer(body)).toBeUndefined();
    }
  });

  it('have no shop without the meta tags, and none off the demo hosts', () => {
    const blank = new DOMParser().parseFromString('<!doctype html><title>x</title>', 'text/html');
    expect(extractShop(blank)).toBeUndefined();
    expect(demoAdapter.shop(new URL('https://example.com/admin/orders'), load('order-list'))).toBeUndefined();
  });

  it('returns undefined for elements that are not rows at all', () => {
    const doc = load('order-list');
    expect(orderList.extract(doc.createElement('tr'))).toBeUndefined();
    expect(orderList.chipAnchor(doc.createElement('tr'))).toBeUndefined();
    expect(orderList.checkbox(doc.createElement('tr'))).toBeUndefined();
    expect(chat.dock(load('order-list'))).toBeUndefined();
  });
});

describe('selectors', () => {
  it('are all valid CSS', () => {
    const doc = load('order-list');
    for (const selector of Object.values(S)) expect(() => doc.querySelectorAll(selector)).not.toThrow();
  });
});
