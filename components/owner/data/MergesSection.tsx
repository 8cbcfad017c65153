import { useEffect, useState } from 'preact/hooks';
import { formatDateTime } from '@/lib/i18n';
import { call } from '@/lib/rpc/owner-client';
import type { RpcReply } from '@/lib/rpc/protocol';
import { useUi } from '../../ui-context';
import { errorText, useOwnerT } from '../owner-ui';
import type { ShopSummary } from '../shops';

type Merges = RpcReply<'merges.list'>;

/** Merges not yet synced to the team: each can still be taken back. */
export function MergesSection({ shop, version, onUndone }: { shop: ShopSummary; version: number; onUndone: () => void }) {
  const t = useOwnerT();
  const { language } = useUi();
  const [merges, setMerges] = useState<Merges | undefined>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState('');

  useEffect(() => {
    let live = true;
    call('merges.list', { shopId: shop.shopId })
      .then((m) => live && setMerges(m))
      .catch((err: unknown) => live && setError(errorText(err, t)));
    return () => {
      live = false;
    };
  }, [shop.shopId, version]);

  const undo = async (mergeId: string) => {
    setBusy(mergeId);
    setError('');
    try {
      const { undone } = await call('customers.unmerge', { mergeId });
      if (!undone) setError(t('dataUi.undo.tooLate'));
      onUndone();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy('');
    }
  };

  return (
    <section class="card" aria-labelledby="merges-title" data-bl="merges">
      <h2 id="merges-title">{t('dataUi.undo.title')}</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {merges?.length === 0 && <p class="muted">{t('dataUi.undo.empty')}</p>}
      {merges && merges.length > 0 && (
        <>
          <p class="muted">{t('dataUi.undo.intro')}</p>
          <ul class="sites">
            {merges.map((m) => (
              <li key={m.mergeId} data-bl="merge-item">
                <span>{t('dataUi.undo.item', { name: m.survivorName, count: m.merged, at: formatDateTime(m.at, language) })}</span>
                <button type="button" data-bl="merge-undo" disabled={busy !== ''} onClick={() => void undo(m.mergeId)}>
                  {busy === m.mergeId ? t('dataUi.undo.working') : t('dataUi.undo.button')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
