import { describe, expect, it } from 'vitest';
import { taobaoAdapter } from '../../../lib/sites/taobao';
import { bigListOrder, renderBigList } from '../../fixtures/taobao/make-big-list.mjs';

/** The benchmark page (test/fixtures/taobao/make-big-list.mjs), generated in memory. */
describe('make-big-list: 1,000 order blocks that all read', () => {
  const orderList = taobaoAdapter.orderList!;
  const source = renderBigList(1000);
  const doc = new DOMParser().parseFromString(source, 'text/html');
  const rows = Array.from(doc.querySelectorAll(orderList.rowSelector));
  const sightings = rows.map((row) => orderList.extract(row));

  it('is deterministic', () => {
    expect(renderBigList(1000)).toBe(source);
    expect(renderBigList(3)).not.toBe(renderBigList(4));
  });

  it('holds exactly 1,000 blocks, each read in full', () => {
    expect(rows).toHaveLength(1000);
    expect(sightings.every((s) => s !== undefined)).toBe(true);
    expect(new Set(sightings.map((s) => s!.orderId)).size).toBe(1000);
    expect(rows.filter((r) => r.classList.contains('trade-order-mainClose'))).toHaveLength(100);
    for (const row of rows) {
      expect(orderList.chipAnchor(row)).toBeDefined();
      expect(orderList.checkbox(row)).toBeDefined();
    }
  });

  it('reads what the generator wrote', () => {
    for (const i of [0, 3, 7, 512, 999]) {
      const o = bigListOrder(i);
      const s = sightings[i]!;
      expect(s.orderId).toBe(o.id);
      expect(s.buyer.key).toBe(`nick:${o.buyer}`);
      expect(s.placedAt).toBe(`${o.time.replace(' ', 'T')}+08:00`);
      expect(s.total).toEqual({ amountMinor: o.total, currency: 'CNY' });
      expect(s.items?.map((it) => [it.name, it.quantity, it.unitPrice?.amountMinor])).toEqual(o.items.map((it) => [it.name, it.qty, it.price]));
    }
    expect(sightings[7]!.status).toBe('closed');
    expect(new Set(sightings.map((s) => s!.buyer.key)).size).toBe(400);
  });

  it('names the shop', () => {
    expect(taobaoAdapter.shop(new URL('https://trade.taobao.com/trade/itemlist/list_sold_items.htm?pageSize=1000'), doc)?.key).toBe('花开小铺');
  });
});
