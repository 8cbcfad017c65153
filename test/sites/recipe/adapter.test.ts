import { describe, expect, it } from 'vitest';
import { SiteRecipe } from '../../../lib/model/recipe';
import { OrderSighting } from '../../../lib/model/sighting';
import { parseLocalDate, recipeAdapter } from '../../../lib/sites/recipe/adapter';
import { proposeRecipe, fieldSelector } from '../../../lib/sites/recipe/propose';
import { loadFixture } from './fixtures';

const base = SiteRecipe.parse({
  id: 'r_table',
  origin: 'https://shop.example.com',
  pathPrefix: '/admin/orders',
  name: '小店后台',
  rowSelector: '#orders tbody > tr.order-row',
  fields: { buyer: 'a.buyer', orderId: 'a.order-link', date: 'td.col-date', total: 'td.col-total' },
  createdAt: 0,
  version: 1,
});

/** Local wall-clock time as ISO with the runner's offset, the way the adapter writes it. */
function local(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): string {
  const date = new Date(y, mo - 1, d, h, mi, s);
  const off = -date.getTimezoneOffset();
  const p = (n: number) => String(Math.abs(n)).padStart(2, '0');
  return `${y}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(s)}${off >= 0 ? '+' : '-'}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`;
}

describe('recipeAdapter: identity and detect', () => {
  const adapter = recipeAdapter(base);

  it('names itself after the recipe and asks for its origin', () => {
    expect(adapter.id).toBe('recipe');
    expect(adapter.name).toBe('小店后台');
    expect(adapter.hostPatterns).toEqual(['https://shop.example.com/*']);
    expect(adapter.orderList!.rowSelector).toBe('#orders tbody > tr.order-row');
  });

  it.each([
    ['https://shop.example.com/admin/orders', 'order-list'],
    ['https://shop.example.com/admin/orders?page=2', 'order-list'],
    ['https://shop.example.com/admin/orders/', 'order-list'],
    ['https://shop.example.com/admin/order', undefined],
    ['https://shop.example.com/admin', undefined],
    ['http://shop.example.com/admin/orders', undefined],
    ['https://shop.example.com:8443/admin/orders', undefined],
    ['https://evil.example.com/admin/orders', undefined],
  ])('detect(%s) → %s', (url, kind) => {
    expect(adapter.detect(new URL(url))).toBe(kind);
  });

  it('shop is the host, platform recipe', () => {
    const doc = loadFixture('plain-table');
    expect(adapter.shop(new URL('https://shop.example.com/admin/orders'), doc)).toEqual({ platform: 'recipe', key: 'shop.example.com', name: '小店后台' });
    expect(adapter.shop(new URL('https://other.example.com/admin/orders'), doc)).toBeUndefined();
  });
});

describe('recipeAdapter: extract with an order id', () => {
  const adapter = recipeAdapter(base);
  const list = adapter.orderList!;
  const doc = loadFixture('plain-table');
  const rows = Array.from(doc.querySelectorAll(list.rowSelector));

  it('reads every row of the table (20), none of the refunds table', () => {
    expect(rows).toHaveLength(20);
    const sightings = rows.map((r) => list.extract(r));
    expect(sightings.filter(Boolean)).toHaveLength(20);
    for (const s of sightings) expect(OrderSighting.safeParse(s).success).toBe(true);
  });

  it('row 1: <time datetime> with offset, money with grouping', () => {
    expect(list.extract(rows[0]!)).toEqual({
      orderId: 'SO-1001',
      buyer: { key: 'nick:张三', otherKeys: [], displayName: '张三' },
      placedAt: '2026-03-01T10:00:00+08:00',
      total: { amountMinor: 12350, currency: 'CNY' },
    });
    expect(list.extract(rows[9]!)!.total).toEqual({ amountMinor: 123050, currency: 'CNY' });
  });

  it('row 2: ISO-like text is local time', () => {
    expect(list.extract(rows[1]!)!.placedAt).toBe(local(2026, 3, 2, 9, 1));
  });

  it('chip anchor is the buyer cell; checkbox is the row’s first checkbox', () => {
    expect(list.chipAnchor(rows[2]!)?.textContent).toBe('王五');
    expect(list.checkbox(rows[2]!)?.getAttribute('type')).toBe('checkbox');
    expect(list.buyerOnly!(rows[2]!)).toEqual({ key: 'nick:王五', otherKeys: [], displayName: '王五' });
  });

  it('leaves out what it cannot read for sure, and needs the buyer and the order id', () => {
    const row = rows[0]!.cloneNode(true) as Element;
    row.querySelector('td.col-total')!.textContent = '—';
    row.querySelector('td.col-date')!.textContent = '3月1日 上午';
    expect(list.extract(row)).toEqual({ orderId: 'SO-1001', buyer: { key: 'nick:张三', otherKeys: [], displayName: '张三' } });
    row.querySelector('a.order-link')!.textContent = '  ';
    expect(list.extract(row)).toBeUndefined();
    expect(list.buyerOnly!(row)?.key).toBe('nick:张三');
    row.querySelector('a.buyer')!.textContent = '';
    expect(list.buyerOnly!(row)).toBeUndefined();
    expect(list.chipAnchor(row)).toBeDefined();
  });

  it('never throws, even with a selector the DOM rejects', () => {
    const broken = recipeAdapter({ ...base, fields: { ...base.fields, total: 'td:foo(' } });
    expect(() => broken.orderList!.extract(rows[0]!)).not.toThrow();
    expect(broken.orderList!.extract(rows[0]!)?.total).toBeUndefined();
    const noBuyer = recipeAdapter({ ...base, fields: { buyer: 'a[' } });
    expect(noBuyer.orderList!.buyerOnly!(rows[0]!)).toBeUndefined();
    expect(noBuyer.orderList!.chipAnchor(rows[0]!)).toBeUndefined();
  });
});

