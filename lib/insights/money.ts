/**
 * Money as the owner types it (major units: yuan, dollars) against money as stored (integer minor
 * units: fen, cents). Comparisons are done in minor units, so they are exact integer comparisons.
 */

const digitsCache = new Map<string, number>();

/** Decimal places of a currency (CNY/USD 2, JPY/KRW 0, KWD 3); 2 when unknown or not given. */
export function currencyDigits(currency: string | undefined): number {
  if (!currency) return 2;
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** An amount typed in major units (e.g. 99.9 yuan) in minor units (9990 fen), rounded to a whole unit. */
export function majorToMinor(major: number, currency: string | undefined): number {
  return Math.round(major * 10 ** currencyDigits(currency));
}
