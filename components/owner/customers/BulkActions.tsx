import { useEffect, useRef, useState } from 'preact/hooks';
import { call } from '@/lib/rpc/owner-client';
import type { CustomerFilter } from '@/lib/model/owner';
import type { TagView } from '@/lib/model/views';
import { errorText, useOwnerT } from '../owner-ui';

export interface BulkActionsProps {
  readonly shopId: string;
  readonly filter: CustomerFilter;
  /** How many customers the filter matches; undefined while counting. */
  readonly matched: number | undefined;
  readonly tags: readonly TagView[];
}

type Step = 'closed' | 'choose' | 'confirm' | 'working';

/**
 * Add or remove a tag on every customer the filter matches, not only the rows on screen.
 * Always confirmed with the number it will touch; a new tag name is created first.
 */
export function BulkActions({ shopId, filter, matched, tags }: BulkActionsProps) {
  const t = useOwnerT();
  const [step, setStep] = useState<Step>('closed');
  const [action, setAction] = useState<'add' | 'remove'>('add');
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const nameInput = useRef<HTMLInputElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // The filter the person confirmed: a filter that changes while the dialog is open must not be tagged instead.
  const confirmed = useRef<{ filter: CustomerFilter; matched: number } | undefined>(undefined);

  useEffect(() => {
    if (step === 'choose') nameInput.current?.focus();
    if (step === 'confirm') confirmButton.current?.focus();
  }, [step]);

  const existing = tags.find((tag) => tag.name.toLowerCase() === name.trim().toLowerCase());
  const n = matched ?? 0;

  const apply = async () => {
    const target = confirmed.current;
    if (!target) return;
    setStep('working');
    setError('');
    try {
      const tag = existing ?? (await call('tag.create', { shopId, name: name.trim() }));
      const result = await call('customers.bulkTag', { shopId, filter: target.filter, tagId: tag.id, action });
      setStatus(
        t(action === 'add' ? 'lists.bulk.doneAdd' : 'lists.bulk.doneRemove', { tag: tag.name, changed: result.changed, matched: result.matched }),
      );
      setStep('closed');
      setName('');
    } catch (err) {
      setError(errorText(err, t));
      setStep('confirm');
    }
  };

  return (
    <div class="bulk">
      <button
        type="button"
        data-bl="bulk-tag"
        disabled={!n}
        aria-expanded={step !== 'closed'}
        onClick={() => {
          setStatus('');
          setError('');
          setStep(step === 'closed' ? 'choose' : 'closed');
        }}
      >
        {t('lists.bulk.open', { n })}
      </button>
      {step !== 'closed' && (
        <div class="bulk-panel card" role="dialog" aria-label={t('lists.bulk.title', { n })} onKeyDown={(e) => e.key === 'Escape' && setStep('closed')}>
          {step === 'choose' ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (!name.trim() || (action === 'remove' && !existing)) return;
                confirmed.current = { filter, matched: n };
                setStep('confirm');
              }}
            >
              <fieldset class="bulk-action">
                <legend class="sr">{t('lists.bulk.title', { n })}</legend>
                <label>
                  <input type="radio" name="bulk-action" checked={action === 'add'} onChange={() => setAction('add')} /> {t('lists.bulk.add')}
                </label>
                <label>
                  <input type="radio" name="bulk-action" checked={action === 'remove'} onChange={() => setAction('remove')} /> {t('lists.bulk.remove')}
                </label>
              </fieldset>
              <label class="bulk-name">
                <span>{t('lists.bulk.tag')}</span>
                <input
                  ref={nameInput}
                  type="text"
                  list="bulk-tag-names"
                  data-bl="bulk-tag-name"
                  maxLength={40}
                  value={name}
                  onInput={(e) => setName(e.currentTarget.value)}
                />
                <datalist id="bulk-tag-names">
                  {tags.map((tag) => (
                    <option key={tag.id} value={tag.name} />
                  ))}
                </datalist>
              </label>
              <p class="muted hint">
                {!name.trim()
                  ? t('lists.bulk.hint')
                  : existing
                    ? ''
                    : action === 'add'
                      ? t('lists.bulk.willCreate', { tag: name.trim() })
                      : t('lists.bulk.noSuchTag', { tag: name.trim() })}
              </p>
              <button type="submit" class="primary" data-bl="bulk-tag-next" disabled={!name.trim() || (action === 'remove' && !existing)}>
                {t('lists.bulk.next')}
              </button>
              <button type="button" onClick={() => setStep('closed')}>
                {t('lists.cancel')}
              </button>
            </form>
          ) : (
            <div>
              <p data-bl="bulk-tag-question">
                {t(action === 'add' ? 'lists.bulk.confirmAdd' : 'lists.bulk.confirmRemove', {
                  tag: existing?.name ?? name.trim(),
                  n: confirmed.current?.matched ?? n,
                })}
              </p>
              {step === 'working' && <progress class="bar-progress" aria-label={t('lists.bulk.working')} />}
              <button type="button" class="primary" ref={confirmButton} data-bl="bulk-tag-confirm" disabled={step === 'working'} onClick={() => void apply()}>
                {t(action === 'add' ? 'lists.bulk.confirmAddButton' : 'lists.bulk.confirmRemoveButton', { n: confirmed.current?.matched ?? n })}
              </button>
              <button type="button" disabled={step === 'working'} onClick={() => setStep('choose')}>
                {t('lists.back')}
              </button>
            </div>
          )}
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
      <span class="bulk-status" role="status" data-bl="bulk-status">
        {status}
      </span>
    </div>
  );
}
