import type { PageKind } from '../types';

/**
 * Page kinds of the demo backoffice (`node demo/server.mjs`), from the URL alone.
 * The demo runs on localhost or 127.0.0.1, any port, http or https.
 *
 *   /admin/orders, /admin/orders?page=2&per=100   → order-list
 *   /admin/orders/20261102153012345               → order-detail
 *   /admin/chat, /admin/chat/c1001                → chat
 *   anything else (other hosts, /admin/settings, /api/orders, /admin/orders/abc) → undefined
 */

const DEMO_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1']);

export function isDemoHost(url: URL): boolean {
  return (url.protocol === 'http:' || url.protocol === 'https:') && DEMO_HOSTS.has(url.hostname);
}

/** The path without one trailing slash (`/admin/orders/` is the list, as the server serves it). */
function path(url: URL): string {
  return url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
}

export const isOrderList = (url: URL): boolean => isDemoHost(url) && path(url) === '/admin/orders';

export const isOrderDetail = (url: URL): boolean =>
  isDemoHost(url) && /^\/admin\/orders\/\d{1,40}$/.test(path(url));

export const isChat = (url: URL): boolean =>
  isDemoHost(url) && /^\/admin\/chat(?:\/[A-Za-z0-9_-]{1,64})?$/.test(path(url));

/** The conversation id in a chat URL (`/admin/chat/c1001` → `c1001`), if any. */
export function conversationIdOf(url: URL): string | undefined {
  return isChat(url) ? /^\/admin\/chat\/(.+)$/.exec(path(url))?.[1] : undefined;
}

export function detectDemoPage(url: URL): PageKind | undefined {
  if (isOrderList(url)) return 'order-list';
  if (isOrderDetail(url)) return 'order-detail';
  if (isChat(url)) return 'chat';
  return undefined;
}
