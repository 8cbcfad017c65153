import type { BuyerSighting, OrderSighting, ShopRef } from '../model/sighting';

/** The kinds of page an adapter can recognise. Each URL maps to at most one. */
export type PageKind = 'order-list' | 'order-detail' | 'customer' | 'chat';

/**
 * A site adapter is pure: `detect` reads a URL, the extractors read a DOM subtree they are
 * handed. No adapter touches the database, the network or the UI.
 */
export interface SiteAdapter {
  /** Stable id, also the platform part of the shop id (`demo`, `woocommerce`, ...). */
  readonly id: string;
  /** Human name shown in the popup. */
  readonly name: string;
  /**
   * Match patterns of the site's backoffice, asked for as optional host permissions when the
   * user enables the site. Empty when the site lives on the shop's own host (WooCommerce):
   * then the tab's origin is asked for.
   */
  readonly hostPatterns: readonly string[];
  /** Page kind of a URL, or undefined when this adapter does not know the page. */
  detect(url: URL): PageKind | undefined;
  /** The shop this page belongs to, read from the URL and the document. */
  shop(url: URL, doc: Document): ShopRef | undefined;
  /** Order list pages: where the rows are and how to read one. */
  readonly orderList?: OrderListAdapter;
  /** Order detail pages. */
  readonly orderDetail?: OrderDetailAdapter;
  /** A customer's own page in the admin. */
  readonly customerPage?: CustomerPageAdapter;
  /** Customer-service chat pages. */
  readonly chat?: ChatAdapter;
}

export interface OrderListAdapter {
  /** Selects every order row of the list (rows may be added later by the page). */
  readonly rowSelector: string;
  /** Reads one row; undefined (never an exception) when the row cannot be read. */
  extract(row: Element): OrderSighting | undefined;
  /** The element our tag chips are inserted after (the buyer's name). */
  chipAnchor(row: Element): Element | undefined;
  /** The page's own selection checkbox for the row, if any. */
  checkbox(row: Element): HTMLInputElement | undefined;
  /**
   * Rows that show a buyer but no order id: chips, but no purchase recorded. Consulted for a
   * row when `extract` gives undefined; undefined (never an exception) when no buyer is read.
   */
  buyerOnly?(row: Element): BuyerSighting | undefined;
}

export interface OrderDetailAdapter {
  /** The element holding the order, whose presence means the page has rendered. */
  readonly rootSelector: string;
  extract(root: Element): OrderSighting | undefined;
  chipAnchor(root: Element): Element | undefined;
}

export interface CustomerPageAdapter {
  /** The element naming the customer, whose presence means the page has rendered. */
  readonly rootSelector: string;
  /** The customer, from the page and its URL (admins put the customer id in the path). */
  buyer(root: Element, url: URL): BuyerSighting | undefined;
  chipAnchor(root: Element): Element | undefined;
}

export interface ChatAdapter {
  /** The open conversation; it is replaced or re-rendered when the agent switches chats. */
  readonly conversationSelector: string;
  /** The buyer of the open conversation. */
  buyer(conversation: Element): BuyerSighting | undefined;
  /** Where the profile panel docks (our host is appended to it). */
  dock(doc: Document): Element | undefined;
}
