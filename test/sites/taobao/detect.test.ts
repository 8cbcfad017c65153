import { describe, expect, it } from 'vitest';
import { taobaoAdapter } from '../../../lib/sites/taobao';
import { detectTaobaoPage, isTaobaoHost } from '../../../lib/sites/taobao/detect';
import type { PageKind } from '../../../lib/sites/types';

/** Every example URL with the page kind it must be detected as (undefined: not a page we read). */
const EXAMPLES: ReadonlyArray<readonly [string, PageKind | undefined]> = [
  // 已卖出的宝贝
  ['https://trade.taobao.com/trade/itemlist/list_sold_items.htm', 'order-list'],
  ['https://trade.taobao.com/trade/itemlist/list_sold_items.htm?action=itemlist/SoldQueryAction&event_submit_do_query=1&tabCode=waitSend', 'order-list'],
  ['https://trade.taobao.com/trade/itemlist/list_sold_items.htm?action=itemlist/SoldQueryAction&event_submit_do_query=1&tabCode=success', 'order-list'],
  ['https://trade.taobao.com/trade/itemlist/list_sold_items.htm?action=itemlist/SoldQueryAction&event_submit_do_query=1&tabCode=closed&pageNum=3', 'order-list'],
  ['https://trade.taobao.com/trade/itemlist/list_sold_items.htm?spm=a1z09.1.0.0.4c3e3606AbCdEf&mytmenu=ymbb', 'order-list'],
  ['https://trade.taobao.com/trade/itemlist/list_sold_items.htm?buyerNick=%E5%B0%8F%E9%B1%BC#top', 'order-list'],
  ['https://trade.tmall.com/trade/itemlist/list_sold_items.htm', 'order-list'],
  ['https://trade.tmall.com/trade/itemlist/list_sold_items.htm?tabCode=waitBuyerPay', 'order-list'],
  ['http://trade.taobao.com/trade/itemlist/list_sold_items.htm?pageSize=1000', 'order-list'],
  // the customer-service workbench
  ['https://myseller.taobao.com/home.htm/app-customer-service/workbench', 'chat'],
  ['https://myseller.taobao.com/home.htm/app-customer-service/', 'chat'],
  ['https://myseller.taobao.com/home.htm/app-customer-service', 'chat'],
  ['https://myseller.taobao.com/home.htm/app-customer-service/reception/chat?nick=cntaobao%E5%B0%8F%E9%B1%BC', 'chat'],
  ['https://myseller.taobao.com/home.htm/qn-customer-service/reception', 'chat'],
  ['https://myseller.taobao.com/home.htm/qn-customer-service/', 'chat'],
  ['http://myseller.taobao.com/home.htm/qn-customer-service/reception#msg', 'chat'],
  // other seller-center pages
  ['https://trade.taobao.com/trade/itemlist/list_refund_items.htm', undefined],
  ['https://trade.taobao.com/trade/itemlist/list_refund_items.htm?action=itemlist/RefundQueryAction', undefined],
  ['https://trade.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=3862049812345678901', undefined],
  ['https://trade.taobao.com/trade/itemlist/list_sold_items.htm/extra', undefined],
  ['https://trade.taobao.com/trade/itemlist/LIST_SOLD_ITEMS.htm', undefined],
  ['https://trade.taobao.com/trade/itemlist/list_sold_items', undefined],
  ['https://trade.taobao.com/', undefined],
  ['https://trade.tmall.com/trade/itemlist/list_refund_items.htm', undefined],
  ['https://myseller.taobao.com/home.htm', undefined],
  ['https://myseller.taobao.com/home.htm/trade-platform/tp/sold', undefined],
  ['https://myseller.taobao.com/home.htm/app-customer-service-settings', undefined],
  ['https://myseller.taobao.com/home.htm/QN-customer-service/reception', undefined],
  ['https://myseller.taobao.com/app-customer-service/workbench', undefined],
  ['https://myseller.taobao.com/trade/itemlist/list_sold_items.htm', undefined],
  ['https://sell.taobao.com/auction/merchandise/auction_list.htm', undefined],
  // the buyer side and other hosts
  ['https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm', undefined],
  ['https://buyertrade.taobao.com/trade/itemlist/list_sold_items.htm', undefined],
  ['https://trade.taobao.com.evil.example/trade/itemlist/list_sold_items.htm', undefined],
  ['https://evil.example/trade.taobao.com/trade/itemlist/list_sold_items.htm', undefined],
  ['https://www.taobao.com/trade/itemlist/list_sold_items.htm', undefined],
  ['https://trade.taobao.com:8443/trade/itemlist/list_sold_items.htm', 'order-list'],
  ['ftp://trade.taobao.com/trade/itemlist/list_sold_items.htm', undefined],
  ['https://myseller.tmall.com/home.htm/app-customer-service/', undefined],
  ['http://127.0.0.1:5178/admin/orders', undefined],
];

describe('detectTaobaoPage', () => {
  it.each(EXAMPLES)('%s → %s', (href, expected) => {
    expect(detectTaobaoPage(new URL(href))).toBe(expected);
  });

  it('is what the adapter uses', () => {
    for (const [href, expected] of EXAMPLES) expect(taobaoAdapter.detect(new URL(href))).toBe(expected);
  });

  it('covers the page kinds it knows, and no order detail', () => {
    const kinds = new Set(EXAMPLES.map(([, kind]) => kind));
    expect(kinds).toEqual(new Set(['order-list', 'chat', undefined]));
    expect(taobaoAdapter.orderDetail).toBeUndefined();
  });

  it('every recognised URL is covered by a host pattern the adapter asks for', () => {
    for (const [href, kind] of EXAMPLES) {
      if (!kind) continue;
      const url = new URL(href);
      expect(taobaoAdapter.hostPatterns).toContain(`https://${url.hostname}/*`);
      expect(isTaobaoHost(url)).toBe(true);
    }
    expect(taobaoAdapter.hostPatterns).toEqual(['https://trade.taobao.com/*', 'https://myseller.taobao.com/*', 'https://trade.tmall.com/*']);
  });
});
