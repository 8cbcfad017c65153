import { useState } from 'preact/hooks';
import type { SuggestionView } from '@/lib/model/views';
import { errorText } from './error-text';
import { formatReason } from './format-reason';
import { useUi } from './ui-context';

export interface ActionListProps {
  readonly suggestions: readonly SuggestionView[];
  /** Remember the choice for this buyer; the suggestion returns only when its facts change. */
  readonly onMark: (suggestion: SuggestionView, state: 'done' | 'dismissed') => Promise<void>;
}

/** Suggested next actions, ranked, each with why in plain words and a way to close it. */
export function ActionList({ suggestions, onMark }: ActionListProps) {
  const { t, language } = useUi();
  // Several suggestions may be out at once: each keeps its buttons off until its own call ends.
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState('');

  if (!suggestions.length) return <p class="muted">{t('profile.noActions')}</p>;

  const mark = async (s: SuggestionView, state: 'done' | 'dismissed') => {
    if (busy.has(s.ruleId)) return;
    setBusy((b) => new Set(b).add(s.ruleId));
    setError('');
    try {
      await onMark(s, state);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy((b) => {
        const next = new Set(b);
        next.delete(s.ruleId);
        return next;
      });
    }
  };

  return (
    <>
      <ol class="actions">
        {suggestions.map((s) => (
          <li key={s.ruleId} class={`action k-${s.kind}`} data-bl="action" data-rule={s.ruleId}>
            <div class="action-text" data-bl="action-text">
              {s.action}
            </div>
            <ul class="reasons">
              {s.reasons.map((r, i) => (
                <li key={i}>{formatReason(r, t, language)}</li>
              ))}
            </ul>
            <div class="row">
              <button type="button" class="btn btn-light" data-bl="action-dismiss" disabled={busy.has(s.ruleId)} onClick={() => void mark(s, 'dismissed')}>
                {t('action.dismiss')}
              </button>
              <button type="button" class="btn btn-primary" data-bl="action-done" disabled={busy.has(s.ruleId)} onClick={() => void mark(s, 'done')}>
                {t('action.done')}
              </button>
            </div>
          </li>
        ))}
      </ol>
      {error && (
        <div class="error" role="alert">
          {error}
        </div>
      )}
    </>
  );
}
