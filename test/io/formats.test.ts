// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isCountedStatus } from '../../lib/insights/counted';
import { MAX_IMPORT_ROWS, detectFormat, importFile, importRecords, missingColumns } from '../../lib/io/import';
import { OrderSighting } from '../../lib/model/sighting';
import { chunked, collect, fileError, fixture, ok } from './helpers';

describe('detectFormat', () => {
  it('recognises each export by its header', () => {
    expect(detectFormat(['Name', 'Email', 'Financial Status', 'Lineitem name', 'Lineitem quantity', 'Billing Name'])).toBe('shopify-orders');
    expect(detectFormat(['First Name', 'Last Name', 'Email', 'Accepts Marketing', 'Total Spent', 'Total Orders', 'Tags'])).toBe('shopify-customers');
    expect(detectFormat(['order_id', 'order_number', 'order_date', 'status', 'order_total', 'billing_email'])).toBe('woocommerce-orders');
    expect(detectFormat(['Date', 'Order #', 'Status', 'Customer', 'Customer type', 'Product(s)', 'Items sold', 'Net Sales'])).toBe('woocommerce-analytics');
    expect(detectFormat(['订单编号 ', '买家会员名 ', '买家实际支付金额', '订单状态 '])).toBe('taobao-orders');
    expect(detectFormat(['Customer', 'Mail', 'Amount'])).toBe('generic');
  });

  it('names the required columns a recognised file lacks', () => {
    expect(missingColumns('taobao-orders', ['订单编号', '买家会员名', '订单状态', '宝贝标题'])).toEqual(['买家实际支付金额']);
    expect(missingColumns('woocommerce-orders', ['order_id', 'order_date', 'status', 'order_total'])).toEqual(['customer_email / billing_email / customer_id']);
  });
});

describe('Shopify orders export (BOM, CRLF, quoted newline, multi-line orders)', async () => {
  const r = await ok(fixture('shopify-orders.csv'), {}, 97);

  it('groups line-item rows by Name and reads the order fields of the first row', () => {
    expect(r.format).toBe('shopify-orders');
    expect(r.encoding).toBe('utf-8');
    expect(r.rows).toBe(6);
    expect(r.orders[0]).toEqual({
      orderId: '#1001',
      buyer: { key: 'email:jane@example.com', otherKeys: ['phone:+491512345678'], displayName: 'Jane Doe' },
      placedAt: '2025-10-07T09:50:26+02:00',
      total: { amountMinor: 6490, currency: 'EUR' },
      status: 'paid',
      items: [
        { name: 'Wool beanie, grey', quantity: 2, unitPrice: { amountMinor: 1995, currency: 'EUR' } },
        { name: 'Scarf "Nordic"', quantity: 1, unitPrice: { amountMinor: 2000, currency: 'EUR' } },
      ],
    });
  });

  it('falls back to the billing name, and maps refunds and cancellations to uncounted words', () => {
    const byId = Object.fromEntries(r.orders.map((o) => [o.orderId, o]));
    expect(byId['#1002']?.buyer.key).toBe('nick:Max Mustermann');
    expect(byId['#1002']?.status).toBe('refunded');
    expect(byId['#1003']?.status).toBe('cancelled');
    expect(byId['#1004']).toMatchObject({ status: 'partially_refunded', total: { amountMinor: 123450 } });
    expect(r.orders.map((o) => isCountedStatus(o.status))).toEqual([true, false, false, true, true]);
  });

  it('reports bad cells with their physical line (the quoted newline makes #1005 line 8)', () => {
    expect(r.problems).toEqual([
      { line: 8, message: 'import.problem.badAmount', params: { column: 'Total', value: '12,34' } },
      { line: 8, message: 'import.problem.badDate', params: { column: 'Created at', value: 'yesterday' } },
      { line: 8, message: 'import.problem.badQuantity', params: { column: 'Lineitem quantity', value: 'two' } },
    ]);
    expect(r.orders.at(-1)).toEqual({
      orderId: '#1005',
      buyer: { key: 'email:eve@example.com', otherKeys: [], displayName: 'eve@example.com' },
      status: 'paid',
    });
  });

  it('produces records the model schema accepts', () => {
    for (const o of r.orders) expect(OrderSighting.safeParse(o).success).toBe(true);
  });
});

