import type { PageKind } from '../types';

/**
 * Page kinds of the Taobao / Tmall seller center, from the URL alone.
 *
 *   https://trade.taobao.com/trade/itemlist/list_sold_items.htm            → order-list (已卖出的宝贝)
 *     …?action=itemlist/SoldQueryAction&event_submit_do_query=1&tabCode=…  → order-list (any query)
 *   https://trade.tmall.com/trade/itemlist/list_sold_items.htm             → order-list
 *   https://myseller.taobao.com/home.htm/app-customer-service/…            → chat (客服工作台)
 *   https://myseller.taobao.com/home.htm/qn-customer-service/…             → chat
 *   anything else → undefined: the refund list (list_refund_items.htm), order details
 *     (trade_item_detail.htm), the item list, the seller-center home, the buyer side
 *     (buyertrade.taobao.com), other hosts.
 *
 * http: is accepted as well as https: so the end-to-end tests can serve the saved pages under
 * the real host names; the extension only asks for the https patterns.
 */

const ORDER_LIST_HOSTS: ReadonlySet<string> = new Set(['trade.taobao.com', 'trade.tmall.com']);
const CHAT_HOST = 'myseller.taobao.com';
const SOLD_ITEMS_PATH = '/trade/itemlist/list_sold_items.htm';
const CHAT_PATH = /^\/home\.htm\/(?:app|qn)-customer-service(?:\/.*)?$/;

/** Every host this adapter reads pages of (for `shop`). */
export const TAOBAO_HOSTS: ReadonlySet<string> = new Set([...ORDER_LIST_HOSTS, CHAT_HOST]);

function isWeb(url: URL): boolean {
  return url.protocol === 'https:' || url.protocol === 'http:';
}

export function isTaobaoHost(url: URL): boolean {
  return isWeb(url) && TAOBAO_HOSTS.has(url.hostname);
}

/** 已卖出的宝贝: the seller's sold-orders list, whatever the tab, filter or page in the query. */
export const isSoldItems = (url: URL): boolean =>
  isWeb(url) && ORDER_LIST_HOSTS.has(url.hostname) && url.pathname === SOLD_ITEMS_PATH;

/** The customer-service workbench of the seller center (千牛 web). */
export const isChatWorkbench = (url: URL): boolean =>
  isWeb(url) && url.hostname === CHAT_HOST && CHAT_PATH.test(url.pathname);

export function detectTaobaoPage(url: URL): PageKind | undefined {
  if (isSoldItems(url)) return 'order-list';
  if (isChatWorkbench(url)) return 'chat';
  return undefined;
}
