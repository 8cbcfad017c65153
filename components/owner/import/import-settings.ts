import { normalizeOffset, type ImportFormat } from '@/lib/io/import';

/** What the person may set beside the file: blank means "the format's own default". */
export interface ImportSettings {
  /** ISO currency for amounts the file gives without one. */
  currency: string;
  /** Offset of dates written without one, e.g. +08:00. */
  utcOffset: string;
}

export const DEFAULT_SETTINGS: ImportSettings = { currency: '', utcOffset: '' };

/** Formats whose files never say the currency: the person should pick one. */
export function needsCurrency(format: ImportFormat): boolean {
  return format === 'woocommerce-analytics' || format === 'generic';
}

/** The settings the import takes, or which one is wrong. */
export function checkSettings(s: ImportSettings): { ok: true; currency?: string; utcOffset?: string } | { ok: false; field: 'currency' | 'utcOffset' } {
  const currency = s.currency.trim().toUpperCase();
  if (currency && !/^[A-Z]{3}$/.test(currency)) return { ok: false, field: 'currency' };
  const offsetText = s.utcOffset.trim();
  const utcOffset = offsetText ? normalizeOffset(offsetText) : undefined;
  if (offsetText && !utcOffset) return { ok: false, field: 'utcOffset' };
  return { ok: true, ...(currency ? { currency } : {}), ...(utcOffset ? { utcOffset } : {}) };
}
