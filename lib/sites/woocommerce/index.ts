import type { SiteAdapter } from '../types';
import { detectWooCommercePage, isWpAdmin } from './detect';
import { detailChipAnchor, extractOrderDetail, extractOrderRow, extractShop, rowCheckbox, rowChipAnchor } from './extract';
import { wooSelectors as S } from './selectors';

/**
 * WooCommerce's admin (HPOS `admin.php?page=wc-orders` and legacy `edit.php?post_type=shop_order`),
 * on whatever host the shop runs: no host patterns, the tab's origin is asked for.
 */
export const woocommerceAdapter: SiteAdapter = {
  id: 'woocommerce',
  name: 'WooCommerce',
  hostPatterns: [],
  detect: detectWooCommercePage,
  shop: (url, doc) => (isWpAdmin(url) ? extractShop(url, doc) : undefined),
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
};

export {
  detectWooCommercePage,
  isHposOrderList,
  isLegacyOrderList,
  isHposOrderEdit,
  isLegacyOrderEdit,
  isOrderList,
  isOrderEdit,
  isWpAdmin,
  orderIdOf,
} from './detect';
export {
  extractOrderRow,
  extractOrderDetail,
  extractShop,
  normalizeStatus,
  parseWooAmount,
  rowChipAnchor,
  rowCheckbox,
  detailChipAnchor,
} from './extract';
export { wooSelectors } from './selectors';
