import type { PageKind } from '../types';

/**
 * Page kinds of the Shopify admin, from the URL alone. The admin lives on one host,
 * `https://admin.shopify.com`, and every page of a store is under `/store/{shop}/`, where
 * `{shop}` is the store's handle (its `*.myshopify.com` subdomain).
 *
 *   /store/blossom-teas/orders, /store/blossom-teas/orders?status=open&after=… → order-list
 *   /store/blossom-teas/orders/5551234567890                                 → order-detail
 *   /store/blossom-teas/customers/7001 (a customer's page: cards, not an order table),
 *   /orders/5551234567890/refund, /draft_orders, /checkouts, other hosts, http: → undefined
 *
 * Customer pages are not order lists: they show the last order in a card, not a table of
 * orders with the list's columns, so this adapter leaves them undefined.
 */

const ADMIN_HOST = 'admin.shopify.com';

/** A store handle: the `{shop}` of `{shop}.myshopify.com` (letters, digits, hyphens). */
const SHOP_HANDLE = '[A-Za-z0-9][A-Za-z0-9-]{0,62}';
const STORE_PATH = new RegExp(`^/store/(${SHOP_HANDLE})(/.*)?$`);

export function isShopifyAdmin(url: URL): boolean {
  // Any port, as the browser's match patterns do: the host and scheme are what identify it.
  return url.protocol === 'https:' && url.hostname === ADMIN_HOST;
}

/** The store handle and the path inside the store (`/orders/123`, without a trailing slash). */
function storePath(url: URL): { shop: string; rest: string } | undefined {
  if (!isShopifyAdmin(url)) return undefined;
  const match = STORE_PATH.exec(url.pathname);
  if (!match) return undefined;
  const rest = (match[2] ?? '').replace(/\/$/, '');
  return { shop: (match[1] ?? '').toLowerCase(), rest };
}

/** The store handle of an admin URL (`/store/Blossom-Teas/orders` → `blossom-teas`). */
export function shopHandleOf(url: URL): string | undefined {
  return storePath(url)?.shop;
}

export const isOrderList = (url: URL): boolean => storePath(url)?.rest === '/orders';

export const isOrderDetail = (url: URL): boolean => /^\/orders\/\d{1,30}$/.test(storePath(url)?.rest ?? '');

/** The numeric order id of an order page URL (`/store/x/orders/5551234567890` → `5551234567890`). */
export function orderIdOf(url: URL): string | undefined {
  return isOrderDetail(url) ? /(\d+)$/.exec(storePath(url)!.rest)?.[1] : undefined;
}

export const isCustomerPage = (url: URL): boolean => /^\/customers\/\d{1,30}$/.test(storePath(url)?.rest ?? '');

/** The numeric customer id of a customer page URL. */
export function customerIdOfUrl(url: URL): string | undefined {
  return isCustomerPage(url) ? /(\d+)$/.exec(storePath(url)!.rest)?.[1] : undefined;
}

export function detectShopifyPage(url: URL): PageKind | undefined {
  if (isOrderList(url)) return 'order-list';
  if (isOrderDetail(url)) return 'order-detail';
  if (isCustomerPage(url)) return 'customer';
  return undefined;
}
