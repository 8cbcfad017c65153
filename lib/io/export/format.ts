import { currencyDigits } from '../../insights/money';

/**
 * Values as an export writes them: plain, locale-free text a spreadsheet reads as a number or a
 * date whatever its language settings.
 */

/** Minor units as a plain decimal in major units: 123450 CNY → "1234.50", 1234 JPY → "1234", -5 USD → "-0.05". */
export function moneyText(minor: number, currency: string | undefined): string {
  const digits = currencyDigits(currency);
  if (!Number.isFinite(minor)) return '';
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(minor));
  if (digits === 0) return `${sign}${abs}`;
  const scale = 10 ** digits;
  const whole = Math.floor(abs / scale);
  const frac = String(abs % scale).padStart(digits, '0');
  return `${sign}${whole}.${frac}`;
}

/** Epoch ms as the calendar day YYYY-MM-DD at a fixed offset (minutes east of UTC; China 480). */
export function dateText(ms: number, utcOffsetMinutes: number): string {
  if (!Number.isFinite(ms)) return '';
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}
