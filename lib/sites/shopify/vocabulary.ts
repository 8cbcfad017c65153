/**
 * The words the Shopify admin prints, in English and Chinese (简体 and 繁體), that the
 * adapter reads by: column headers, payment statuses, card titles. Keys are normalised with
 * `norm()`: trimmed, inner whitespace collapsed, lower-cased.
 */

export function norm(text: string | null | undefined): string {
  return (text ?? '').replace(/[\s\u00a0\u200b]+/g, ' ').trim().toLowerCase();
}

export type Column = 'order' | 'date' | 'customer' | 'total' | 'payment';

/** Column header text → the column it names. Columns the adapter does not read are absent. */
export const COLUMN_HEADERS: ReadonlyMap<string, Column> = new Map<string, Column>([
  ['order', 'order'],
  ['订单', 'order'],
  ['订单号', 'order'],
  ['訂單', 'order'],
  ['date', 'date'],
  ['日期', 'date'],
  ['customer', 'customer'],
  ['客户', 'customer'],
  ['顧客', 'customer'],
  ['客戶', 'customer'],
  ['total', 'total'],
  ['总计', 'total'],
  ['總計', 'total'],
  ['payment status', 'payment'],
  ['payment', 'payment'],
  ['付款状态', 'payment'],
  ['付款狀態', 'payment'],
  ['支付状态', 'payment'],
]);

/**
 * Payment status → the status we record. Uncounted orders map to the words
 * lib/insights/counted.ts knows: unpaid ones to `pending`, voided to `cancelled`, expired
 * authorisations to `failed`. A partial refund still leaves a purchase: `paid`.
 */
export const PAYMENT_STATUSES: ReadonlyMap<string, string> = new Map([
  ['paid', 'paid'],
  ['已付款', 'paid'],
  ['已支付', 'paid'],
  ['partially refunded', 'paid'],
  ['部分退款', 'paid'],
  ['已部分退款', 'paid'],
  ['refunded', 'refunded'],
  ['已退款', 'refunded'],
  ['pending', 'pending'],
  ['payment pending', 'pending'],
  ['待处理', 'pending'],
  ['付款待处理', 'pending'],
  ['待處理', 'pending'],
  ['unpaid', 'pending'],
  ['未付款', 'pending'],
  ['overdue', 'pending'],
  ['已逾期', 'pending'],
  ['authorized', 'authorized'],
  ['已授权', 'authorized'],
  ['已授權', 'authorized'],
  ['partially paid', 'partially_paid'],
  ['部分付款', 'partially_paid'],
  ['voided', 'cancelled'],
  ['已作废', 'cancelled'],
  ['已作廢', 'cancelled'],
  ['expired', 'failed'],
  ['已过期', 'failed'],
  ['已過期', 'failed'],
]);

/** Badges beside an order's title that override its payment status. */
export const CANCELLED_BADGES: ReadonlySet<string> = new Set(['cancelled', 'canceled', '已取消']);

/** What a Customer cell shows for an order without a customer: the row has no buyer. */
export const NO_CUSTOMER: ReadonlySet<string> = new Set(['', '—', '-', 'no customer', '无客户', '無客戶', '没有客户']);

/** The Customer card's title on an order page. */
export const CUSTOMER_CARD_TITLES: ReadonlySet<string> = new Set(['customer', '客户', '顧客', '客戶']);

/** The label of the order total in the payment card. */
export const TOTAL_LABELS: ReadonlySet<string> = new Set(['total', '总计', '總計']);
