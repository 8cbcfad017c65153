import type { Money } from '../model/sighting';

/**
 * Reads a price as a backoffice prints it into integer minor units, with integer maths only.
 *
 *   ¥1,234.50 → 123450 CNY     ￥88 → 8800 CNY        1234.5元 → 123450 CNY
 *   RMB 12 / CNY 12 / CN¥12    $12.00 → 1200 USD      US$1,000 → 100000 USD
 *   €1.234,56 / 1.234,56 € → 123456 EUR               £3.5 → 350 GBP   HK$8 → 800 HKD
 *
 * Returns undefined (never throws) for anything it cannot read with certainty: negative
 * amounts, more than two decimals, two currencies, malformed digit grouping, a lone separator
 * that fits neither convention of the currency (`¥1,23`, `¥12.345`), and numbers with no
 * currency unless `defaultCurrency` is given. Every currency here has two minor digits; a bare
 * `¥` is read as CNY (yen is not supported).
 */
export function parseMoney(text: string, options: { defaultCurrency?: string } = {}): Money | undefined {
  const normalized = normalize(text);
  if (!normalized) return undefined;
  const match = /^([^\d\s.,+-]*)\s*(\d[\d.,]*)\s*([^\d\s.,+-]*)$/u.exec(normalized);
  if (!match) return undefined;
  const prefix = match[1] ?? '';
  const digits = match[2] ?? '';
  const suffix = match[3] ?? '';
  if (prefix && suffix) return undefined;
  const token = (prefix || suffix).toUpperCase();
  const currency = token ? CURRENCY_TOKENS[token] : options.defaultCurrency;
  if (!currency || !/^[A-Z]{3}$/.test(currency)) return undefined;
  const amountMinor = parseAmount(digits, COMMA_DECIMAL.has(currency));
  if (amountMinor === undefined) return undefined;
  return { amountMinor, currency };
}

/** Largest amount accepted, in minor units (the sighting schema's bound). */
export const MAX_AMOUNT_MINOR = 1e12;

const CURRENCY_TOKENS: Readonly<Record<string, string>> = {
  '¥': 'CNY',
  'CN¥': 'CNY',
  'RMB': 'CNY',
  'RMB¥': 'CNY',
  'CNY': 'CNY',
  '元': 'CNY',
  '$': 'USD',
  'US$': 'USD',
  'USD': 'USD',
  '€': 'EUR',
  'EUR': 'EUR',
  '£': 'GBP',
  'GBP': 'GBP',
  'HK$': 'HKD',
  'HKD': 'HKD',
};

/** Currencies whose pages usually write 1.234,56 rather than 1,234.56. */
const COMMA_DECIMAL: ReadonlySet<string> = new Set(['EUR']);

function normalize(text: string): string {
  return text
    .replace(/[\u00a0\u2000-\u200b\u202f\u3000]/g, ' ')
    .replace(/￥/g, '¥')
    .replace(/＄/g, '$')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/，/g, ',')
    .replace(/．/g, '.')
    .trim()
    .replace(/\s+/g, ' ');
}

/** "1,234.50" → 123450; undefined when the grouping or the decimals are not certain. */
function parseAmount(raw: string, commaDecimal: boolean): number | undefined {
  const dots = count(raw, '.');
  const commas = count(raw, ',');
  let intPart = raw;
  let fraction = '';
  let group: string | undefined;
  if (dots && commas) {
    const decimal = raw.lastIndexOf('.') > raw.lastIndexOf(',') ? '.' : ',';
    if (count(raw, decimal) !== 1) return undefined;
    group = decimal === '.' ? ',' : '.';
    [intPart, fraction] = splitOnce(raw, decimal);
  } else if (dots + commas > 1) {
    group = dots ? '.' : ',';
  } else if (dots + commas === 1) {
    const sep = dots ? '.' : ',';
    const [head, tail] = splitOnce(raw, sep);
    // A lone separator is read by the currency's convention: the decimal one takes one or two
    // digits (12.5, 12,50 €), the grouping one exactly three (1,234 ¥, 1.234 €); else unsure.
    const isDecimal = sep === (commaDecimal ? ',' : '.');
    if (isDecimal) [intPart, fraction] = [head, tail];
    else if (tail.length === 3) group = sep;
    else return undefined;
  }
  if (group !== undefined) {
    const groups = intPart.split(group);
    const [first, ...rest] = groups;
    if (!first || !/^\d{1,3}$/.test(first) || rest.some((g) => !/^\d{3}$/.test(g))) return undefined;
    intPart = groups.join('');
  }
  // A decimal separator must be followed by one or two digits ("12." is not a price).
  const hasDecimal = group === undefined ? dots + commas === 1 : dots > 0 && commas > 0;
  if (!/^\d+$/.test(intPart) || !(hasDecimal ? /^\d{1,2}$/ : /^$/).test(fraction)) return undefined;
  const major = intPart.replace(/^0+(?=\d)/, '');
  if (major.length > 11) return undefined;
  const amount = Number(major) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(amount) && amount <= MAX_AMOUNT_MINOR ? amount : undefined;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n += 1;
  return n;
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}
