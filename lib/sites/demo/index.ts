import type { SiteAdapter } from '../types';
import { detectDemoPage, isDemoHost } from './detect';
import { extractChatBuyer, extractOrderDetail, extractOrderRow, extractShop } from './extract';
import { demoSelectors as S } from './selectors';

/** The element our chips go after, within a row or the detail root. */
function first(root: Element | Document, selector: string): Element | undefined {
  return root.querySelector(selector) ?? undefined;
}

/** The demo backoffice served by `node demo/server.mjs` (localhost / 127.0.0.1, any port). */
export const demoAdapter: SiteAdapter = {
  id: 'demo',
  name: 'BuyerLens demo backoffice',
  // Matched by the content script's static patterns: no permission to ask for.
  hostPatterns: [],
  detect: detectDemoPage,
  shop: (url, doc) => (isDemoHost(url) ? extractShop(doc) : undefined),
  orderList: {
    rowSelector: S.orderRow,
    extract: extractOrderRow,
    chipAnchor: (row) => first(row, S.rowBuyer),
    checkbox: (row) => {
      const el = first(row, S.rowCheckbox);
      // localName rather than instanceof: the row may come from another realm (a content script).
      return el?.localName === 'input' ? (el as HTMLInputElement) : undefined;
    },
  },
  orderDetail: {
    rootSelector: S.orderDetail,
    extract: extractOrderDetail,
    chipAnchor: (root) => first(root, S.detailBuyer),
  },
  chat: {
    conversationSelector: S.conversation,
    buyer: extractChatBuyer,
    dock: (doc) => first(doc, S.chatDock),
  },
};

export { detectDemoPage, isDemoHost, isOrderList, isOrderDetail, isChat, conversationIdOf } from './detect';
export { extractOrderRow, extractOrderDetail, extractChatBuyer, extractShop, readBuyer } from './extract';
export { demoSelectors } from './selectors';
