import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { csvLines, dateText, guardCell, moneyText, unguardCell } from '@/lib/io/export';
import { SHOP, SHOP_ID, buyer } from '../db/helpers';
import { NOW, ownerService, seedShop } from '../db/lists-helpers';

const FORMULA_START = ['=', '+', '-', '@', '\t', '\r'];
const parse = (csv: string) => Papa.parse<string[]>(csv, { delimiter: ',', skipEmptyLines: true }).data;

describe('the formula guard', () => {
  it('neutralises cells a spreadsheet would run, and only those', () => {
    expect(guardCell('=HYPERLINK("http://evil","x")')).toBe('\'=HYPERLINK("http://evil","x")');
    expect(guardCell('+86 138')).toBe("'+86 138");
    expect(guardCell('-2+3')).toBe("'-2+3");
    expect(guardCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(guardCell('\t=1')).toBe("'\t=1");
    expect(guardCell('\r=1')).toBe("'\r=1");
    expect(guardCell('张三')).toBe('张三');
    expect(guardCell('a=b')).toBe('a=b');
    expect(guardCell('')).toBe('');
  });

  it('for any text: the written cell never starts with a formula character, and taking the guard off gives the text back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const guarded = guardCell(text);
        expect(FORMULA_START.some((c) => guarded.startsWith(c))).toBe(false);
        expect(unguardCell(guarded)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('holds through CSV quoting: a cell read back by a CSV reader is still guarded', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('=1+1', '+1', '-1', '@a', '\t=x', '\r=x', '"=x"', ',=x', '\n=x')), { minLength: 1, maxLength: 4 }), (texts) => {
        const csv = csvLines(undefined, [texts.map((text) => ({ text }))]);
        const [row] = Papa.parse<string[]>(csv, { delimiter: ',', newline: '\r\n' }).data;
        expect(row).toHaveLength(texts.length);
        row!.forEach((cell, i) => {
          expect(FORMULA_START.some((c) => cell.startsWith(c))).toBe(false);
          expect(unguardCell(cell)).toBe(texts[i]);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves our own numbers alone, negative ones included', () => {
    expect(csvLines(['Amount'], [[{ number: '-5.00' }, { text: '-5.00' }]])).toBe("Amount\r\n-5.00,'-5.00\r\n");
  });
});

describe('export values', () => {
  it('writes money as a plain decimal in major units, by the currency’s decimals', () => {
    expect(moneyText(123_450, 'CNY')).toBe('1234.50');
    expect(moneyText(5, 'USD')).toBe('0.05');
    expect(moneyText(-5, 'USD')).toBe('-0.05');
    expect(moneyText(1234, 'JPY')).toBe('1234');
    expect(moneyText(1_234_567, 'KWD')).toBe('1234.567');
    expect(moneyText(0, undefined)).toBe('0.00');
  });

  it('writes dates as the calendar day at the shop’s offset', () => {
    const t = Date.parse('2026-11-01T20:00:00Z');
    expect(dateText(t, 0)).toBe('2026-11-01');
    expect(dateText(t, 480)).toBe('2026-11-02');
  });
});

describe('export.csv: the rows of a filter, as the owner chose them', () => {
  it('writes the chosen columns in order under headers in the owner’s language, guarded', async () => {
    let clock = NOW;
    const { service } = ownerService({ now: () => clock, language: 'zh-CN' });
    await seedShop(service);
    const vip = await service['tag.create']({ shopId: SHOP_ID, name: 'VIP' }, {});
    const gift = await service['tag.create']({ shopId: SHOP_ID, name: '=cmd|calc' }, {});
    await service['tagging.add']({ shop: SHOP, tagId: vip.id, buyers: [buyer('张三')] }, {});
    await service['tagging.add']({ shop: SHOP, tagId: gift.id, buyers: [buyer('张三')] }, {});
    await service['page.seen']({ shop: SHOP, orders: [], buyers: [{ key: 'nick:张三', otherKeys: ['email:z@example.com'], displayName: '张三' }] }, {});
    const zhang = (await service['customers.search']({ shopId: SHOP_ID, query: '张三' }, {}))[0]!.customerId;
    await service['note.save']({ shopId: SHOP_ID, customerId: zhang, text: '喜欢永生花', baseRev: 0 }, {});
    clock += 60_000;
    await service['note.save']({ shopId: SHOP_ID, customerId: zhang, text: '-生日 3 月', baseRev: 0 }, {});

    const reply = await service['export.csv'](
      {
        shopId: SHOP_ID,
        filter: { query: 'number_of_orders >= 2' },
        columns: ['name', 'all_keys', 'tags', 'amount_spent', 'currency', 'avg_order_value', 'first_order_date', 'last_order_date', 'lifecycle', 'number_of_orders', 'notes'],
      },
      {},
    );
    expect(reply).toMatchObject({ total: 1, rows: 1 });
    const [header, row] = parse(reply.csv);
    expect(header).toEqual(['姓名', '全部标识', '标签', '消费金额', '币种', '客单价', '首次下单日期', '最近下单日期', '生命周期阶段', '订单数', '备注']);
    const cells = Object.fromEntries(header!.map((h, i) => [h, row![i]]));
    expect(cells['姓名']).toBe('张三');
    expect(cells['全部标识']).toBe('nick:张三 | email:z@example.com');
    // Tags in name order; the cell as a whole starts with '=', so it is guarded.
    expect(cells['标签']).toBe("'=cmd|calc, VIP");
    expect(cells['消费金额']).toBe('500.00');
    expect(cells['币种']).toBe('CNY');
    expect(cells['客单价']).toBe('250.00');
    expect(cells['首次下单日期']).toBe('2026-10-01');
    expect(cells['最近下单日期']).toBe('2026-11-02');
    expect(cells['订单数']).toBe('2');
    expect(cells['备注']).toBe('喜欢永生花 / -生日 3 月');
    expect(reply.csv.endsWith('\r\n')).toBe(true);
  });

  it('guards a buyer whose name is a formula, and pages join into the whole file with one header', async () => {
    const { service } = ownerService({ now: () => NOW });
    await seedShop(service);
    await service['page.seen']({ shop: SHOP, orders: [], buyers: [buyer('evil', '=HYPERLINK("http://x","click")')] }, {});
    const args = { shopId: SHOP_ID, filter: {}, columns: ['name' as const, 'amount_spent' as const], sort: { by: 'amount_spent' as const, dir: 'desc' as const } };
    const whole = await service['export.csv']({ ...args, offset: 0, limit: 100 }, {});
    const first = await service['export.csv']({ ...args, offset: 0, limit: 4 }, {});
    const rest = await service['export.csv']({ ...args, offset: 4, limit: 4 }, {});
    expect(first.rows + rest.rows).toBe(6);
    expect(first.csv + rest.csv).toBe(whole.csv);
    const rows = parse(whole.csv);
    expect(rows[0]).toEqual(['Name', 'Amount spent']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['800.00', '500.00', '500.00', '0.00', '0.00', '0.00']);
    expect(rows.map((r) => r[0])).toContain('\'=HYPERLINK("http://x","click")');
    expect(rows.flat().some((cell) => FORMULA_START.some((c) => cell.startsWith(c)))).toBe(false);
  });
});
