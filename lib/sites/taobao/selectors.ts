/**
 * Every selector the Taobao adapter uses, in one place.
 *
 * Taobao's seller center is built with CSS modules: every class is a readable prefix and a
 * build hash (`buyer-mod__name___S9vit`), and the hash changes with each release. So every
 * selector here names the stable prefix only, with `[class*="prefix___"]`, never a hash
 * (test/sites/taobao/extract.test.ts checks that no selector holds one). The only plain class
 * names are the few Taobao keeps for its own scripts (`trade-order-main`).
 *
 * Row-scoped selectors are single compounds (`a[class*="…"]`), never combinator chains: they
 * run once per order block and Chromium matches a compound ~30x faster.
 *
 * The counts in brackets are what the fixtures in test/fixtures/taobao/pages/ must match:
 * sold-items (10 orders), sold-items-b (8 orders, other hashes, a later markup revision),
 * sold-items-empty, workbench, workbench-unknown, refund-list.
 */
export const taobaoSelectors = {
  /** The shop name in the seller-center header [every fixture but workbench-unknown: 1]. */
  shopName: '[class*="header-mod__shop-name___"]',
  /**
   * The signed-in seller's nick, the fallback for the shop [sold-items: 1, workbench-unknown: 1].
   * Sub-accounts show as `主账号:子账号`; the shop is the main account.
   */
  sellerNick: '[class*="seller-nick"], a.sn-user-nick, a.j_UserNick',

  /**
   * One order block of 已卖出的宝贝 [sold-items: 10, sold-items-b: 8, every other fixture: 0].
   * Closed orders are drawn with `trade-order-mainClose` instead of `trade-order-main`.
   */
  orderRow: 'div.trade-order-main, div.trade-order-mainClose',

  /** Inside a block: the label with 订单号 and 创建时间, holding the checkbox [one per block]. */
  rowLabel: 'label[class*="item-mod__checkbox-label___"]',
  /** Inside the label: the page's own selection checkbox (`name="orderid"`, value the id). */
  rowCheckbox: 'input[type="checkbox"]',
  /** Inside a block, when the creation time is not in the label [sold-items-b: one per block]. */
  rowCreateTime: '[class*="item-mod__create-time___"]',
  /** The buyer's nick (买家会员名) [one per block]; our chips go after it. */
  rowBuyer: 'a[class*="buyer-mod__name___"]',
  /** The trade status (交易成功, 等待买家付款, ...) [one per block]. */
  rowStatus: '[class*="item-mod__trade-status___"]',
  /**
   * Prices [unit price per item + the paid amount per block]. The paid amount (实收款) is the
   * one whose figure is in a `strong`; unit prices are not, and may strike out the list price.
   */
  rowPrice: 'div[class*="price-mod__price___"]',
  priceStrong: 'strong',
  priceStruck: 'del',
  /** One item (sub-order) row [1–3 per block]. */
  rowItem: 'tr[class*="suborder-mod__item___"]',
  /** Inside an item row: the title link and the quantity (`×2`). */
  itemTitle: 'a[class*="suborder-mod__item-title___"]',
  itemQuantity: '[class*="suborder-mod__quantity___"]',

  /**
   * The open conversation of the workbench [workbench: 1, workbench-unknown: 1]. The workbench
   * re-renders the conversation in place and its markup changes without notice, so we watch the
   * whole body and read the buyer from what is there; unknown markup yields no buyer, and the
   * UI then offers a search.
   */
  conversation: 'body',
  /** The nick in the header of the open chat [workbench: 1, workbench-unknown: 0]. */
  chatHeaderNick: '[class*="contact-header__nick___"]',
  /** The active item of the conversation list, carrying the nick [workbench: 1, unknown: 0]. */
  chatActiveItem: '[class*="conversation-item__active___"][data-nick]',
  /** Where the profile panel docks [workbench: 1, every other fixture: 0]. */
  chatDock: '[class*="right-panel__container___"]',
} as const;

export type TaobaoSelector = keyof typeof taobaoSelectors;
