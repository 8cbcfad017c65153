import type { DateFormat } from './types';

/**
 * Cell readers shared by the mappers. All return undefined (never throw) when a cell cannot be
 * read with certainty; the mapper turns that into a problem with the line number.
 */

/** Unwraps the spreadsheet guards exports put on ids and phones: `="123"`, `'123`, `\t123`. */
export function cleanId(raw: string | undefined): string {
  let v = (raw ?? '').trim();
  const eq = /^="(.*)"$/s.exec(v);
  if (eq) v = (eq[1] ?? '').trim();
  if (v.startsWith("'")) v = v.slice(1).trim();
  return v;
}

/** True when Excel has already turned a long id into a float (`3.12346E+18`): digits are lost. */
export function isMangledNumber(id: string): boolean {
  return /^\d+(\.\d+)?e\+\d+$/i.test(id);
}

const digitsCache = new Map<string, number>();

/** Minor digits of a currency (CNY/USD 2, JPY 0, KWD 3); 2 when unknown. */
export function currencyDigits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    try {
      d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      d = 2;
    }
    digitsCache.set(currency, d);
  }
  return d;
}

/** Currency words an export may put around an amount; the currency itself comes from elsewhere. */
const AMOUNT_AFFIX = /^(?:[A-Z]{3}|US\$|HK\$|CN¥|RMB¥|RMB|[¥￥$€£]|元)?\s*(.*?)\s*(?:[A-Z]{3}|元|[¥￥$€£])?$/su;

/** Currency named by a symbol or code around an amount (`$12.00`, `12.00 EUR`, `128元`), if any. */
export function currencyOfAmount(raw: string): string | undefined {
  const t = raw.trim();
  const code = /^([A-Z]{3})\s*\d|\d\s*([A-Z]{3})$/.exec(t);
  if (code) return code[1] ?? code[2];
  if (/^(?:CN¥|RMB|[¥￥])|元$/u.test(t)) return 'CNY';
  if (/^HK\$/.test(t)) return 'HKD';
  if (/^(?:US)?\$/.test(t)) return 'USD';
  if (/^€|€$/.test(t)) return 'EUR';
  if (/^£/.test(t)) return 'GBP';
  return undefined;
}

/**
 * A decimal amount as integer minor units, with integer maths only (the decimal string is split,
 * never multiplied as a float): `1,234.50` → 123450, `128.00元` → 12800, `="9.9"` → 990.
 * Undefined for negatives, malformed grouping, more significant decimals than the currency has,
 * and amounts over 1e12 minor units.
 */
export function parseAmountMinor(raw: string, digits = 2): number | undefined {
  let t = cleanId(raw).replace(/[\u00a0\u202f\u3000]/g, ' ').trim();
  const m = AMOUNT_AFFIX.exec(t);
  t = (m?.[1] ?? t).trim();
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(t)) t = t.replace(/,/g, '');
  const parts = /^(\d+)(?:\.(\d*))?$/.exec(t) ?? /^()\.(\d+)$/.exec(t);
  if (!parts) return undefined;
  const intPart = (parts[1] ?? '').replace(/^0+(?=\d)/, '');
  let frac = parts[2] ?? '';
  if (frac.length > digits) {
    if (/[^0]/.test(frac.slice(digits))) return undefined;
    frac = frac.slice(0, digits);
  }
  if (intPart.length > 13) return undefined;
  const minor = Number(intPart || '0') * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) && minor <= 1e12 ? minor : undefined;
}

/** Integer minor units back to a plain decimal string: 123450 → "1234.50" (the inverse of parseAmountMinor). */
export function formatAmountMinor(minor: number, digits = 2): string {
  if (digits === 0) return String(minor);
  const s = String(minor).padStart(digits + 1, '0');
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/** A positive whole quantity: "2", "2.0", " 3 " → number; undefined otherwise. */
export function parseQuantity(raw: string | undefined): number | undefined {
  const t = (raw ?? '').trim();
  const m = /^(\d{1,7})(?:\.0*)?$/.exec(t);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= 1 && n <= 1e6 ? n : undefined;
}

/** `+0200`, `+02:00`, `Z`, `UTC`, `GMT+8` → `+02:00` / `Z`; undefined when not an offset. */
export function normalizeOffset(raw: string): string | undefined {
  const t = raw.trim();
  if (/^(z|utc|gmt)$/i.test(t)) return 'Z';
  const m = /^(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(t);
  if (!m) return undefined;
  const h = Number(m[2]);
  const min = Number(m[3] ?? '0');
  if (h > 14 || min > 59) return undefined;
  return `${m[1]}${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

const DATE_RE =
  /^(\d{1,4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,4})\s*日?(?:(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?\s*(Z|(?:UTC|GMT)?[+-]\d{1,2}(?::?\d{2})?)?$/i;

/**
 * A date-time cell as ISO 8601 with offset: `2025-10-07 09:50:26 +0200` → `2025-10-07T09:50:26+02:00`,
 * `2025/10/7 9:50` (+ `utcOffset`) → `2025-10-07T09:50:00+08:00`. A four-digit first part is always
 * year-first; otherwise `format` says whether `03/04/2025` is day-first or month-first.
 */
export function parseDateTime(raw: string | undefined, options: { format?: DateFormat; utcOffset?: string } = {}): string | undefined {
  const m = DATE_RE.exec((raw ?? '').trim());
  if (!m) return undefined;
  const [, a = '', b = '', c = '', hh = '0', mm = '0', ss = '0', off] = m;
  let year: number, month: number, day: number;
  if (a.length === 4) {
    [year, month, day] = [Number(a), Number(b), Number(c)];
    if (c.length > 2) return undefined;
  } else {
    if (c.length !== 4 || a.length > 2) return undefined;
    const format = options.format ?? 'ymd';
    if (format === 'ymd') return undefined;
    year = Number(c);
    [day, month] = format === 'dmy' ? [Number(a), Number(b)] : [Number(b), Number(a)];
  }
  const [h, mi, s] = [Number(hh), Number(mm), Number(ss)];
  if (year < 1970 || year > 2200 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const offset = off ? normalizeOffset(off) : normalizeOffset(options.utcOffset ?? 'Z');
  if (!offset) return undefined;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${year}-${p(month)}-${p(day)}T${p(h)}:${p(mi)}:${p(s)}${offset}`;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A lower-cased e-mail address, or undefined when the cell does not hold one. */
export function cleanEmail(raw: string | undefined): string | undefined {
  const t = (raw ?? '').trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t) && t.length <= 190 ? t : undefined;
}

/**
 * A phone number as `+digits` or `digits` (spaces, dashes, brackets and the leading `'` dropped);
 * undefined for masked (`138****8000`) or implausible numbers.
 */
export function cleanPhone(raw: string | undefined): string | undefined {
  const t = cleanId(raw);
  if (!t || /[*]/.test(t)) return undefined;
  if (!/^\+?[\d\s\-().]+$/.test(t)) return undefined;
  const digits = t.replace(/\D/g, '');
  if (digits.length < 5 || digits.length > 20) return undefined;
  return (t.startsWith('+') ? '+' : '') + digits;
}

/** A display name of at most 200 characters, or undefined when blank. */
export function cleanName(...parts: (string | undefined)[]): string | undefined {
  const t = parts
    .map((p) => (p ?? '').trim())
    .filter(Boolean)
    .join(' ')
    .replace(/\s+/g, ' ');
  return t ? t.slice(0, 200) : undefined;
}
