/**
 * Every selector the Shopify adapter uses, in one place. The adapter reads the admin by its
 * accessible structure (table semantics, ARIA roles, link targets, header texts), never by
 * class names: Polaris classes (`Polaris-IndexTable__TableRow`) and hashed ones (`_1a2b3`)
 * change with Shopify releases. No selector here mentions a class (checked by
 * test/sites/shopify/extract.test.ts, which also strips every `class` attribute from the
 * fixtures and expects the same sightings, and spies that no class is ever read).
 *
 * Counts in brackets: document-wide matches in the fixtures of test/fixtures/shopify/pages/
 * (en = orders-en, zh = orders-zh, p2 = orders-page-2, empty = orders-empty,
 * detail = order-detail, guest = order-detail-guest), checked by the tests.
 */
export const shopifySelectors = {
  /**
   * Body rows of any table or ARIA grid [en 10, zh 6, p2 5, empty 0, detail 0, guest 0].
   * Broad on purpose: which table holds orders is decided per row from its header texts (a
   * row of any other table, e.g. a date picker's, reads as undefined). `[role=row]` covers
   * div-based grids, whose header row is the one holding column headers. Used document-wide
   * only; the extractor checks a row it is handed without matching this (see isBodyRow).
   */
  orderRow: 'tbody > tr, [role="row"]:not(tr):not(:has([role="columnheader"]))',
  /** From a row up to its table, with `closest` [en 1, zh 1, p2 1, others 0]. */
  table: 'table, [role="table"], [role="grid"], [role="treegrid"]',
  /** An ARIA header cell: a `[role=row]` holding one is a header row [zh 8, others 0]. */
  ariaColumnHeader: '[role="columnheader"]',
  /** In a table: the first column header, whose parent is the header row [en 12, zh 8, p2 12]. */
  columnHeader: 'th, [role="columnheader"]',
  /**
   * Which children of a row are cells [en 132, zh 56, p2 72]. Documentation of isCell(),
   * which checks the same by localName and role for speed (it runs for every cell of every row).
   */
  cell: 'td, th, [role="cell"], [role="gridcell"], [role="columnheader"], [role="rowheader"]',

  /*
   * Inside one cell of a row. Row-scoped selectors are single compounds on purpose: in
   * Chromium `row.querySelector('td > a')` costs ~30x `a[href]` per call, and these run per row.
   */
  /** The order's link in the Order cell, one per row [en 10, zh 6, p2 5]. */
  orderLink: 'a[href*="/orders/"]',
  /**
   * The customer's link: in the Customer cell [en 8 of 10 rows, zh 4 of 6, p2 5 of 5: absent
   * for "No customer" and for names without a customer record]; in the Customer card of an
   * order page [detail 2: the card's and the timeline's, guest 0].
   */
  customerLink: 'a[href*="/customers/"]',
  /** An absolute date behind a relative one ("Today at 10:15 am") [en 5, zh 4, p2 5, detail 1, guest 1]. */
  time: 'time[datetime]',
  /** A `title` that may hold an absolute date [en 2, zh 1, p2 0]. */
  titled: '[title]',
  /** A row's own selection checkbox, in its first cell [en 11, zh 7, p2 6: one per row + select-all]. */
  rowCheckbox: 'input[type="checkbox"]',

  /**
   * Order page root: the page title `#1001` [every fixture 1; on lists it is "Orders" and
   * reads as undefined]. A new `h1` is rendered with each order page, so the observer sees
   * every SPA navigation; the extractor reads the rest of the page from its `main` landmark.
   */
  orderDetail: 'main h1',
  /** The page's main landmark, from the title up with `closest` [every fixture 1]. */
  main: 'main',
  /** Card headings; the Customer card is the one titled "Customer" / "客户" [detail 9, guest 6]. */
  cardHeading: 'h2, h3',
  /** In the Customer card [detail 2: the card's and the timeline's; guest 0]. */
  email: 'a[href^="mailto:"]',
  /** In the Customer card [detail 1, guest 0]. */
  phone: 'a[href^="tel:"]',
  /** Line items, one product link each [detail 3, guest 1]. */
  productLink: 'a[href*="/products/"]',
} as const;

export type ShopifySelector = keyof typeof shopifySelectors;
