import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewBytes, PREVIEW_ROWS } from '@/components/owner/import/preview';
import { buyerKindOf, completeMapping, suggestMapping } from '@/components/owner/import/suggest-mapping';
import { headerSignature } from '@/components/owner/import/mapping-store';
import { progressFigures } from '@/components/owner/import/progress-figures';
import { shopRefOf } from '@/components/owner/import/shop-choice';
import { checkSettings } from '@/components/owner/import/import-settings';
import { csvCell } from '@/components/owner/import/problems-csv';
import type { ShopSummary } from '@/components/owner/shops';

const fixture = (name: string) => new Uint8Array(readFileSync(join(__dirname, '../../../fixtures/import', name)));

describe('previewBytes', () => {
  it('recognises a GBK Taobao report with its encoding and Chinese header', async () => {
    const r = await previewBytes(fixture('taobao-orders-gbk.csv'), true);
    if (!r.ok) throw r.error;
    expect(r.preview.format).toBe('taobao-orders');
    expect(r.preview.encoding).toBe('gb18030');
    expect(r.preview.header[0]).toBe('订单编号');
    expect(r.preview.cells[0]![1]).toBe('张三');
    expect(r.preview.missing).toEqual([]);
  });

  it('tells plain UTF-8 from UTF-8 with a BOM', async () => {
    const plain = await previewBytes(new TextEncoder().encode('名字,金额\n张三,1\n'), true);
    const bom = await previewBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('名字,金额\n张三,1\n')]), true);
    expect(plain.ok && plain.preview.encoding).toBe('utf-8');
    expect(bom.ok && bom.preview.encoding).toBe('utf-8-bom');
    expect(bom.ok && bom.preview.header).toEqual(['名字', '金额']);
  });

  it('a sample cut inside a quoted cell or a multi-byte character is not mistaken for a broken file', async () => {
    const text = `订单号,买家,备注\n${Array.from({ length: 30 }, (_, i) => `A${i},张三,"第一行\n第二行"`).join('\n')}\n`;
    const bytes = new TextEncoder().encode(text);
    // Cut in the middle of a three-byte character inside a quoted, multi-line cell.
    const cut = bytes.subarray(0, bytes.length - 9);
    const r = await previewBytes(cut, false);
    if (!r.ok) throw r.error;
    expect(r.preview.cells.length).toBe(PREVIEW_ROWS);
    expect(r.preview.cells[0]).toEqual(['A0', '张三', '第一行\n第二行']);
    // As a whole file, a cut character is unreadable text and a cut quoted cell a truncated file.
    const whole = await previewBytes(cut, true);
    expect(whole.ok ? undefined : whole.error.key).toBe('import.error.invalidText');
    const cutCell = await previewBytes(new TextEncoder().encode('订单号,买家,备注\nA0,张三,"第一行\n'), true);
    expect(cutCell.ok ? undefined : cutCell.error.key).toBe('import.error.truncated');
  });

  it('reports the required columns a recognised export lacks', async () => {
    const r = await previewBytes(new TextEncoder().encode('Name,Financial Status,Lineitem name,Lineitem quantity\n#1,paid,Socks,1\n'), true);
    expect(r.ok && r.preview.format).toBe('shopify-orders');
    expect(r.ok && r.preview.missing).toEqual(['email', 'currency', 'total', 'created at']);
  });
});

