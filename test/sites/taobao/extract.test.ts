import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCountedStatus } from '../../../lib/insights/counted';
import { OrderSighting } from '../../../lib/model/sighting';
import { chinaTimeToIso, mapTaobaoStatus, taobaoAdapter, taobaoSelectors as S } from '../../../lib/sites/taobao';

const PAGES = join(import.meta.dirname, '../../fixtures/taobao/pages');
const FIXTURES = ['sold-items', 'sold-items-b', 'sold-items-empty', 'workbench', 'workbench-unknown', 'refund-list'] as const;
type Fixture = (typeof FIXTURES)[number];

function html(name: string): string {
  // A path, not a URL: under happy-dom the global URL is the DOM's, which node:fs does not take.
  return readFileSync(join(PAGES, `${name}.html`), 'utf8');
}
function parse(source: string): Document {
  return new DOMParser().parseFromString(source, 'text/html');
}
const load = (name: Fixture): Document => parse(html(name));

const orderList = taobaoAdapter.orderList!;
const chat = taobaoAdapter.chat!;
const rows = (doc: Document): Element[] => Array.from(doc.querySelectorAll(orderList.rowSelector));
const readAll = (doc: Document) => rows(doc).map((row) => orderList.extract(row));
const defined = <T>(list: (T | undefined)[]): T[] => list.filter((s): s is T => s !== undefined);

/** The URL each fixture is served at (test/fixtures/taobao/pages/routes.json, with its host). */
const URLS: Record<Fixture, string> = {
  'sold-items': 'https://trade.taobao.com/trade/itemlist/list_sold_items.htm',
  'sold-items-b': 'https://trade.taobao.com/trade/itemlist/list_sold_items.htm?action=itemlist/SoldQueryAction&event_submit_do_query=1&tabCode=success',
  'sold-items-empty': 'https://trade.taobao.com/trade/itemlist/list_sold_items.htm?action=itemlist/SoldQueryAction&event_submit_do_query=1&tabCode=refunding',
  workbench: 'https://myseller.taobao.com/home.htm/app-customer-service/workbench',
  'workbench-unknown': 'https://myseller.taobao.com/home.htm/qn-customer-service/reception',
  'refund-list': 'https://trade.taobao.com/trade/itemlist/list_refund_items.htm',
};

/** What each fixture must hold: [kind, rows, row sightings, chat buyer key, dock]. */
const EXPECTED: Record<Fixture, [string | undefined, number, number, string | undefined, number]> = {
  'sold-items': ['order-list', 10, 10, undefined, 0],
  'sold-items-b': ['order-list', 8, 7, undefined, 0],
  'sold-items-empty': ['order-list', 0, 0, undefined, 0],
  workbench: ['chat', 0, 0, 'nick:小鱼儿爱吃鱼', 1],
  'workbench-unknown': ['chat', 0, 0, undefined, 0],
  'refund-list': [undefined, 0, 0, undefined, 0],
};

describe('fixtures: exact counts per page', () => {
  it.each(FIXTURES)('%s', (name) => {
    const doc = load(name);
    const [kind, rowCount, sightingCount, buyerKey, dockCount] = EXPECTED[name];
    expect(taobaoAdapter.detect(new URL(URLS[name]))).toBe(kind);
    expect(rows(doc)).toHaveLength(rowCount);
    const sightings = defined(readAll(doc));
    expect(sightings).toHaveLength(sightingCount);
    for (const s of sightings) expect(OrderSighting.safeParse(s).success).toBe(true);
    const conversations = doc.querySelectorAll(chat.conversationSelector);
    expect(conversations).toHaveLength(1);
    expect(chat.buyer(conversations[0]!)?.key).toBe(buyerKey);
    expect(chat.dock(doc) ? 1 : 0).toBe(dockCount);
  });

  it('every fixture names the shop 花开小铺, from the header or the seller nick', () => {
    for (const name of FIXTURES) {
      expect(taobaoAdapter.shop(new URL(URLS[name]), load(name))).toEqual({ platform: 'taobao', key: '花开小铺', name: '花开小铺' });
    }
  });

  it('the refund list looks alike but holds no order block', () => {
    const doc = load('refund-list');
    expect(doc.querySelectorAll(S.rowBuyer)).toHaveLength(3);
    expect(doc.querySelectorAll(S.rowPrice)).toHaveLength(3);
    expect(rows(doc)).toHaveLength(0);
  });

  it('the empty list says so', () => {
    expect(load('sold-items-empty').body.textContent).toContain('没有符合条件的宝贝');
  });
});

