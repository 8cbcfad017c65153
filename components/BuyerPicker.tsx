import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from './error-text';
import { useUi } from './ui-context';

export interface BuyerHit {
  readonly customerId: string;
  readonly displayName: string;
  readonly key: string;
}

export interface BuyerPickerProps {
  readonly search: (query: string) => Promise<BuyerHit[]>;
  readonly onPick: (hit: BuyerHit) => void;
}

const SEARCH_DELAY_MS = 200;

/**
 * When the page does not say who the buyer is (a chat workbench whose markup we cannot read),
 * the agent finds them by name or platform key instead.
 */
export function BuyerPicker({ search, onPick }: BuyerPickerProps) {
  const { t } = useUi();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<BuyerHit[] | undefined>();
  const [error, setError] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    clearTimeout(timer.current);
    setError(''); // a new search: an earlier failure no longer applies
    const q = query.trim();
    if (!q) return setHits(undefined);
    let current = true;
    timer.current = setTimeout(() => {
      search(q)
        .then((found) => current && setHits(found))
        .catch((err: unknown) => current && setError(errorText(err, t)));
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer.current);
    };
  }, [query]);

  return (
    <div class="section picker" data-bl="buyer-picker">
      <p class="muted">{t('picker.intro')}</p>
      <input
        type="search"
        data-bl="buyer-search"
        aria-label={t('picker.label')}
        placeholder={t('picker.placeholder')}
        value={query}
        maxLength={100}
        onInput={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => e.stopPropagation()}
        onKeyUp={(e) => e.stopPropagation()}
        onKeyPress={(e) => e.stopPropagation()}
      />
      {error && (
        <div class="error" role="alert">
          {error}
        </div>
      )}
      {hits && (
        <ul class="hits" aria-live="polite">
          {hits.length === 0 && <li class="muted">{t('picker.none')}</li>}
          {hits.map((hit) => (
            <li key={hit.customerId}>
              <button type="button" class="hit" data-bl="buyer-hit" onClick={() => onPick(hit)}>
                <b>{hit.displayName}</b> <span class="muted">{hit.key}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
