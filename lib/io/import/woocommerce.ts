import { OrderAssembler, customerIdKey, emailKey, nickKey, otherKeys, phoneKey } from './assemble';
import { type MapOptions, type MapResult, type Row, type RowMapper, runMapper } from './types';
import type { LineItem } from '../../model/sighting';
import {
  cleanEmail,
  cleanId,
  cleanName,
  currencyDigits,
  currencyOfAmount,
  parseAmountMinor,
  parseDateTime,
  parseQuantity,
} from './values';

/** WooCommerce status slugs and labels → the slug (`wc-completed` → completed, `On hold` → on-hold). */
export function wooStatus(raw: string | undefined): string | undefined {
  const t = (raw ?? '').trim().toLowerCase().replace(/^wc-/, '');
  if (!t) return undefined;
  const labels: Record<string, string> = { 'pending payment': 'pending', 'on hold': 'on-hold', 'draft': 'checkout-draft' };
  return labels[t] ?? t.replace(/\s+/g, '-');
}

/**
 * WooCommerce order export of the common export plugins (one row per order): order_id,
 * order_number, order_date, status, order_total, order_currency, customer_id, customer_email /
 * billing_email, billing_first_name, billing_last_name, billing_phone, and optionally
 * `line_items` as `name:Hat|quantity:2|total:10.00;name:…`. Consecutive rows of one order (some
 * plugins write one row per product) are one order.
 *
 * Key: `email:` (customer_email, else billing_email), else `customerId:` (0 = guest), else the
 * billing name as `nick:`. Dates have no offset: `utcOffset` (default UTC) is the shop's.
 */
export function woocommerceOrdersMapper(options: MapOptions = {}): RowMapper {
  const orders = new OrderAssembler();
  let noCurrencyReported = false;
  return {
    push(row, out) {
      const f = row.fields;
      const orderId = (cleanId(f['order_number']) || cleanId(f['order_id'])).slice(0, 100);
      if (!orderId) {
        out.problems.push({ line: row.line, message: 'import.problem.missingOrderId', params: { column: 'order_number' } });
        return;
      }
      if (orderId === orders.openId) return addItems(row, out);
      const emailRaw = cleanEmail(f['customer_email']) ? f['customer_email'] : f['billing_email'];
      const email = emailKey(emailRaw);
      const custId = customerIdKey(cleanId(f['customer_id']));
      const name = cleanName(f['billing_first_name'], f['billing_last_name']);
      const key = email ?? custId ?? nickKey(name);
      if (!key) {
        out.problems.push({ line: row.line, message: 'import.problem.missingBuyer', params: { orderId } });
        orders.skip(out, orderId);
        return;
      }
      const currency = (f['order_currency'] ?? '').trim().toUpperCase() || currencyOfAmount(f['order_total'] ?? '') || options.currency;
      const totalRaw = (f['order_total'] ?? '').trim();
      let total: { amountMinor: number; currency: string } | undefined;
      if (totalRaw && !currency) {
        if (!noCurrencyReported) out.problems.push({ line: row.line, message: 'import.problem.noCurrency', params: { column: 'order_currency' } });
        noCurrencyReported = true;
      } else if (totalRaw && currency) {
        const minor = parseAmountMinor(totalRaw, currencyDigits(currency));
        if (minor === undefined) out.problems.push({ line: row.line, message: 'import.problem.badAmount', params: { column: 'order_total', value: totalRaw } });
        else total = { amountMinor: minor, currency };
      }
      const dateRaw = (f['order_date'] ?? '').trim();
      const placedAt = dateRaw ? parseDateTime(dateRaw, { utcOffset: options.utcOffset ?? 'Z', format: options.dateFormat }) : undefined;
      if (dateRaw && !placedAt) out.problems.push({ line: row.line, message: 'import.problem.badDate', params: { column: 'order_date', value: dateRaw } });
      const status = wooStatus(f['status']);
      orders.open(out, row.line, {
        orderId,
        buyer: {
          key,
          otherKeys: otherKeys(key, [phoneKey(f['billing_phone']), custId]),
          displayName: name ?? key.slice(key.indexOf(':') + 1),
        },
        ...(placedAt ? { placedAt } : {}),
        ...(total ? { total } : {}),
        ...(status ? { status } : {}),
      });
      addItems(row, out, currency);
    },
    end(out) {
      orders.flush(out);
    },
  };

  function addItems(row: Row, out: MapResult, currency?: string): void {
    for (const item of parseWooLineItems(row.fields['line_items'] ?? '', currency)) orders.addItem(out, row.line, item);
  }
}