describe('Shopify customers export', async () => {
  const r = await ok(fixture('shopify-customers.csv'));
  it('reads keys, tags, note and contacts; a row with no identity is a problem', () => {
    expect(r.format).toBe('shopify-customers');
    expect(r.customers).toEqual([
      {
        buyer: { key: 'email:jane@example.com', otherKeys: ['phone:+4915123456789', 'customerId:7470815936761'], displayName: 'Jane Doe' },
        tags: ['vip', 'wholesale'],
        note: 'Prefers wool.\nAllergic to nickel.',
        phone: '+4915123456789',
        email: 'jane@example.com',
      },
      {
        buyer: { key: 'customerId:7470815936762', otherKeys: [], displayName: '7470815936762' },
      },
      {
        buyer: { key: 'phone:+8613800138000', otherKeys: ['customerId:7470815936763'], displayName: '王 芳' },
        tags: ['新客'],
        phone: '+8613800138000',
      },
    ]);
    expect(r.problems).toEqual([]);
  });
});

describe('WooCommerce order export', async () => {
  const r = await ok(fixture('woocommerce-orders.csv'), { utcOffset: '-04:00' });
  it('reads orders, line_items, statuses and the shop offset', () => {
    expect(r.format).toBe('woocommerce-orders');
    expect(r.orders[0]).toEqual({
      orderId: '101',
      buyer: { key: 'email:amy@example.com', otherKeys: ['phone:5550102030', 'customerId:12'], displayName: 'Amy Lee' },
      placedAt: '2025-10-07T09:50:26-04:00',
      total: { amountMinor: 4500, currency: 'USD' },
      status: 'completed',
      items: [
        { name: 'Beanie', quantity: 2, unitPrice: { amountMinor: 1500, currency: 'USD' } },
        { name: 'Hoodie', quantity: 1, unitPrice: { amountMinor: 1500, currency: 'USD' } },
      ],
    });
    expect(r.orders[1]).toMatchObject({ orderId: '102', buyer: { key: 'email:guest@example.com' }, status: 'refunded' });
    expect(isCountedStatus(r.orders[1]?.status)).toBe(false);
    expect(r.orders[2]).toMatchObject({ orderId: '103', buyer: { key: 'customerId:13', displayName: 'Tom' }, status: 'cancelled' });
    expect(r.orders[2]?.total).toBeUndefined();
    expect(r.problems).toEqual([{ line: 4, message: 'import.problem.badAmount', params: { column: 'order_total', value: '-5.00' } }]);
  });
});

describe('WooCommerce Analytics orders report', async () => {
  const r = await ok(fixture('woocommerce-analytics.csv'));
  it('reads Net Sales in the currency of the formatted revenue and splits Product(s)', () => {
    expect(r.format).toBe('woocommerce-analytics');
    expect(r.orders).toEqual([
      {
        orderId: '1234',
        buyer: { key: 'nick:Amy Lee', otherKeys: [], displayName: 'Amy Lee' },
        placedAt: '2025-10-07T09:50:26Z',
        total: { amountMinor: 4500, currency: 'USD' },
        status: 'completed',
        items: [
          { name: 'Beanie', quantity: 2 },
          { name: 'Hoodie, with logo', quantity: 1 },
        ],
      },
      {
        orderId: '1235',
        buyer: { key: 'nick:Guest Buyer', otherKeys: [], displayName: 'Guest Buyer' },
        placedAt: '2025-10-08T10:00:00Z',
        total: { amountMinor: 2000, currency: 'USD' },
        status: 'refunded',
        items: [{ name: 'Socks', quantity: 1 }],
      },
    ]);
    expect(r.problems).toEqual([{ line: 4, message: 'import.problem.missingBuyer', params: { orderId: '1236' } }]);
  });
});

