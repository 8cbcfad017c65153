import { formatDate, formatMoney, type Language } from '@/lib/i18n';

/** Money in minor units as a person reads it; without a known currency, a plain number with two decimals. */
export function money(minor: number | undefined, currency: string | undefined, language: Language): string {
  if (minor === undefined) return '';
  if (currency) return formatMoney(minor, currency, language);
  return (minor / 100).toLocaleString(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function day(ms: number | undefined, language: Language): string {
  return ms === undefined ? '' : formatDate(ms, language);
}

export function count(n: number, language: Language): string {
  return n.toLocaleString(language);
}

/** 'YYYY-MM' as "Mar 2026" / "2026年3月". */
export function monthName(month: string, language: Language, style: 'short' | 'long' = 'short'): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: style, timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
}
