import { customerRootSelector, extractCustomerPage } from './customer';
import type { SiteAdapter } from '../types';
import { detectShopifyPage } from './detect';
import {
  detailChipAnchor,
  extractOrderDetail,
  extractOrderRow,
  extractShop,
  rowCheckbox,
  rowChipAnchor,
} from './extract';
import { shopifySelectors as S } from './selectors';

/**
 * The Shopify admin (`https://admin.shopify.com/store/{shop}/…`): order list and order page,
 * read by accessible structure (header texts, roles, link targets), never by class names.
 * No chat: Shopify Inbox is a separate app.
 */
export const shopifyAdapter: SiteAdapter = {
  id: 'shopify',
  name: 'Shopify admin',
  hostPatterns: ['https://admin.shopify.com/*'],
  detect: detectShopifyPage,
  shop: extractShop,
  orderList: {
    rowSelector: S.orderRow,
    extract: extractOrderRow,
    chipAnchor: rowChipAnchor,
    checkbox: rowCheckbox,
  },
  orderDetail: {
    rootSelector: S.orderDetail,
    extract: extractOrderDetail,
    chipAnchor: detailChipAnchor,
  },
  customerPage: {
    rootSelector: customerRootSelector,
    buyer: extractCustomerPage,
    chipAnchor: (root) => root,
  },
};

export { detectShopifyPage, isShopifyAdmin, isOrderList, isOrderDetail, orderIdOf, shopHandleOf } from './detect';
export {
  extractOrderRow,
  extractOrderDetail,
  extractShop,
  readAbsoluteDate,
  readShopifyMoney,
  rowCheckbox,
  rowChipAnchor,
  detailChipAnchor,
} from './extract';
export { shopifySelectors } from './selectors';
