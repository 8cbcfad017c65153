import { describe, expect, it } from 'vitest';
import { currencyDigits, majorToMinor } from '@/lib/insights/money';

describe('currencyDigits', () => {
  it('knows the decimals of a currency, 2 when unknown', () => {
    expect(currencyDigits('CNY')).toBe(2);
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    expect(currencyDigits(undefined)).toBe(2);
    expect(currencyDigits('not a currency')).toBe(2);
  });
});

describe('majorToMinor', () => {
  it('converts what the owner types into exact integer minor units', () => {
    expect(majorToMinor(2340, 'CNY')).toBe(234_000);
    expect(majorToMinor(99.9, 'CNY')).toBe(9990);
    expect(majorToMinor(0.1 + 0.2, 'CNY')).toBe(30);
    expect(majorToMinor(19.99, undefined)).toBe(1999);
    expect(majorToMinor(500, 'JPY')).toBe(500);
  });
});
