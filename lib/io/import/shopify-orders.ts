import { OrderAssembler, emailKey, nickKey, otherKeys, phoneKey } from './assemble';
import { type MapOptions, type MapResult, type Row, type RowMapper, runMapper } from './types';
import { cleanId, cleanName, currencyDigits, parseAmountMinor, parseDateTime, parseQuantity } from './values';

/**
 * Shopify "Export orders" CSV: one row per line item, order fields only on the first row of each
 * order, rows of one order consecutive and sharing `Name` (#1001).
 *
 * Status: `Cancelled at` set → cancelled; Financial Status refunded, or `Refunded Amount` ≥ total
 * → refunded; voided/expired → cancelled; otherwise the Financial Status word (paid, pending,
 * authorized, partially_paid, partially_refunded), lower-cased.
 */
export function shopifyOrdersMapper(options: MapOptions = {}): RowMapper {
  const orders = new OrderAssembler();
  let currency: string | undefined;
  return {
    push(row, out) {
      const f = row.fields;
      const orderId = cleanId(f['name']).slice(0, 100);
      if (!orderId) {
        out.problems.push({ line: row.line, message: 'import.problem.missingOrderId', params: { column: 'Name' } });
        return;
      }
      if (orderId !== orders.openId) openOrder(row, orderId, out);
      const name = (f['lineitem name'] ?? '').trim();
      if (!name) return;
      const quantity = parseQuantity(f['lineitem quantity']);
      if (quantity === undefined) {
        out.problems.push({ line: row.line, message: 'import.problem.badQuantity', params: { column: 'Lineitem quantity', value: f['lineitem quantity'] ?? '' } });
        return;
      }
      const priceRaw = (f['lineitem price'] ?? '').trim();
      const price = priceRaw && currency ? parseAmountMinor(priceRaw, currencyDigits(currency)) : undefined;
      if (priceRaw && currency && price === undefined) {
        out.problems.push({ line: row.line, message: 'import.problem.badAmount', params: { column: 'Lineitem price', value: priceRaw } });
      }
      orders.addItem(out, row.line, {
        name: name.slice(0, 300),
        quantity,
        ...(price !== undefined && currency ? { unitPrice: { amountMinor: price, currency } } : {}),
      });
    },
    end(out) {
      orders.flush(out);
    },
  };

  function openOrder(row: Row, orderId: string, out: MapResult): boolean {
    const f = row.fields;
    const problem = (message: MapResult['problems'][number]['message'], column: string, value: string) =>
      out.problems.push({ line: row.line, message, params: { column, value } });

    const email = emailKey(f['email']);
    const billingName = cleanName(f['billing name']);
    const key = email ?? nickKey(billingName ?? f['shipping name']);
    if (!key) {
      out.problems.push({ line: row.line, message: 'import.problem.missingBuyer', params: { orderId } });
      // The following rows of this order have nothing to attach to: swallow them as the same order.
      orders.skip(out, orderId);
      return false;
    }
    const displayName = billingName ?? cleanName(f['shipping name']) ?? key.slice(key.indexOf(':') + 1);

    currency = (f['currency'] ?? '').trim().toUpperCase() || options.currency;
    let total: { amountMinor: number; currency: string } | undefined;
    const totalRaw = (f['total'] ?? '').trim();
    if (totalRaw) {
      if (!currency) out.problems.push({ line: row.line, message: 'import.problem.noCurrency', params: { column: 'Currency' } });
      else {
        const minor = parseAmountMinor(totalRaw, currencyDigits(currency));
        if (minor === undefined) problem('import.problem.badAmount', 'Total', totalRaw);
        else total = { amountMinor: minor, currency };
      }
    }

    const createdRaw = (f['created at'] ?? '').trim() || (f['paid at'] ?? '').trim();
    const placedAt = createdRaw ? parseDateTime(createdRaw, { utcOffset: options.utcOffset ?? 'Z', format: options.dateFormat }) : undefined;
    if (createdRaw && !placedAt) problem('import.problem.badDate', 'Created at', createdRaw);

    const status = shopifyStatus(f, total?.amountMinor, currency);
    return orders.open(out, row.line, {
      orderId,
      buyer: {
        key,
        otherKeys: otherKeys(key, [phoneKey(f['phone']), phoneKey(f['billing phone']), phoneKey(f['shipping phone'])]),
        displayName,
      },
      ...(placedAt ? { placedAt } : {}),
      ...(total ? { total } : {}),
      ...(status ? { status } : {}),
    });
  }
}

function shopifyStatus(f: Row['fields'], totalMinor: number | undefined, currency: string | undefined): string | undefined {
  const financial = (f['financial status'] ?? '').trim().toLowerCase().replace(/\s+/g, '_');
  if ((f['cancelled at'] ?? '').trim()) return 'cancelled';
  if (financial === 'refunded') return 'refunded';
  const refundedRaw = (f['refunded amount'] ?? '').trim();
  if (refundedRaw && currency && totalMinor !== undefined && totalMinor > 0) {
    const refunded = parseAmountMinor(refundedRaw, currencyDigits(currency));
    if (refunded !== undefined && refunded >= totalMinor) return 'refunded';
  }
  if (financial === 'voided' || financial === 'expired') return 'cancelled';
  return financial || undefined;
}

export function mapShopifyOrders(rows: Iterable<Row>, options?: MapOptions): MapResult {
  return runMapper(shopifyOrdersMapper(options), rows);
}
