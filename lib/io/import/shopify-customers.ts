import { customerIdKey, emailKey, emitCustomer, otherKeys, phoneKey } from './assemble';
import { type MapOptions, type MapResult, type Row, type RowMapper, runMapper } from './types';
import { cleanEmail, cleanId, cleanName, cleanPhone } from './values';

/**
 * Shopify "Export customers" CSV (both the older layout — First Name, Last Name, Email, Company,
 * Address1 …, Phone, Accepts Marketing, Total Spent, Total Orders, Tags, Note — and the newer one
 * with Customer ID, Accepts Email Marketing, Default Address …). One customer per row.
 *
 * Key: `email:` (the same key the orders export uses, so both imports meet on one customer),
 * else `phone:`, else `customerId:`. Total Spent / Total Orders are not imported: orders are.
 */
export function shopifyCustomersMapper(_options: MapOptions = {}): RowMapper {
  return {
    push(row, out) {
      const f = row.fields;
      const email = emailKey(f['email']);
      const phoneRaw = f['phone'] || f['default address phone'];
      const phone = phoneKey(phoneRaw);
      const id = customerIdKey(cleanId(f['customer id']));
      const key = email ?? phone ?? id;
      if (!key) {
        out.problems.push({ line: row.line, message: 'import.problem.missingBuyer', params: { orderId: '-' } });
        return;
      }
      const displayName =
        cleanName(f['first name'], f['last name']) ?? cleanEmail(f['email']) ?? key.slice(key.indexOf(':') + 1);
      const tags = (f['tags'] ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      const note = (f['note'] ?? '').trim();
      const phoneText = cleanPhone(phoneRaw);
      const emailText = cleanEmail(f['email']);
      emitCustomer(out, row.line, {
        buyer: { key, otherKeys: otherKeys(key, [phone, id]), displayName },
        ...(tags.length ? { tags: [...new Set(tags)] } : {}),
        ...(note ? { note } : {}),
        ...(phoneText ? { phone: phoneText } : {}),
        ...(emailText ? { email: emailText } : {}),
      });
    },
    end() {},
  };
}

export function mapShopifyCustomers(rows: Iterable<Row>, options?: MapOptions): MapResult {
  return runMapper(shopifyCustomersMapper(options), rows);
}