describe('selectors name only the stable CSS-module prefixes', () => {
  it('no selector holds a build hash', () => {
    for (const selector of Object.values(S)) expect(selector).not.toMatch(/___[A-Za-z0-9_-]/);
  });

  it('row-scoped selectors are single compounds (no combinators)', () => {
    const rowScoped = [S.rowLabel, S.rowCheckbox, S.rowCreateTime, S.rowBuyer, S.rowStatus, S.rowPrice, S.priceStrong, S.rowItem, S.itemTitle, S.itemQuantity];
    for (const selector of rowScoped) expect(selector.replace(/\[[^\]]*\]/g, '')).toMatch(/^[a-z]*(?:\.[\w-]+)*$/);
    // Selector lists of compounds are fine where a whole document is searched.
    for (const part of [...S.orderRow.split(','), ...S.sellerNick.split(',')]) {
      expect(part.trim().replace(/\[[^\]]*\]/g, '')).toMatch(/^[a-z]*(?:\.[\w-]+)*$/);
    }
  });

  it('the two list fixtures use different hashes for every prefix', () => {
    const hashes = (source: string) => new Set(source.match(/[a-z-]+-mod__[\w-]+?___[A-Za-z0-9_-]+/g));
    const a = hashes(html('sold-items'));
    const b = hashes(html('sold-items-b'));
    expect(a.size).toBeGreaterThan(15);
    expect([...a].filter((c) => b.has(c))).toEqual([]);
  });

  it('reads the same orders after every hash is changed', () => {
    const original = html('sold-items');
    let n = 0;
    const rehashed = original.replace(/(-mod__[\w-]+?___)[A-Za-z0-9_-]+/g, (_, prefix: string) => `${prefix}q${(n++).toString(36)}Z`);
    expect(rehashed).not.toBe(original);
    expect(readAll(parse(rehashed))).toEqual(readAll(parse(original)));
  });
});