describe('suggestMapping', () => {
  it('maps English headers, identifying the buyer by e-mail when there is no buyer column', () => {
    const header = ['Customer', 'Mail', 'Order', 'Date', 'Amount', 'State', 'Product', 'Qty'];
    expect(suggestMapping(header)).toEqual({
      buyer: 'Customer',
      buyerKind: 'nick',
      email: 'Mail',
      orderId: 'Order',
      placedAt: 'Date',
      total: 'Amount',
      status: 'State',
      itemName: 'Product',
      itemQuantity: 'Qty',
    });
    expect(suggestMapping(['Order ID', 'E-mail', 'Total'])).toMatchObject({ orderId: 'Order ID', email: 'E-mail', buyer: 'E-mail', buyerKind: 'email', total: 'Total' });
  });

  it('maps Chinese headers', () => {
    const m = suggestMapping(['订单号', '客户昵称', '手机号码', '下单日期', '实付金额', '订单状态', '商品名称', '数量', '备注']);
    expect(m).toMatchObject({ orderId: '订单号', buyer: '客户昵称', phone: '手机号码', placedAt: '下单日期', total: '实付金额', status: '订单状态', itemName: '商品名称', itemQuantity: '数量', note: '备注' });
  });

  it('does not match words inside other words', () => {
    const m = suggestMapping(['Customer', 'Stage', 'Cancelled', 'Discount']);
    expect(m.tags).toBeUndefined();
    expect(m.phone).toBeUndefined();
    expect(m.itemQuantity).toBeUndefined();
  });

  it('guesses what a buyer column holds, and requires one', () => {
    expect(buyerKindOf('Customer Email')).toBe('email');
    expect(buyerKindOf('手机')).toBe('phone');
    expect(buyerKindOf('customer_id')).toBe('customerId');
    expect(buyerKindOf('买家会员名')).toBe('nick');
    expect(completeMapping({ total: 'Amount' })).toEqual({ ok: false, missing: 'buyer' });
    expect(completeMapping({ buyer: 'Mail', total: 'Amount', defaultCurrency: 'cn' })).toEqual({ ok: true, mapping: { buyer: 'Mail', buyerKind: 'email', total: 'Amount' } });
  });
});

describe('small pure helpers', () => {
  it('a header signature ignores case and spacing but not order', () => {
    expect(headerSignature([' Order ', 'Buyer'])).toBe(headerSignature(['order', 'BUYER']));
    expect(headerSignature(['Buyer', 'Order'])).not.toBe(headerSignature(['Order', 'Buyer']));
  });

  it('progress: percent of bytes while reading, of records while saving; rows per second', () => {
    expect(progressFigures({ phase: 'reading', bytes: 250, size: 1000, rows: 5000, elapsed: 2000 })).toEqual({ percent: 25, rowsPerSecond: 2500 });
    expect(progressFigures({ phase: 'saving', bytes: 1000, size: 1000, rows: 5000, done: 3, total: 4, elapsed: 1000 }).percent).toBe(75);
    expect(progressFigures({ phase: 'reading', bytes: 0, size: 0, rows: 0, elapsed: 0 })).toEqual({ percent: 0, rowsPerSecond: 0 });
  });

  it('shop choice: a known shop keeps its key; a new one is keyed by its trimmed name', () => {
    const shops: ShopSummary[] = [{ shopId: 'woocommerce:shop.example.com', name: 'Shop', platform: 'woocommerce', customers: 0, tags: [] }];
    expect(shopRefOf({ mode: 'existing', shopId: 'woocommerce:shop.example.com' }, shops)).toEqual({
      ok: true,
      shop: { platform: 'woocommerce', key: 'shop.example.com', name: 'Shop' },
      shopId: 'woocommerce:shop.example.com',
    });
    expect(shopRefOf({ mode: 'new', platform: 'taobao', name: ' 小店 ' }, shops)).toMatchObject({ ok: true, shopId: 'taobao:小店' });
    expect(shopRefOf({ mode: 'new', platform: 'taobao', name: '  ' }, shops)).toEqual({ ok: false, reason: 'noName' });
    expect(shopRefOf({ mode: 'new', platform: 'Bad Platform', name: 'x' }, shops)).toEqual({ ok: false, reason: 'badPlatform' });
    expect(shopRefOf({ mode: 'existing', shopId: 'gone' }, shops)).toEqual({ ok: false, reason: 'noShop' });
  });

  it('settings: currency codes and UTC offsets are checked and normalised', () => {
    expect(checkSettings({ currency: ' cny ', utcOffset: '+8' })).toEqual({ ok: true, currency: 'CNY', utcOffset: '+08:00' });
    expect(checkSettings({ currency: 'yuan', utcOffset: '' })).toEqual({ ok: false, field: 'currency' });
    expect(checkSettings({ currency: '', utcOffset: 'Beijing' })).toEqual({ ok: false, field: 'utcOffset' });
    expect(checkSettings({ currency: '', utcOffset: '' })).toEqual({ ok: true });
  });

  it('problem CSV cells are quoted when needed and never run as formulas', () => {
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(12)).toBe('12');
  });
});