/** `name:Hat|quantity:2|total:10.00;name:Scarf|quantity:1` → line items (unit price = total / quantity when exact). */
export function parseWooLineItems(raw: string, currency?: string): LineItem[] {
  const items: LineItem[] = [];
  for (const part of raw.split(';')) {
    const fields = new Map<string, string>();
    for (const kv of part.split('|')) {
      const i = kv.indexOf(':');
      if (i > 0) fields.set(kv.slice(0, i).trim().toLowerCase(), kv.slice(i + 1).trim());
    }
    const name = fields.get('name');
    const quantity = parseQuantity(fields.get('quantity') ?? fields.get('qty') ?? '1');
    if (!name || quantity === undefined) continue;
    const totalMinor = currency ? parseAmountMinor(fields.get('total') ?? '', currencyDigits(currency)) : undefined;
    items.push({
      name: name.slice(0, 300),
      quantity,
      ...(totalMinor !== undefined && currency && totalMinor % quantity === 0
        ? { unitPrice: { amountMinor: totalMinor / quantity, currency } }
        : {}),
    });
  }
  return items;
}

/**
 * WooCommerce Analytics → Orders → Download (Date, Order #, N. Revenue (formatted), Status,
 * Customer, Customer type, Product(s), Items sold, Coupon(s), Net Sales, Attribution).
 * The report has no e-mail: the buyer is the customer's name as `nick:`. The total is Net Sales
 * (after discounts, before shipping and tax) in `options.currency`, else the currency of
 * "N. Revenue (formatted)". Product(s) reads `2× Beanie, 1× Hoodie`.
 */
export function woocommerceAnalyticsMapper(options: MapOptions = {}): RowMapper {
  const orders = new OrderAssembler();
  let noCurrencyReported = false;
  return {
    push(row, out) {
      const f = row.fields;
      const orderId = cleanId(f['order #']).replace(/^#/, '').slice(0, 100);
      if (!orderId) {
        out.problems.push({ line: row.line, message: 'import.problem.missingOrderId', params: { column: 'Order #' } });
        return;
      }
      const key = nickKey(f['customer']);
      if (!key) {
        out.problems.push({ line: row.line, message: 'import.problem.missingBuyer', params: { orderId } });
        return;
      }
      const currency = options.currency ?? currencyOfAmount(f['n. revenue (formatted)'] ?? '') ?? currencyOfAmount(f['net sales'] ?? '');
      const totalRaw = (f['net sales'] ?? '').trim();
      let total: { amountMinor: number; currency: string } | undefined;
      if (totalRaw && !currency) {
        if (!noCurrencyReported) out.problems.push({ line: row.line, message: 'import.problem.noCurrency', params: { column: 'Net Sales' } });
        noCurrencyReported = true;
      } else if (totalRaw && currency) {
        const minor = parseAmountMinor(totalRaw, currencyDigits(currency));
        if (minor === undefined) out.problems.push({ line: row.line, message: 'import.problem.badAmount', params: { column: 'Net Sales', value: totalRaw } });
        else total = { amountMinor: minor, currency };
      }
      const dateRaw = (f['date'] ?? '').trim();
      const placedAt = dateRaw ? parseDateTime(dateRaw, { utcOffset: options.utcOffset ?? 'Z', format: options.dateFormat }) : undefined;
      if (dateRaw && !placedAt) out.problems.push({ line: row.line, message: 'import.problem.badDate', params: { column: 'Date', value: dateRaw } });
      const status = wooStatus(f['status']);
      if (
        !orders.open(out, row.line, {
          orderId,
          buyer: { key, otherKeys: [], displayName: key.slice(5) },
          ...(placedAt ? { placedAt } : {}),
          ...(total ? { total } : {}),
          ...(status ? { status } : {}),
        })
      )
        return;
      for (const item of parseAnalyticsProducts(f['product(s)'] ?? '')) orders.addItem(out, row.line, item);
    },
    end(out) {
      orders.flush(out);
    },
  };
}

/** `2× Beanie, 1× Hoodie, with logo` → [{Beanie, 2}, {Hoodie, with logo, 1}] (splits only before `N× `). */
export function parseAnalyticsProducts(raw: string): LineItem[] {
  const items: LineItem[] = [];
  for (const part of raw.split(/,\s*(?=\d+\s*[×x]\s)/u)) {
    const m = /^\s*(\d+)\s*[×x]\s+(.+?)\s*$/su.exec(part);
    const quantity = m ? parseQuantity(m[1]) : undefined;
    if (m?.[2] && quantity !== undefined) items.push({ name: m[2].slice(0, 300), quantity });
  }
  return items;
}

export function mapWooCommerceOrders(rows: Iterable<Row>, options?: MapOptions): MapResult {
  return runMapper(woocommerceOrdersMapper(options), rows);
}

export function mapWooCommerceAnalytics(rows: Iterable<Row>, options?: MapOptions): MapResult {
  return runMapper(woocommerceAnalyticsMapper(options), rows);
}