describe('已卖出的宝贝 (hash set A)', () => {
  const doc = load('sold-items');
  const sightings = defined(readAll(doc));
  const byId = new Map(sightings.map((s) => [s.orderId, s]));

  it('reads the first order completely', () => {
    expect(sightings[0]).toEqual({
      orderId: '3862049812345678901',
      buyer: { key: 'nick:小鱼儿爱吃鱼', otherKeys: [], displayName: '小鱼儿爱吃鱼' },
      placedAt: '2026-11-02T10:15:30+08:00',
      total: { amountMinor: 13800, currency: 'CNY' },
      status: 'completed',
      items: [{ name: '手工青瓷茶具套装 一壶四杯 送礼盒', quantity: 1, unitPrice: { amountMinor: 12800, currency: 'CNY' } }],
    });
  });

  it('reads multi-item orders, quantities and unit prices (not the struck-out list price)', () => {
    expect(byId.get('3861977123456789012')?.items).toEqual([
      { name: '宋式青瓷花瓶 客厅插花摆件', quantity: 1, unitPrice: { amountMinor: 26800, currency: 'CNY' } },
      { name: '竹编茶盘 家用小号', quantity: 2, unitPrice: { amountMinor: 4500, currency: 'CNY' } },
    ]);
    const three = byId.get('3861796567890123456');
    expect(three?.items?.map((i) => [i.name, i.quantity, i.unitPrice?.amountMinor])).toEqual([
      ['汝窑品茗杯 单杯', 4, 5800],
      ['锡制茶叶罐', 1, 13850],
      ['茶巾 棉麻', 3, 2000],
    ]);
    expect(three?.total).toEqual({ amountMinor: 43650, currency: 'CNY' });
  });

  it('maps every status, unpaid and closed orders to uncounted words', () => {
    const counts: Record<string, number> = {};
    for (const s of sightings) counts[s.status!] = (counts[s.status!] ?? 0) + 1;
    expect(counts).toEqual({ completed: 3, shipped: 3, paid: 2, pending: 1, closed: 1 });
    expect(byId.get('3861902234567890123')?.status).toBe('pending');
    expect(byId.get('3861874345678901234')?.status).toBe('closed');
    expect(isCountedStatus('pending')).toBe(false);
    expect(isCountedStatus('closed')).toBe(false);
    for (const word of ['completed', 'shipped', 'paid']) expect(isCountedStatus(word)).toBe(true);
  });

  it('reads the closed order drawn as trade-order-mainClose', () => {
    const closed = rows(doc).filter((row) => row.classList.contains('trade-order-mainClose'));
    expect(closed).toHaveLength(1);
    expect(orderList.extract(closed[0]!)).toMatchObject({ orderId: '3861874345678901234', status: 'closed', total: { amountMinor: 5900 } });
  });

  it('keeps the buyer whose nick is markup as plain text, and the page never parsed it', () => {
    expect(byId.get('3861850456789012345')?.buyer).toEqual({
      key: 'nick:<script>alert("nick")</script>小美',
      otherKeys: [],
      displayName: '<script>alert("nick")</script>小美',
    });
    expect(doc.querySelectorAll('script')).toHaveLength(0);
  });

  it('reads totals in fen: grouped thousands and a bare figure without ￥', () => {
    expect(byId.get('3861733678901234567')?.total).toEqual({ amountMinor: 129900, currency: 'CNY' });
    expect(byId.get('3861699789012345678')?.total).toEqual({ amountMinor: 12800, currency: 'CNY' });
    expect(sightings.reduce((sum, s) => sum + s.total!.amountMinor, 0)).toBe(294200);
  });

  it('reads 18- and 19-digit order ids, and China-time dates with +08:00, newest first', () => {
    expect(byId.get('386162890123456789')?.placedAt).toBe('2026-10-30T23:59:59+08:00');
    expect(sightings.every((s) => /^\d{18,19}$/.test(s.orderId))).toBe(true);
    const dates = sightings.map((s) => s.placedAt!);
    expect(dates.every((d) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/.test(d))).toBe(true);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('has 10 distinct orders over 9 buyers', () => {
    expect(byId.size).toBe(10);
    expect(new Set(sightings.map((s) => s.buyer.key)).size).toBe(9);
  });

  it('finds the chip anchor (the buyer nick) and the checkbox of every block', () => {
    for (const row of rows(doc)) {
      const anchor = orderList.chipAnchor(row);
      expect(anchor?.localName).toBe('a');
      expect(anchor?.className).toMatch(/^buyer-mod__name___/);
      const box = orderList.checkbox(row);
      expect(box?.type).toBe('checkbox');
      expect(box?.name).toBe('orderid');
      expect(box?.value).toBe(orderList.extract(row)?.orderId);
    }
  });
});

describe('已卖出的宝贝, a later build (hash set B)', () => {
  const doc = load('sold-items-b');
  const all = readAll(doc);

  it('skips exactly the order whose buyer nick is masked', () => {
    expect(all.flatMap((s, i) => (s === undefined ? [i] : []))).toEqual([2]);
    expect(rows(doc)[2]?.textContent).toContain('小**鱼');
  });

  it('reads the creation time from its own span, the total split over spans in a strong', () => {
    expect(all[0]).toEqual({
      orderId: '3859012398765432101',
      buyer: { key: 'nick:阿狸的小窝', otherKeys: [], displayName: '阿狸的小窝' },
      placedAt: '2026-10-28T21:03:11+08:00',
      total: { amountMinor: 19900, currency: 'CNY' },
      status: 'completed',
      items: [{ name: '手作陶瓷香插', quantity: 1, unitPrice: { amountMinor: 19900, currency: 'CNY' } }],
    });
    expect(all[5]?.total).toEqual({ amountMinor: 256000, currency: 'CNY' });
  });

  it('reads 等待卖家发货 as paid, a closed order still drawn as trade-order-main, and a markup nick', () => {
    expect(all[1]).toMatchObject({ status: 'paid', items: [{ name: '青花小碟', quantity: 4, unitPrice: { amountMinor: 1600 } }] });
    expect(all[3]).toMatchObject({ orderId: '3858890665432101234', status: 'closed' });
    expect(rows(doc)[3]?.classList.contains('trade-order-main')).toBe(true);
    expect(all[6]?.buyer.key).toBe('nick:<b>bold</b>夏天');
    expect(rows(doc)[6]?.querySelector('b')).toBeNull();
  });

  it('finds the buyer anchor even when its prefix is not the first class', () => {
    for (const row of rows(doc)) expect(orderList.chipAnchor(row)?.className).toMatch(/ buyer-mod__vip___/);
  });
});

describe('damaged blocks: never throws, gives up on what it cannot read', () => {
  const source = load('sold-items');
  /** A fresh copy of the first block, changed by `edit`. */
  function damaged(edit: (block: Element) => void): Element {
    const block = rows(source)[0]!.cloneNode(true) as Element;
    edit(block);
    return block;
  }
  const q = (block: Element, selector: string) => block.querySelector(selector)!;

  it('undefined without an order id or a buyer', () => {
    expect(orderList.extract(damaged((b) => q(b, S.rowLabel).remove()))).toBeUndefined();
    expect(orderList.extract(damaged((b) => q(b, S.rowBuyer).remove()))).toBeUndefined();
    expect(orderList.extract(damaged((b) => (q(b, S.rowBuyer).textContent = '  ')))).toBeUndefined();
  });

  it('reads the id from the checkbox when the label has no 订单号, and rejects ids of the wrong length', () => {
    const noText = damaged((b) => {
      const label = q(b, S.rowLabel);
      for (const span of Array.from(label.querySelectorAll('span'))) span.remove();
    });
    expect(orderList.extract(noText)).toMatchObject({ orderId: '3862049812345678901' });
    expect(orderList.extract(noText)).not.toHaveProperty('placedAt');
    const short = damaged((b) => {
      for (const span of Array.from(q(b, S.rowLabel).querySelectorAll('span'))) if (span.textContent === '3862049812345678901') span.textContent = '12345';
    });
    expect(orderList.extract(short)).toBeUndefined();
  });

  it('undefined when a present part is unreadable', () => {
    const cases: ((b: Element) => void)[] = [
      (b) => { for (const s of Array.from(q(b, S.rowLabel).querySelectorAll('span'))) if (s.textContent?.startsWith('2026')) s.textContent = '昨天'; },
      (b) => { for (const s of Array.from(q(b, S.rowLabel).querySelectorAll('span'))) if (s.textContent?.startsWith('2026')) s.textContent = '2026-02-30 10:00:00'; },
      (b) => (q(b, S.rowStatus).textContent = ''),
      (b) => (q(b, 'strong').textContent = '￥12.3.4'),
      (b) => (q(b, S.itemQuantity).textContent = '两件'),
      (b) => q(b, S.itemQuantity).remove(),
      (b) => (q(b, S.itemTitle).textContent = ' '),
    ];
    for (const edit of cases) expect(orderList.extract(damaged(edit))).toBeUndefined();
  });

  it('leaves out what is absent', () => {
    const bare = orderList.extract(damaged((b) => {
      q(b, S.rowStatus).remove();
      for (const p of Array.from(b.querySelectorAll(S.rowPrice))) p.remove();
      for (const r of Array.from(b.querySelectorAll(S.rowItem))) q(r, S.itemTitle).remove();
    }));
    expect(bare).toEqual({
      orderId: '3862049812345678901',
      buyer: { key: 'nick:小鱼儿爱吃鱼', otherKeys: [], displayName: '小鱼儿爱吃鱼' },
      placedAt: '2026-11-02T10:15:30+08:00',
    });
  });

  it('drops an unreadable unit price but keeps the item', () => {
    const s = orderList.extract(damaged((b) => {
      const unit = Array.from(b.querySelectorAll(S.rowPrice)).find((p) => !p.querySelector('strong'))!;
      unit.textContent = '价格面议';
    }));
    expect(s?.items).toEqual([{ name: '手工青瓷茶具套装 一壶四杯 送礼盒', quantity: 1 }]);
  });

  it('reads nothing from the wrong element, and never throws', () => {
    const doc = load('sold-items');
    for (const el of [doc.body, doc.querySelector(S.rowLabel)!, doc.querySelector(S.rowItem)!, doc.createElement('div')]) {
      expect(orderList.extract(el)).toBeUndefined();
    }
    const hostile = { matches: () => { throw new Error('boom'); }, querySelector: () => { throw new Error('boom'); } } as unknown as Element;
    expect(() => orderList.extract(hostile)).not.toThrow();
    expect(orderList.checkbox(hostile)).toBeUndefined();
    expect(orderList.chipAnchor(hostile)).toBeUndefined();
    expect(chat.buyer(hostile)).toBeUndefined();
  });
});

describe('customer-service workbench', () => {
  it('reads the buyer from the chat header', () => {
    const doc = load('workbench');
    expect(chat.buyer(doc.body)).toEqual({ key: 'nick:小鱼儿爱吃鱼', otherKeys: [], displayName: '小鱼儿爱吃鱼' });
    expect(chat.dock(doc)?.className).toMatch(/^right-panel__container___/);
  });

  it('falls back to the active conversation item, without the cntaobao prefix', () => {
    const doc = load('workbench');
    doc.querySelector(S.chatHeaderNick)!.remove();
    expect(chat.buyer(doc.body)?.key).toBe('nick:小鱼儿爱吃鱼');
    // The agent switches chats: the active item moves.
    const items = Array.from(doc.querySelectorAll('[data-nick]'));
    items[0]!.className = items[0]!.className.replace(/conversation-item__active___\w+/, '');
    items[3]!.classList.add('conversation-item__active___Zx9Lm');
    expect(chat.buyer(doc.body)?.key).toBe('nick:王芳芳');
  });

  it('no buyer when the markup is unknown, and no dock: the UI floats the panel and offers a search', () => {
    const doc = load('workbench-unknown');
    expect(doc.body.textContent).toContain('小鱼儿爱吃鱼');
    expect(chat.buyer(doc.body)).toBeUndefined();
    expect(chat.dock(doc)).toBeUndefined();
  });
});

describe('shop', () => {
  const url = new URL('https://trade.taobao.com/trade/itemlist/list_sold_items.htm');
  const doc = (body: string) => parse(`<!doctype html><html><body>${body}</body></html>`);

  it('prefers the shop name, falls back to the main account of the seller nick', () => {
    expect(taobaoAdapter.shop(url, doc('<span class="header-mod__shop-name___9aB">云栖茶舍旗舰店</span><a class="sn-user-nick">yunqi:客服1</a>'))?.key).toBe('云栖茶舍旗舰店');
    expect(taobaoAdapter.shop(url, doc('<a class="sn-user-nick">yunqi:客服1</a>'))).toEqual({ platform: 'taobao', key: 'yunqi', name: 'yunqi' });
    expect(taobaoAdapter.shop(url, doc('<a class="j_UserNick">tmall_shop</a>'))?.key).toBe('tmall_shop');
    expect(taobaoAdapter.shop(url, doc('<span class="header-mod__seller-nick___x1">小店主</span>'))?.key).toBe('小店主');
  });

  it('undefined when the page shows neither, or the URL is not the seller center', () => {
    expect(taobaoAdapter.shop(url, doc('<p>请登录</p>'))).toBeUndefined();
    expect(taobaoAdapter.shop(url, doc('<span class="header-mod__shop-name___9aB">  </span>'))).toBeUndefined();
    expect(taobaoAdapter.shop(new URL('https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm'), load('sold-items'))).toBeUndefined();
  });
});

describe('helpers', () => {
  it.each([
    ['交易成功', 'completed'],
    ['交易关闭', 'closed'],
    ['等待买家付款', 'pending'],
    ['买家已付款', 'paid'],
    ['等待卖家发货', 'paid'],
    ['卖家已发货', 'shipped'],
    ['等待买家确认收货', 'shipped'],
    [' 交易 成功 ', 'completed'],
    ['交易成功（已评价）', 'completed'],
    ['卖家部分发货', '卖家部分发货'],
    ['WAIT_BUYER_PAY', 'wait_buyer_pay'],
    ['', undefined],
    ['很'.repeat(51), undefined],
  ])('status %s → %s', (raw, expected) => {
    expect(mapTaobaoStatus(raw)).toBe(expected);
  });

  it.each([
    ['创建时间: 2026-11-02 10:15:30', '2026-11-02T10:15:30+08:00'],
    ['2026-11-02 10:15', '2026-11-02T10:15:00+08:00'],
    ['2026/1/2 9:05:07', '2026-01-02T09:05:07+08:00'],
    ['2024-02-29 00:00:00', '2024-02-29T00:00:00+08:00'],
    ['2026-02-29 00:00:00', undefined],
    ['2026-11-02 24:00:00', undefined],
    ['2026-11-02', undefined],
    ['昨天 10:15', undefined],
  ])('time %s → %s', (raw, expected) => {
    expect(chinaTimeToIso(raw)).toBe(expected);
  });
});
