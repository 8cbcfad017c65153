// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cleanId,
  cleanPhone,
  currencyOfAmount,
  formatAmountMinor,
  isMangledNumber,
  parseAmountMinor,
  parseDateTime,
  parseQuantity,
} from '../../lib/io/import';

describe('parseAmountMinor', () => {
  it.each([
    ['64.90', 2, 6490],
    ['1,234.50', 2, 123450],
    ['128.00元', 2, 12800],
    ['¥99', 2, 9900],
    ['$45.00', 2, 4500],
    ['0.1', 2, 10],
    ['.5', 2, 50],
    ['="9.90"', 2, 990],
    ['1500', 0, 1500],
    ['1500.00', 0, 1500],
    ['0.07', 2, 7],
    ['1.10', 2, 110],
  ])('%s (%i digits) → %i', (raw, digits, minor) => {
    expect(parseAmountMinor(raw, digits)).toBe(minor);
  });

  it.each(['', '-5.00', '12,34', '1.234', 'abc', '1,23,4.00', '12.3.4', '99999999999999'])('rejects %j', (raw) => {
    expect(parseAmountMinor(raw, 2)).toBeUndefined();
  });

  it('uses no float multiplication: 0.29, 1.13, 4.35 are exact', () => {
    expect([parseAmountMinor('0.29'), parseAmountMinor('1.13'), parseAmountMinor('4.35')]).toEqual([29, 113, 435]);
  });

  it('round-trips integer minor units (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.constantFrom(0, 2, 3), (minor, digits) => {
        expect(parseAmountMinor(formatAmountMinor(minor, digits), digits)).toBe(minor);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const v = parseAmountMinor(s);
        expect(v === undefined || (Number.isSafeInteger(v) && v >= 0)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('cell readers', () => {
  it('unwraps ="…", leading apostrophes and spaces', () => {
    expect(cleanId('="3123456789012345678"')).toBe('3123456789012345678');
    expect(cleanId("'13800138000 ")).toBe('13800138000');
    expect(cleanId(' #1001 ')).toBe('#1001');
  });

  it('spots ids Excel turned into floats', () => {
    expect(isMangledNumber('3.12346E+18')).toBe(true);
    expect(isMangledNumber('3123456789012345678')).toBe(false);
  });

  it('reads phones and refuses masked ones', () => {
    expect(cleanPhone("'+49 151 2345678")).toBe('+491512345678');
    expect(cleanPhone('(555) 010-2030')).toBe('5550102030');
    expect(cleanPhone("'139****0000")).toBeUndefined();
    expect(cleanPhone('n/a')).toBeUndefined();
  });

  it('reads quantities', () => {
    expect(parseQuantity('2')).toBe(2);
    expect(parseQuantity('3.0')).toBe(3);
    expect(parseQuantity('0')).toBeUndefined();
    expect(parseQuantity('two')).toBeUndefined();
    expect(parseQuantity('1.5')).toBeUndefined();
  });

  it('names the currency written around an amount', () => {
    expect(currencyOfAmount('$50.00')).toBe('USD');
    expect(currencyOfAmount('128元')).toBe('CNY');
    expect(currencyOfAmount('12.00 EUR')).toBe('EUR');
    expect(currencyOfAmount('12.00')).toBeUndefined();
  });
});

describe('parseDateTime', () => {
  it('keeps Shopify offsets', () => {
    expect(parseDateTime('2025-10-07 09:50:26 +0200')).toBe('2025-10-07T09:50:26+02:00');
    expect(parseDateTime('2025-10-07 09:50:26 -0530')).toBe('2025-10-07T09:50:26-05:30');
    expect(parseDateTime('2025-10-07T09:50:26Z')).toBe('2025-10-07T09:50:26Z');
  });

  it('applies the shop offset to local times', () => {
    expect(parseDateTime('2025/10/9 8:05', { utcOffset: '+08:00' })).toBe('2025-10-09T08:05:00+08:00');
    expect(parseDateTime('2025-10-07', { utcOffset: '+08:00' })).toBe('2025-10-07T00:00:00+08:00');
    expect(parseDateTime('2025年10月7日 9:05', { utcOffset: '+08:00' })).toBe('2025-10-07T09:05:00+08:00');
  });

  it('reads day-first and month-first only when told', () => {
    expect(parseDateTime('03/04/2025')).toBeUndefined();
    expect(parseDateTime('03/04/2025', { format: 'dmy' })).toBe('2025-04-03T00:00:00Z');
    expect(parseDateTime('03/04/2025', { format: 'mdy' })).toBe('2025-03-04T00:00:00Z');
  });

  it.each(['yesterday', '2025-02-30', '2025-13-01', '2025-10-07 24:00', '13/13/2025'])('rejects %j', (raw) => {
    expect(parseDateTime(raw, { format: 'dmy' })).toBeUndefined();
  });
});
