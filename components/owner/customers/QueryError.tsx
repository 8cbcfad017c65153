import type { SegmentError } from '@/lib/segments';
import { useOwnerT } from '../owner-ui';
import { applySuggestion } from './query-edit';

/**
 * A query error pointing at the character: the query again in the editor's monospace font with
 * the faulty span underlined and carets under it, the message, and a "did you mean" fix.
 */
export function QueryError({ text, error, onFix }: { text: string; error: SegmentError; onFix: (text: string) => void }) {
  const t = useOwnerT();
  const tr = t as (key: string, params?: Record<string, string | number>) => string;
  const start = Math.min(error.start, text.length);
  const end = Math.max(start, Math.min(error.end, text.length));
  // An error at the very end (a missing value) points at the space after the text.
  const width = Math.max(1, end - start);
  return (
    <div class="seg-error" role="alert" data-bl="segment-error">
      <pre class="seg-echo" aria-hidden="true">
        {text.slice(0, start)}
        <mark>{end > start ? text.slice(start, end) : ' '}</mark>
        {text.slice(end)}
        {'\n'}
        <span class="caret">{' '.repeat(start) + '^'.repeat(width)}</span>
      </pre>
      <p class="error">
        <span class="sr">{t('lists.editor.errorAt', { column: start + 1 })} </span>
        {tr(error.message, error.params)}
        {error.suggestion !== undefined && (
          <>
            {' '}
            <button
              type="button"
              class="link"
              data-bl="segment-fix"
              onClick={() => onFix(applySuggestion(text, error.start, error.end, error.suggestion!))}
            >
              {t('segment.error.didYouMean', { suggestion: error.suggestion })}
            </button>
          </>
        )}
      </p>
    </div>
  );
}