describe('recipeAdapter: buyer only (no order id field)', () => {
  it('taught by a click on the div grid: 15 buyers, no orders', () => {
    const doc = loadFixture('div-grid');
    const p = proposeRecipe(doc.querySelectorAll('[data-testid="orders-grid"] span.lMnOpQ')[0]!)!;
    const adapter = recipeAdapter(SiteRecipe.parse({ ...base, rowSelector: p.rowSelector, fields: { buyer: p.cellSelector } }));
    const list = adapter.orderList!;
    const rows = Array.from(doc.querySelectorAll(list.rowSelector));
    expect(rows).toHaveLength(16); // the header row too: it has no buyer
    expect(rows.map((r) => list.extract(r)).filter(Boolean)).toHaveLength(0);
    const buyers = rows.map((r) => list.buyerOnly!(r)).filter(Boolean);
    expect(buyers).toHaveLength(15);
    expect(buyers[0]).toEqual({ key: 'nick:张三', otherKeys: [], displayName: '张三' });
    expect(list.checkbox(rows[1]!)).toBeDefined();
    expect(list.checkbox(rows[0]!)).toBeUndefined();
  });

  it('taught on the list, with the order id and total picked: 12 orders in USD', () => {
    const doc = loadFixture('list');
    const p = proposeRecipe(doc.querySelector('li.order-item a.customer')!)!;
    const row = p.rows[0]!;
    const recipe = SiteRecipe.parse({
      ...base,
      rowSelector: p.rowSelector,
      fields: { buyer: p.cellSelector, orderId: fieldSelector(row, row.querySelector('span.col-id')!), total: fieldSelector(row, row.querySelector('span.col-total')!) },
    });
    const list = recipeAdapter(recipe).orderList!;
    const sightings = Array.from(doc.querySelectorAll(list.rowSelector)).map((r) => list.extract(r)).filter(Boolean);
    expect(sightings).toHaveLength(12);
    expect(sightings[0]).toMatchObject({ orderId: '#8801', total: { amountMinor: 500, currency: 'USD' } });
  });
});

describe('parseLocalDate', () => {
  it.each([
    ['2026-03-01T10:00:00+08:00', '2026-03-01T10:00:00+08:00'],
    ['2026-03-01T02:00:00Z', '2026-03-01T02:00:00Z'],
    ['2026-03-01T02:00:00.123Z', '2026-03-01T02:00:00.123Z'],
  ])('keeps %s', (input, out) => {
    expect(parseLocalDate(input)).toBe(out);
  });

  it('reads ISO-like text as local time', () => {
    expect(parseLocalDate('2026-03-01')).toBe(local(2026, 3, 1));
    expect(parseLocalDate(' 2026-03-01 10:20 ')).toBe(local(2026, 3, 1, 10, 20));
    expect(parseLocalDate('2026-03-01T10:20:30')).toBe(local(2026, 3, 1, 10, 20, 30));
  });

  it.each(['2026-02-30', '2026-13-01', '2026-03-01 24:00', '03/01/2026', '2026/03/01', '3月1日', '2026-03-01 10', '', 'yesterday', '2026-03-01T10:00:00+8'])('leaves out %j', (input) => {
    expect(parseLocalDate(input)).toBeUndefined();
  });

  it('leaves out a local time that is skipped or repeated by a daylight-saving change', () => {
    // Meaningful where the runner's zone has DST (run with TZ=America/New_York to see it bite).
    const skipped = new Date(2026, 2, 8, 2, 30).getHours() !== 2;
    expect(parseLocalDate('2026-03-08 02:30')).toBe(skipped ? undefined : local(2026, 3, 8, 2, 30));
    const first = new Date(2026, 10, 1, 1, 30).getTime();
    const twice = new Date(first + 3_600_000).getHours() === 1 || new Date(first - 3_600_000).getHours() === 1;
    expect(parseLocalDate('2026-11-01 01:30')).toBe(twice ? undefined : local(2026, 11, 1, 1, 30));
  });

  it('every result is an OrderSighting date', () => {
    const out = parseLocalDate('2026-07-15 23:59:59')!;
    expect(OrderSighting.shape.placedAt.safeParse(out).success).toBe(true);
  });
});
