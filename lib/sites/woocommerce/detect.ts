import type { PageKind } from '../types';

/**
 * Page kinds of a WooCommerce admin, from the URL alone. A shop's admin lives on the shop's own
 * host (any host, http or https, WordPress at the root or in a sub-folder), so detection goes by
 * the wp-admin path and the query string:
 *
 *   /wp-admin/admin.php?page=wc-orders                      → order-list  (HPOS)
 *   /wp-admin/admin.php?page=wc-orders&status=trash&paged=2 → order-list  (any filter, search, page)
 *   /wp-admin/admin.php?page=wc-orders&action=-1&…          → order-list  (the list's own filter form)
 *   /wp-admin/edit.php?post_type=shop_order                 → order-list  (legacy, posts storage)
 *   /wp-admin/admin.php?page=wc-orders&action=edit&id=1234  → order-detail (HPOS)
 *   /wp-admin/post.php?post=1234&action=edit                → order-detail (legacy)
 *
 * Not order pages: `page=wc-orders&action=new` (a new order), other `page=` values (including
 * `wc-orders--shop_subscription`), other post types, `post-new.php`, the dashboard and every
 * other wp-admin page.
 *
 * The legacy edit URL (`post.php?post=N&action=edit`) does not name the post type: it is the edit
 * URL of every post, page and product too. It is detected as order-detail and the page itself
 * decides: the detail extractor finds nothing on a post that is not an order.
 */

/** The path below the WordPress install (`/shop/wp-admin/edit.php` → `edit.php`), or undefined. */
function adminFile(url: URL): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const match = /^(?:\/[^/]+)*\/wp-admin\/([a-z-]+\.php)$/.exec(url.pathname);
  return match?.[1];
}

/** The single value of a query parameter ('' when present without a value), undefined if absent. */
function param(url: URL, name: string): string | undefined {
  const values = url.searchParams.getAll(name);
  return values.length === 0 ? undefined : values[values.length - 1];
}

/** The list table's own GET forms send `action=-1` (no bulk action chosen). */
function isNoAction(action: string | undefined): boolean {
  return action === undefined || action === '' || action === '-1';
}

const ID = /^[1-9]\d{0,19}$/;

export function isHposOrderList(url: URL): boolean {
  return adminFile(url) === 'admin.php' && param(url, 'page') === 'wc-orders' && isNoAction(param(url, 'action'));
}

export function isLegacyOrderList(url: URL): boolean {
  return adminFile(url) === 'edit.php' && param(url, 'post_type') === 'shop_order' && isNoAction(param(url, 'action'));
}

export function isHposOrderEdit(url: URL): boolean {
  return (
    adminFile(url) === 'admin.php' &&
    param(url, 'page') === 'wc-orders' &&
    param(url, 'action') === 'edit' &&
    ID.test(param(url, 'id') ?? '')
  );
}

export function isLegacyOrderEdit(url: URL): boolean {
  return adminFile(url) === 'post.php' && param(url, 'action') === 'edit' && ID.test(param(url, 'post') ?? '');
}

export const isOrderList = (url: URL): boolean => isHposOrderList(url) || isLegacyOrderList(url);
export const isOrderEdit = (url: URL): boolean => isHposOrderEdit(url) || isLegacyOrderEdit(url);

/** The order id an edit URL names (`id` for HPOS, `post` for legacy), if it is one. */
export function orderIdOf(url: URL): string | undefined {
  if (isHposOrderEdit(url)) return param(url, 'id');
  if (isLegacyOrderEdit(url)) return param(url, 'post');
  return undefined;
}

/** True on any page of a WordPress admin (where the shop can be named). */
export function isWpAdmin(url: URL): boolean {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return /^(?:\/[^/]+)*\/wp-admin(?:\/|$)/.test(url.pathname);
}

export function detectWooCommercePage(url: URL): PageKind | undefined {
  if (isOrderList(url)) return 'order-list';
  if (isOrderEdit(url)) return 'order-detail';
  return undefined;
}
