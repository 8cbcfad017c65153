import { useEffect, useRef, useState } from 'preact/hooks';
import type { OwnerKey } from '@/lib/i18n/owner';
import { useOwnerT } from '../owner-ui';
import { defaultChoice, fieldValue, MERGE_FIELDS, type DuplicateCustomer, type MergeChoice } from './merge-choice';

/**
 * Merging customers: pick the one that stays, and for name, e-mail and phone whose value to
 * keep. Everything else (keys, orders, tags, notes) moves to the survivor.
 */
export function MergeDialog({
  customers,
  busy,
  error,
  onMerge,
  onClose,
}: {
  customers: readonly DuplicateCustomer[];
  busy: boolean;
  error: string;
  onMerge: (choice: MergeChoice) => void;
  onClose: () => void;
}) {
  const t = useOwnerT();
  const [choice, setChoice] = useState<MergeChoice>(() => defaultChoice(customers));
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Focus moves into the dialog; it goes back to the opener when the dialog closes.
    const opener = document.activeElement as HTMLElement | null;
    box.current?.querySelector<HTMLElement>('input:checked, input, button')?.focus();
    return () => opener?.focus?.();
  }, []);

  return (
    <div class="dialog-backdrop">
      <div
        ref={box}
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="merge-title"
        data-bl="merge-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !busy) onClose();
        }}
      >
        <h2 id="merge-title">{t('dataUi.merge.title', { count: customers.length })}</h2>
        <p class="muted">{t('dataUi.merge.intro')}</p>
        <fieldset>
          <legend>{t('dataUi.merge.survivor')}</legend>
          {customers.map((c) => (
            <label key={c.id} class="merge-option">
              <input
                type="radio"
                name="merge-survivor"
                data-bl="merge-survivor"
                value={c.id}
                checked={choice.survivorId === c.id}
                onChange={() => setChoice(defaultChoice(customers, c.id))}
              />{' '}
              <span>
                <b>{c.displayName}</b> <span class="muted">{c.keys.join(' · ')}</span>{' '}
                <span class="muted">({t('dataUi.dup.orders', { count: c.orderCount })})</span>
              </span>
            </label>
          ))}
        </fieldset>
        {MERGE_FIELDS.map((field) => {
          const holders = customers.filter((c) => fieldValue(c, field));
          if (holders.length === 0) return null;
          return (
            <fieldset key={field}>
              <legend>{t(`dataUi.merge.keep.${field}` as OwnerKey)}</legend>
              {holders.map((c) => (
                <label key={c.id} class="merge-option">
                  <input
                    type="radio"
                    name={`merge-keep-${field}`}
                    data-bl={`merge-keep-${field}`}
                    value={c.id}
                    checked={choice.keep[field] === c.id}
                    onChange={() => setChoice({ ...choice, keep: { ...choice.keep, [field]: c.id } })}
                  />{' '}
                  {fieldValue(c, field)}
                </label>
              ))}
            </fieldset>
          );
        })}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="actions-bar">
          <button type="button" onClick={onClose} disabled={busy}>
            {t('dataUi.cancel')}
          </button>
          <button type="button" class="primary" data-bl="merge-confirm" disabled={busy} onClick={() => onMerge(choice)}>
            {busy ? t('dataUi.merge.working') : t('dataUi.merge.confirm', { count: customers.length })}
          </button>
        </div>
      </div>
    </div>
  );
}
