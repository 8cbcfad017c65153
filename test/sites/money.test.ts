import { describe, expect, it } from 'vitest';
import { parseMoney } from '../../lib/sites/money';

describe('parseMoney', () => {
  it.each([
    ['¥1,234.50', 123450, 'CNY'],
    ['￥88', 8800, 'CNY'],
    ['¥0.01', 1, 'CNY'],
    ['¥0', 0, 'CNY'],
    ['¥ 1,234,567.89', 123456789, 'CNY'],
    ['1234.5元', 123450, 'CNY'],
    ['1,234 元', 123400, 'CNY'],
    ['RMB 12', 1200, 'CNY'],
    ['CNY 99.90', 9990, 'CNY'],
    ['CN¥12.3', 1230, 'CNY'],
    ['  ¥\u00a012.30\n', 1230, 'CNY'],
    ['￥１２３.４５', 12345, 'CNY'],
    ['¥007.10', 710, 'CNY'],
    ['$12.00', 1200, 'USD'],
    ['US$1,000', 100000, 'USD'],
    ['12.99 USD', 1299, 'USD'],
    ['€1.234,56', 123456, 'EUR'],
    ['1.234,56 €', 123456, 'EUR'],
    ['€12,5', 1250, 'EUR'],
    ['€1.234', 123400, 'EUR'],
    ['£3.5', 350, 'GBP'],
    ['HK$8', 800, 'HKD'],
    ['¥10,000,000,000.00', 1_000_000_000_000, 'CNY'],
  ])('%j → %i %s', (text, amountMinor, currency) => {
    expect(parseMoney(text)).toEqual({ amountMinor, currency });
  });

  it('gives exact minor units where float maths would not', () => {
    // 1.15 * 100 = 114.99999999999999 and 4.35 * 100 = 434.99999999999994 in floating point.
    expect(parseMoney('¥1.15')?.amountMinor).toBe(115);
    expect(parseMoney('¥4.35')?.amountMinor).toBe(435);
    expect(parseMoney('¥1,234.07')?.amountMinor).toBe(123407);
  });

  it.each([
    [''],
    ['   '],
    ['¥'],
    ['abc'],
    ['¥abc'],
    ['¥12.3.4'],
    ['¥12.345'],
    ['¥1,23'],
    ['¥12,50'],
    ['€12,345'],
    ['¥12,34,567'],
    ['¥1,2345.00'],
    ['¥12.'],
    ['¥.5'],
    ['-¥5.00'],
    ['¥-5.00'],
    ['+¥5'],
    ['¥12元'],
    ['12.50'],
    ['€1.234.5'],
    ['¥100000000000.00'],
    ['¥1 234.00'],
    ['JPY 500'],
    ['about ¥12'],
    ['¥12 each'],
  ])('%j → undefined', (text) => {
    expect(parseMoney(text)).toBeUndefined();
  });

  it('reads a bare number only with a default currency', () => {
    expect(parseMoney('12.50')).toBeUndefined();
    expect(parseMoney('12.50', { defaultCurrency: 'CNY' })).toEqual({ amountMinor: 1250, currency: 'CNY' });
    expect(parseMoney('1,299', { defaultCurrency: 'USD' })).toEqual({ amountMinor: 129900, currency: 'USD' });
    expect(parseMoney('12.50', { defaultCurrency: 'yuan' })).toBeUndefined();
  });

  it('lets the printed currency win over the default', () => {
    expect(parseMoney('$5', { defaultCurrency: 'CNY' })).toEqual({ amountMinor: 500, currency: 'USD' });
  });
});
