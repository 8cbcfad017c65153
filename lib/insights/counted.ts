/**
 * Which orders count as a purchase. The one source of this rule: order counts, totals, RFM and
 * lifecycle all go through isCountedStatus. Sites map their own words onto these (lower-cased
 * English words, or the Chinese status text Taobao/Tmall show).
 */
export const UNCOUNTED_STATUSES: ReadonlySet<string> = new Set([
  'cancelled',
  'canceled',
  // Not paid yet: an order, but not a purchase (WooCommerce "pending payment", 等待买家付款).
  'pending',
  'refunded',
  'closed',
  'failed',
  'trash',
  '交易关闭',
  '已取消',
  '已退款',
  '等待买家付款',
]);

/** False for cancelled / refunded / closed / failed / trash orders; true for anything else, and for no status. */
export function isCountedStatus(status: string | undefined): boolean {
  if (typeof status !== 'string') return true;
  return !UNCOUNTED_STATUSES.has(status.trim().toLowerCase());
}
