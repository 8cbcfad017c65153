import { OrderAssembler, nickKey, otherKeys, phoneKey } from './assemble';
import { type MapOptions, type MapResult, type Row, type RowMapper, runMapper } from './types';
import { cleanId, isMangledNumber, parseAmountMinor, parseDateTime, parseQuantity } from './values';

/**
 * Taobao/Tmall 订单报表 (ExportOrderList*.csv), one row per order. Header names may carry
 * trailing spaces (normalised away); 订单编号 comes as `="…"` so Excel keeps its 19 digits;
 * phones as `'138…`; amounts possibly `128.00元`; dates are Beijing time (+08:00 unless
 * `utcOffset` says otherwise).
 *
 * Status is kept as Taobao writes it (交易成功, 交易关闭, 等待买家付款, 卖家已发货，等待买家确认…):
 * isCountedStatus already reads 交易关闭 as not counted, and the status stays the same word the
 * Taobao pages show, so a page sighting and an import agree.
 *
 * Buyer: 买家会员名 as `nick:`, 联系手机 (unless masked) as another key. Items: the order list has
 * one 宝贝标题 cell per order, so an item is read only when 宝贝种类 is 1 (or absent), with
 * 宝贝总数量 as its quantity; multi-item titles cannot be split reliably and are left out.
 */
export function taobaoOrdersMapper(options: MapOptions = {}): RowMapper {
  const orders = new OrderAssembler();
  const utcOffset = options.utcOffset ?? '+08:00';
  return {
    push(row, out) {
      const f = row.fields;
      const orderId = cleanId(f['订单编号']).slice(0, 100);
      if (!orderId) {
        out.problems.push({ line: row.line, message: 'import.problem.missingOrderId', params: { column: '订单编号' } });
        return;
      }
      if (isMangledNumber(orderId)) {
        out.problems.push({ line: row.line, message: 'import.problem.orderIdMangled', params: { value: orderId } });
        return;
      }
      const key = nickKey(f['买家会员名']);
      if (!key) {
        out.problems.push({ line: row.line, message: 'import.problem.missingBuyer', params: { orderId } });
        return;
      }
      const totalRaw = (f['买家实际支付金额'] ?? '').trim();
      const minor = totalRaw ? parseAmountMinor(totalRaw, 2) : undefined;
      if (totalRaw && minor === undefined)
        out.problems.push({ line: row.line, message: 'import.problem.badAmount', params: { column: '买家实际支付金额', value: totalRaw } });

      const dateRaw = (f['订单创建时间'] ?? '').trim() || (f['订单付款时间'] ?? '').trim();
      const placedAt = dateRaw ? parseDateTime(dateRaw, { utcOffset, format: options.dateFormat }) : undefined;
      if (dateRaw && !placedAt) out.problems.push({ line: row.line, message: 'import.problem.badDate', params: { column: '订单创建时间', value: dateRaw } });

      const status = (f['订单状态'] ?? '').trim().toLowerCase() || undefined;
      if (
        !orders.open(out, row.line, {
          orderId,
          buyer: { key, otherKeys: otherKeys(key, [phoneKey(f['联系手机']), phoneKey(f['联系电话'])]), displayName: key.slice(5) },
          ...(placedAt ? { placedAt } : {}),
          ...(minor !== undefined ? { total: { amountMinor: minor, currency: 'CNY' } } : {}),
          ...(status ? { status: status.slice(0, 50) } : {}),
        })
      )
        return;
      const title = (f['宝贝标题'] ?? '').trim();
      const kinds = (f['宝贝种类'] ?? '').trim();
      if (title && (kinds === '' || kinds === '1')) {
        orders.addItem(out, row.line, { name: title.slice(0, 300), quantity: parseQuantity(f['宝贝总数量']) ?? 1 });
      }
    },
    end(out) {
      orders.flush(out);
    },
  };
}

export function mapTaobaoOrders(rows: Iterable<Row>, options?: MapOptions): MapResult {
  return runMapper(taobaoOrdersMapper(options), rows);
}
