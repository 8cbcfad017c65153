import * as z from 'zod/mini';
import { OrderAssembler, customerIdKey, emailKey, emitCustomer, nickKey, otherKeys, phoneKey } from './assemble';
import { type MapOptions, type MapResult, type Row, type RowMapper, normalizeHeader, runMapper } from './types';
import { cleanEmail, cleanId, cleanName, cleanPhone, currencyDigits, currencyOfAmount, parseAmountMinor, parseDateTime, parseQuantity } from './values';

const Column = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));

/**
 * What the person chose in the import UI for a file of unknown layout: which column holds what
 * (by header text as shown in the file). With `orderId` each row is an order (consecutive rows
 * with the same id are one order with several items); without it each row is a customer.
 */
export const ColumnMapping = z.object({
  orderId: z.optional(Column),
  /** The column that identifies the buyer, and what kind of identity it holds. */
  buyer: Column,
  buyerKind: z.enum(['email', 'nick', 'phone', 'customerId']),
  displayName: z.optional(Column),
  email: z.optional(Column),
  phone: z.optional(Column),
  placedAt: z.optional(Column),
  total: z.optional(Column),
  /** A column holding the ISO currency code of `total`… */
  currency: z.optional(Column),
  /** …or the one currency of the whole file. */
  defaultCurrency: z.optional(z.string().check(z.regex(/^[A-Z]{3}$/))),
  status: z.optional(Column),
  itemName: z.optional(Column),
  itemQuantity: z.optional(Column),
  /** Customers only: comma-separated tags, and a note. */
  tags: z.optional(Column),
  note: z.optional(Column),
});
export type ColumnMapping = z.infer<typeof ColumnMapping>;

/** The mapping's columns that the header lacks (compared as normalised header names). */
export function unmappedColumns(mapping: ColumnMapping, header: readonly string[]): string[] {
  const have = new Set(header.map(normalizeHeader));
  const { buyerKind: _k, defaultCurrency: _d, ...columns } = mapping;
  return Object.values(columns).filter((c): c is string => typeof c === 'string' && !have.has(normalizeHeader(c)));
}

/** Status words of other platforms → the words isCountedStatus knows. */
export function genericStatus(raw: string): string | undefined {
  const t = raw.trim().toLowerCase();
  if (!t) return undefined;
  if (/^(cancel+ed|void(ed)?|已取消)$/.test(t)) return 'cancelled';
  if (/^(refunded|returned|已退款)$/.test(t)) return 'refunded';
  return t.slice(0, 50);
}

export function genericMapper(mapping: ColumnMapping, options: MapOptions = {}): RowMapper {
  const m = ColumnMapping.parse(mapping);
  const col = (row: Row, c: string | undefined) => (c === undefined ? '' : (row.fields[normalizeHeader(c)] ?? '').trim());
  const orders = new OrderAssembler();
  let noCurrencyReported = false;
  const problem = (out: MapResult, line: number, message: MapResult['problems'][number]['message'], column: string, value: string) =>
    out.problems.push({ line, message, params: { column, value } });

  function buyerOf(row: Row, out: MapResult) {
    const raw = col(row, m.buyer);
    const key =
      m.buyerKind === 'email' ? emailKey(raw) : m.buyerKind === 'phone' ? phoneKey(raw) : m.buyerKind === 'customerId' ? customerIdKey(cleanId(raw)) : nickKey(raw);
    if (!key) {
      out.problems.push({ line: row.line, message: raw ? 'import.problem.badBuyer' : 'import.problem.missingBuyer', params: { orderId: col(row, m.orderId) || '-', value: raw } });
      return undefined;
    }
    const displayName = cleanName(col(row, m.displayName)) ?? key.slice(key.indexOf(':') + 1);
    return { key, otherKeys: otherKeys(key, [emailKey(col(row, m.email)), phoneKey(col(row, m.phone))]), displayName };
  }

  return {
    push(row, out) {
      const buyer = m.orderId === undefined || cleanId(col(row, m.orderId)) !== orders.openId ? buyerOf(row, out) : undefined;
      if (m.orderId === undefined) {
        if (!buyer) return;
        const tags = col(row, m.tags).split(/[,，、;]/).map((t) => t.trim()).filter(Boolean);
        const note = col(row, m.note);
        const phone = cleanPhone(col(row, m.phone) || (m.buyerKind === 'phone' ? col(row, m.buyer) : ''));
        const email = cleanEmail(col(row, m.email) || (m.buyerKind === 'email' ? col(row, m.buyer) : ''));
        emitCustomer(out, row.line, {
          buyer,
          ...(tags.length ? { tags: [...new Set(tags)] } : {}),
          ...(note ? { note } : {}),
          ...(phone ? { phone } : {}),
          ...(email ? { email } : {}),
        });
        return;
      }
      const orderId = cleanId(col(row, m.orderId)).slice(0, 100);
      if (!orderId) {
        problem(out, row.line, 'import.problem.missingOrderId', m.orderId, '');
        return;
      }
      const currency = col(row, m.currency).toUpperCase() || m.defaultCurrency || options.currency || currencyOfAmount(col(row, m.total));
      if (orderId !== orders.openId) {
        if (!buyer) {
          orders.skip(out, orderId);
          return;
        }
        const totalRaw = col(row, m.total);
        let total: { amountMinor: number; currency: string } | undefined;
        if (totalRaw && (!currency || !/^[A-Z]{3}$/.test(currency))) {
          if (!noCurrencyReported) out.problems.push({ line: row.line, message: 'import.problem.noCurrency', params: { column: m.currency ?? m.total ?? '' } });
          noCurrencyReported = true;
        } else if (totalRaw && currency) {
          const minor = parseAmountMinor(totalRaw, currencyDigits(currency));
          if (minor === undefined) problem(out, row.line, 'import.problem.badAmount', m.total ?? '', totalRaw);
          else total = { amountMinor: minor, currency };
        }
        const dateRaw = col(row, m.placedAt);
        const placedAt = dateRaw ? parseDateTime(dateRaw, { format: options.dateFormat ?? 'ymd', utcOffset: options.utcOffset ?? 'Z' }) : undefined;
        if (dateRaw && !placedAt) problem(out, row.line, 'import.problem.badDate', m.placedAt ?? '', dateRaw);
        const status = genericStatus(col(row, m.status));
        if (!orders.open(out, row.line, { orderId, buyer, ...(placedAt ? { placedAt } : {}), ...(total ? { total } : {}), ...(status ? { status } : {}) })) return;
      }
      const itemName = col(row, m.itemName);
      if (itemName) {
        const qRaw = col(row, m.itemQuantity);
        const quantity = qRaw ? parseQuantity(qRaw) : 1;
        if (quantity === undefined) problem(out, row.line, 'import.problem.badQuantity', m.itemQuantity ?? '', qRaw);
        else orders.addItem(out, row.line, { name: itemName.slice(0, 300), quantity });
      }
    },
    end(out) {
      orders.flush(out);
    },
  };
}

export function mapGeneric(rows: Iterable<Row>, mapping: ColumnMapping, options?: MapOptions): MapResult {
  return runMapper(genericMapper(mapping, options), rows);
}
