/**
 * Every selector the demo adapter uses, in one place. The counts in brackets are what the
 * fixtures in test/fixtures/demo/ must match (checked by test/sites/demo/extract.test.ts).
 */
export const demoSelectors = {
  /** The shop, in the document head of every page. */
  shopKey: 'meta[name="shop-key"]',
  shopName: 'meta[name="shop-name"]',

  /** Order list rows [order-list: 50, order-list-broken: 50, empty/detail/chat: 0]. */
  orderRow: 'tr.order-row[data-order-id]',
  /** What a row element itself must be (detached rows included). */
  orderRowSelf: 'tr.order-row[data-order-id]',
  /**
   * Inside a row. The chip anchor is the buyer's name [one per row]. Row-scoped selectors are
   * single compounds on purpose: in Chromium, `row.querySelector('td > a')` costs about 15 µs
   * against 0.5 µs for `a.x[attr]` (measured on 5,000 rows), and we run them per row.
   */
  rowBuyer: 'a.buyer-name[data-nick]',
  rowCheckbox: 'input.row-select[type="checkbox"]',
  rowDate: 'time[datetime]',
  rowStatus: 'span.status[data-status]',
  rowTotal: 'td.col-total',

  /** Order detail root [order-detail: 1, others: 0]. */
  orderDetail: 'section.order-detail[data-order-id]',
  /** Inside the detail root [one each]. */
  detailBuyer: 'a.buyer-name[data-nick]',
  detailDate: 'time[datetime]',
  detailStatus: 'span.status[data-status]',
  detailTotal: '.order-total',
  /** Line items [order-detail: 1–4]. */
  detailItem: 'table.items > tbody > tr.item',
  itemName: 'td.item-name',
  itemQty: 'td.item-qty',
  itemPrice: 'td.item-price',

  /** The open conversation [chat: 1, others: 0]; replaced when the agent switches chats. */
  conversation: 'main.conversation[data-conversation-id]',
  conversationSelf: 'main.conversation[data-conversation-id]',
  /** Inside the conversation [one]. */
  conversationBuyer: 'header span.buyer-name[data-nick]',
  /** Where the profile panel docks [chat: 1, others: 0]; stays while switching chats. */
  chatDock: 'div.chat-app > aside.chat-dock',
} as const;

export type DemoSelector = keyof typeof demoSelectors;
