import { formatDate, formatMoney, isMessageKey, type Language, type Translate } from '@/lib/i18n';
import type { Reason } from '@/lib/model/views';

/**
 * A reason in the reader's language. Parameters named `…Minor` are money in minor units (with
 * `currency` beside them), `…At` are dates; the rest are shown as they are.
 */
export function formatReason(reason: Reason, t: Translate, language: Language): string {
  if (!isMessageKey(reason.key)) return reason.key;
  const currency = typeof reason.params?.currency === 'string' ? reason.params.currency : 'CNY';
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(reason.params ?? {})) {
    if (name.endsWith('Minor') && typeof value === 'number') params[name] = formatMoney(value, currency, language);
    else if (name.endsWith('At') && typeof value === 'number') params[name] = formatDate(value, language);
    else params[name] = value;
  }
  return t(reason.key, params);
}
