import { useMemo } from 'preact/hooks';
import { ownerTranslator, type OwnerTranslate } from '@/lib/i18n/owner';
import { useUi } from '../ui-context';

/** The owner's translator (shared + segments + import + lists + data vocabulary), in the page's language. */
export function useOwnerT(): OwnerTranslate {
  const { language } = useUi();
  return useMemo(() => ownerTranslator(language), [language]);
}

/** An error from a call, as a person reads it: translated when it is one of our keys. */
export function errorText(err: unknown, t: OwnerTranslate): string {
  const message = err instanceof Error ? err.message : String(err);
  return (t as (k: string) => string)(message);
}
