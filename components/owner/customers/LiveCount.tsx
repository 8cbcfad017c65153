import { useEffect, useRef, useState } from 'preact/hooks';
import { call } from '@/lib/rpc/owner-client';
import type { CustomerFilter } from '@/lib/model/owner';
import { errorText, useOwnerT } from '../owner-ui';

/** How long typing must pause before the count is asked for. */
export const COUNT_DEBOUNCE_MS = 200;

/**
 * "1,234 of 56,789 customers" for the query being typed. Debounced, and only the reply to the
 * latest request is shown: a slow count for an older query must never overwrite a newer one.
 */
export function LiveCount({ shopId, filter, version }: { shopId: string; filter: CustomerFilter | undefined; version: number }) {
  const t = useOwnerT();
  const [figures, setFigures] = useState<{ total: number; all: number } | undefined>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);
  const key = filter ? JSON.stringify(filter) : '';

  useEffect(() => {
    const ticket = ++latest.current;
    if (!filter) {
      setBusy(false);
      return;
    }
    setBusy(true);
    const timer = setTimeout(() => {
      call('customers.query', { shopId, filter, limit: 0 }).then(
        (reply) => {
          if (ticket !== latest.current) return;
          setFigures({ total: reply.total, all: reply.all });
          setError('');
          setBusy(false);
        },
        (err: unknown) => {
          if (ticket !== latest.current) return;
          setError(errorText(err, t));
          setBusy(false);
        },
      );
    }, COUNT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [shopId, key, version]);

  return (
    <output class={`seg-count${busy || !filter ? ' stale' : ''}`} data-bl="segment-count" aria-live="polite" aria-busy={busy}>
      {error ? (
        <span class="error">{error}</span>
      ) : figures ? (
        t('lists.count', { matched: figures.total, all: figures.all })
      ) : (
        '…'
      )}
    </output>
  );
}