describe('Taobao 订单报表 (GBK, trailing-space headers, ="…" ids, 元 amounts)', async () => {
  const bytes = fixture('taobao-orders-gbk.csv');
  const r = await ok(bytes, {}, 5);

  it('decodes GBK and reads the orders', () => {
    expect(r.encoding).toBe('gb18030');
    expect(r.format).toBe('taobao-orders');
    expect(r.header[0]).toBe('订单编号');
    expect(r.orders[0]).toEqual({
      orderId: '3123456789012345678',
      buyer: { key: 'nick:张三', otherKeys: ['phone:13800138000'], displayName: '张三' },
      placedAt: '2025-10-07T09:50:26+08:00',
      total: { amountMinor: 12800, currency: 'CNY' },
      status: '交易成功',
      items: [{ name: '纯棉T恤 白色 L', quantity: 2 }],
    });
  });

  it('keeps Taobao status words, skips masked phones and multi-item titles', () => {
    expect(r.orders[1]).toMatchObject({ orderId: '3123456789012345679', status: '交易关闭', total: { amountMinor: 0 } });
    expect(r.orders[1]?.buyer.otherKeys).toEqual([]);
    expect(isCountedStatus(r.orders[1]?.status)).toBe(false);
    expect(r.orders[2]).toMatchObject({ status: '卖家已发货，等待买家确认', placedAt: '2025-10-09T08:05:00+08:00' });
    expect(r.orders[2]?.items).toBeUndefined();
    expect(isCountedStatus(r.orders[2]?.status)).toBe(true);
  });

  it('reports the Excel-mangled id and the order without buyer on their lines (after a quoted newline)', () => {
    expect(r.orders).toHaveLength(3);
    expect(r.problems).toEqual([
      { line: 6, message: 'import.problem.orderIdMangled', params: { value: '3.12346E+18' } },
      { line: 7, message: 'import.problem.missingBuyer', params: { orderId: '3123456789012345681' } },
    ]);
  });

  it('reads the same from a UTF-8 (BOM) copy of the file', async () => {
    const text = new TextDecoder('gb18030').decode(bytes);
    const u = await ok(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]), {}, 3);
    expect(u.encoding).toBe('utf-8');
    expect(u.orders).toEqual(r.orders);
    expect(u.problems).toEqual(r.problems);
  });
});

describe('generic files', () => {
  const mapping = {
    orderId: 'Order',
    buyer: 'Mail',
    buyerKind: 'email' as const,
    displayName: 'Customer',
    placedAt: 'Date',
    total: 'Amount',
    status: 'State',
    itemName: 'Product',
    itemQuantity: 'Qty',
  };

  it('asks for a mapping, giving the header', async () => {
    const e = await fileError(fixture('generic-orders-semicolon.csv'));
    expect(e.key).toBe('import.error.mappingRequired');
    expect(e.header).toEqual(['Customer', 'Mail', 'Order', 'Date', 'Amount', 'State', 'Product', 'Qty']);
  });

  it('maps a semicolon file with day-first dates and a chosen currency', async () => {
    const r = await ok(fixture('generic-orders-semicolon.csv'), { mapping, dateFormat: 'dmy', currency: 'EUR', utcOffset: '+01:00' });
    expect(r.format).toBe('generic');
    expect(r.orders).toEqual([
      {
        orderId: 'A-1',
        buyer: { key: 'email:anna@example.com', otherKeys: [], displayName: 'Anna' },
        placedAt: '2025-04-03T00:00:00+01:00',
        total: { amountMinor: 1250, currency: 'EUR' },
        status: 'completed',
        items: [
          { name: 'Mug', quantity: 2 },
          { name: 'Spoon', quantity: 1 },
        ],
      },
      {
        orderId: 'A-2',
        buyer: { key: 'email:ben@example.com', otherKeys: [], displayName: 'Ben' },
        placedAt: '2025-12-31T00:00:00+01:00',
        total: { amountMinor: 700, currency: 'EUR' },
        status: 'cancelled',
        items: [{ name: 'Plate', quantity: 1 }],
      },
    ]);
    expect(r.problems).toEqual([{ line: 5, message: 'import.problem.badBuyer', params: { orderId: 'A-3', value: 'not-an-email' } }]);
  });

  it('maps customers when no order column is chosen', async () => {
    const r = await ok('Nick,Phone,Labels,Memo\n张三,13800138000,"vip,复购",老客户\n', {
      mapping: { buyer: 'Nick', buyerKind: 'nick', phone: 'Phone', tags: 'Labels', note: 'Memo' },
    });
    expect(r.customers).toEqual([
      { buyer: { key: 'nick:张三', otherKeys: ['phone:13800138000'], displayName: '张三' }, tags: ['vip', '复购'], note: '老客户', phone: '13800138000' },
    ]);
  });

  it('fails a mapping naming absent columns, or an invalid mapping', async () => {
    expect((await fileError('a,b\n1,2\n', { mapping: { buyer: 'Email', buyerKind: 'email' } })).key).toBe('import.error.mappingColumns');
    expect((await fileError('a,b\n1,2\n', { mapping: { buyer: '', buyerKind: 'email' } })).key).toBe('import.error.invalidMapping');
  });
});

