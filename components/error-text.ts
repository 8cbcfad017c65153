import { isMessageKey, type Translate } from '@/lib/i18n';

/** An error as a person reads it: our i18n keys translated, anything else as it says. */
export function errorText(err: unknown, t: Translate): string {
  const message = err instanceof Error ? err.message : String(err);
  return isMessageKey(message) ? t(message) : message;
}
