import type { SiteAdapter } from '../types';
import { detectTaobaoPage, isTaobaoHost } from './detect';
import { chatDock, extractChatBuyer, extractOrderBlock, extractShop, orderCheckbox } from './extract';
import { taobaoSelectors as S } from './selectors';

/**
 * The Taobao / Tmall seller center: 已卖出的宝贝 (order list) and the customer-service
 * workbench (chat). Order details are not read: the list carries everything we keep.
 */
export const taobaoAdapter: SiteAdapter = {
  id: 'taobao',
  name: 'Taobao / Tmall seller center 淘宝天猫卖家中心',
  hostPatterns: ['https://trade.taobao.com/*', 'https://myseller.taobao.com/*', 'https://trade.tmall.com/*'],
  detect: detectTaobaoPage,
  shop: (url, doc) => (isTaobaoHost(url) ? extractShop(doc) : undefined),
  orderList: {
    rowSelector: S.orderRow,
    extract: extractOrderBlock,
    chipAnchor: (row) => {
      try {
        return row.querySelector(S.rowBuyer) ?? undefined;
      } catch {
        return undefined;
      }
    },
    checkbox: orderCheckbox,
  },
  chat: {
    conversationSelector: S.conversation,
    buyer: extractChatBuyer,
    dock: chatDock,
  },
};

export { detectTaobaoPage, isTaobaoHost, isSoldItems, isChatWorkbench, TAOBAO_HOSTS } from './detect';
export {
  extractOrderBlock,
  extractChatBuyer,
  extractShop,
  orderCheckbox,
  chatDock,
  buyerFromNick,
  chinaTimeToIso,
  mapTaobaoStatus,
  TAOBAO_STATUSES,
} from './extract';
export { taobaoSelectors } from './selectors';