describe('whole-file failures', () => {
  it('fails a recognised format missing required columns', async () => {
    const e = await fileError('订单编号,买家会员名,订单状态,宝贝标题\n="1",张三,交易成功,帽子\n');
    expect(e.key).toBe('import.error.missingColumns');
    expect(e.params).toEqual({ format: 'taobao-orders', columns: '买家实际支付金额' });
  });

  it('fails 0-byte, binary, truncated, header-less files', async () => {
    expect((await fileError(new Uint8Array(0))).key).toBe('import.error.empty');
    expect((await fileError(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).key).toBe('import.error.binary');
    const whole = new TextDecoder().decode(fixture('shopify-orders.csv'));
    const cut = whole.slice(0, whole.indexOf('"Leave at') + 12);
    expect(await fileError(cut)).toMatchObject({ key: 'import.error.truncated', params: { line: 2 } });
    expect((await fileError('\n\r\n  \n')).key).toBe('import.error.noHeader');
  });

  it('refuses a file with more rows than one import may hold, whatever its format', async () => {
    const header = '订单编号,买家会员名,订单状态,买家实际支付金额\n';
    const rows = (n: number) => header + Array.from({ length: n }, (_, i) => `="${i + 1}",张三,交易成功,10\n`).join('');
    expect((await ok(rows(5), { maxRows: 5 })).orders).toHaveLength(5);
    expect(await fileError(rows(6), { maxRows: 5 })).toMatchObject({ key: 'import.error.tooManyRows', params: { max: 5 } });
    expect(MAX_IMPORT_ROWS).toBe(500_000);
  });

  it('refuses a file of a million rows with the limit in the message, reading it as a stream', async () => {
    // 1,000,001 lines generated as they are read: never the whole file as one string.
    async function* million(): AsyncGenerator<Uint8Array> {
      const encoder = new TextEncoder();
      yield encoder.encode('订单编号,买家会员名,订单状态,买家实际支付金额\n');
      for (let start = 0; start < 1_000_000; start += 10_000) {
        yield encoder.encode(Array.from({ length: 10_000 }, (_, i) => `="${start + i + 1}",买家${(start + i) % 997},交易成功,10\n`).join(''));
      }
    }
    const result = await importFile(million());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ key: 'import.error.tooManyRows', params: { max: MAX_IMPORT_ROWS } });
  }, 60_000);

  it('reports rows with the wrong number of cells', async () => {
    const r = await ok('订单编号,买家会员名,订单状态,买家实际支付金额\n="1",张三,交易成功,10元\n="2",李四\n');
    expect(r.orders).toHaveLength(1);
    expect(r.problems).toEqual([{ line: 3, message: 'import.problem.columnCount', params: { expected: 4, found: 2 } }]);
  });

  it('reports a duplicated order once, with the first line', async () => {
    const r = await ok('订单编号,买家会员名,订单状态,买家实际支付金额\n="1",张三,交易成功,10\n="2",李四,交易成功,5\n="1",张三,交易成功,10\n');
    expect(r.orders.map((o) => o.orderId)).toEqual(['1', '2']);
    expect(r.problems).toEqual([{ line: 4, message: 'import.problem.duplicateOrder', params: { orderId: '1', firstLine: 2 } }]);
  });
});

describe('importRecords streaming', () => {
  const header = '订单编号,买家会员名,订单状态,买家实际支付金额,订单创建时间\r\n';
  const big = header + Array.from({ length: 2500 }, (_, i) => `="${1000 + i}",买家${i % 300},交易成功,${i}.50元,2025-10-07 09:50:26\r\n`).join('');

  it('yields batches, reports progress and ends with done', async () => {
    const progress: { bytes: number; rows: number }[] = [];
    const bytes = new TextEncoder().encode(big);
    const batches = await collect(importRecords(chunked(bytes, 4096), { batchSize: 1000, onProgress: (p) => progress.push(p) }));
    expect(batches.map((b) => b.orders.length)).toEqual([1000, 1000, 500]);
    expect(batches.map((b) => b.done)).toEqual([false, false, true]);
    expect(batches[2]?.orders.at(-1)).toMatchObject({ orderId: '3499', total: { amountMinor: 249950, currency: 'CNY' } });
    expect(progress.at(-1)).toEqual({ bytes: bytes.length, rows: 2500 });
    expect(progress.length).toBeGreaterThan(3);
  });

  it('stops on abort with the signal reason', async () => {
    const controller = new AbortController();
    const it = importRecords(chunked(new TextEncoder().encode(big), 1024), { batchSize: 100, signal: controller.signal });
    await it.next();
    controller.abort(new Error('stop'));
    await expect(it.next()).rejects.toThrow('stop');
  });
});
