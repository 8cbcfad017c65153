/**
 * Every selector the WooCommerce adapter uses, in one place. The counts in brackets are what the
 * fixtures in test/fixtures/woocommerce/pages/ must match (checked by
 * test/sites/woocommerce/extract.test.ts):
 *
 *   orders-hpos (20 rows), orders-hpos-trash (3), orders-legacy (8), orders-empty (0),
 *   order-edit-hpos, order-edit-legacy-guest, dashboard.
 *
 * Row-scoped selectors are single compounds on purpose (`td.column-order_total`, then
 * `span.woocommerce-Price-amount` inside it): in Chromium a combinator chain run per row costs
 * about 30 times more than a compound, and these run once per row of lists of 1,000.
 */
export const wooSelectors = {
  /** The site title in the admin bar, on every wp-admin page [every fixture: 1]. */
  siteName: '#wp-admin-bar-site-name > a',

  /**
   * Order list rows [orders-hpos: 20, orders-hpos-trash: 3, orders-legacy: 8, orders-1000: 1000,
   * orders-empty / edit pages / dashboard: 0]. HPOS rows are `tr#order-{id}`, legacy rows
   * `tr#post-{id}`; both carry `type-shop_order` (never the `tr.no-items` of an empty list).
   */
  orderRow: 'tr.type-shop_order[id^="order-"], tr.type-shop_order[id^="post-"]',
  /** What a row element itself must be (detached rows included). */
  orderRowSelf: 'tr.type-shop_order[id^="order-"], tr.type-shop_order[id^="post-"]',

  /** Cells of a row, `td.column-{key}` [one each per row; billing_address may be absent]. */
  cellNumber: 'td.column-order_number',
  cellDate: 'td.column-order_date',
  cellStatus: 'td.column-order_status',
  cellBilling: 'td.column-billing_address',
  cellTotal: 'td.column-order_total',
  cellCheck: 'th.check-column',

  /** Inside the order_number cell: the link whose `<strong>` reads `#1234 Jane Doe` [one per
   *  row, none in the Trash view, where the `<strong>` stands alone]. */
  orderView: 'a.order-view',
  orderStrong: 'strong',
  /** Inside the date cell [one per row]. */
  dateTime: 'time[datetime]',
  /** Inside the status cell [one per row]; the row's own `status-*` class is read first. */
  statusMark: 'mark.order-status',
  /** Inside the billing cell, where a shop shows them [orders-hpos: 1 mailto, 1 tel]. */
  mailto: 'a[href^="mailto:"]',
  tel: 'a[href^="tel:"]',
  /** Inside the total cell, or any cell holding a wc_price() [first one = the net total]. */
  priceAmount: 'span.woocommerce-Price-amount',
  priceSymbol: 'span.woocommerce-Price-currencySymbol',
  /** Inside th.check-column [one per row: name `id[]` in HPOS, `post[]` legacy]. */
  checkbox: 'input[type="checkbox"]',

  /**
   * The order edit form [order-edit-hpos: 1 (`form#order`), order-edit-legacy-guest: 1
   * (`form#post`), other fixtures: 0]. `form#post` is the edit form of every post type: the
   * extractor requires `#order_data` inside it.
   */
  orderDetail: 'form#order, form#post',
  detailSelf: 'form#order, form#post',
  /** Inside the form [one each]. */
  orderData: '#order_data',
  /** Legacy only: the post id [order-edit-legacy-guest: 1]. */
  postId: 'input#post_ID',
  detailHeading: 'h2.woocommerce-order-data__heading',
  statusSelect: 'select#order_status',
  customerSelect: 'select#customer_user',
  selectedOption: 'option[selected]',
  option: 'option',
  billingEmail: 'input[name="_billing_email"]',
  billingPhone: 'input[name="_billing_phone"]',
  billingFirstName: 'input[name="_billing_first_name"]',
  billingLastName: 'input[name="_billing_last_name"]',
  billingCompany: 'input[name="_billing_company"]',
  /** The billing/shipping address views [2 per edit page]; the first is the billing one. */
  addressView: 'div.address',

  /** Line items [order-edit-hpos: 3, order-edit-legacy-guest: 1]. */
  lineItems: '#order_line_items',
  lineItem: 'tr.item',
  itemNameCell: 'td.name',
  itemName: '.wc-order-item-name',
  itemCostCell: 'td.item_cost',
  itemQtyCell: 'td.quantity',
  itemLineCell: 'td.line_cost',
  view: 'div.view',

  /** Order totals tables [order-edit-hpos: 4 (totals, paid, refunded, net), legacy guest: 2 (totals,
   *  paid)]; the first holds "Order Total" in its last td.total. */
  totalsTable: 'table.wc-order-totals',
  totalCell: 'td.total',
  refundedCell: 'td.total.refunded-total',
} as const;

export type WooSelector = keyof typeof wooSelectors;
