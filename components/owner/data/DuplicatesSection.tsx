import { useEffect, useState } from 'preact/hooks';
import type { DuplicateGroup } from '@/lib/model/owner';
import { call } from '@/lib/rpc/owner-client';
import { errorText, useOwnerT } from '../owner-ui';
import type { ShopSummary } from '../shops';
import { DuplicateGroupCard } from './DuplicateGroupCard';
import { MergeDialog } from './MergeDialog';
import { mergeRequest, type MergeChoice } from './merge-choice';

/** The shop's customers that may be one person, each group with a merge. */
export function DuplicatesSection({ shop, version, onMerged }: { shop: ShopSummary; version: number; onMerged: () => void }) {
  const t = useOwnerT();
  const [groups, setGroups] = useState<DuplicateGroup[] | undefined>();
  const [error, setError] = useState('');
  const [open, setOpen] = useState<DuplicateGroup | undefined>();
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState('');
  const [notice, setNotice] = useState('');
  const [shown, setShown] = useState(GROUPS_PAGE);

  useEffect(() => {
    let live = true;
    setError('');
    call('customers.duplicates', { shopId: shop.shopId })
      .then((g) => live && setGroups(rankGroups(g)))
      .catch((err: unknown) => live && setError(errorText(err, t)));
    return () => {
      live = false;
    };
  }, [shop.shopId, version]);

  const merge = async (group: DuplicateGroup, choice: MergeChoice) => {
    setBusy(true);
    setDialogError('');
    try {
      await call('customers.merge', mergeRequest(shop.shopId, group.customers, choice));
      setOpen(undefined);
      setNotice(t('dataUi.merge.done', { count: group.customers.length }));
      onMerged();
    } catch (err) {
      setDialogError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="dup-title" data-bl="duplicates">
      <h2 id="dup-title">{t('dataUi.dup.title', { shop: shop.name })}</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p class="saved" role="status">
          {notice}
        </p>
      )}
      {groups === undefined && !error && <p class="muted">…</p>}
      {groups?.length === 0 && <p class="muted" data-bl="duplicates-empty">{t('dataUi.dup.empty')}</p>}
      {groups && groups.length > 0 && (
        <>
          <p class="muted">{t('dataUi.dup.intro', { count: groups.length })}</p>
          <ul class="duplicate-groups">
            {groups.slice(0, shown).map((g) => (
              <DuplicateGroupCard
                key={g.customers.map((c) => c.id).join('|')}
                group={g}
                onMerge={() => {
                  setDialogError('');
                  setOpen(g);
                }}
              />
            ))}
          </ul>
          {groups.length > shown && (
            <button type="button" data-bl="duplicates-more" onClick={() => setShown((n) => n + GROUPS_PAGE)}>
              {t('dataUi.dup.more', { count: Math.min(GROUPS_PAGE, groups.length - shown), left: groups.length - shown })}
            </button>
          )}
        </>
      )}
      {open && <MergeDialog customers={open.customers} busy={busy} error={dialogError} onMerge={(c) => void merge(open, c)} onClose={() => setOpen(undefined)} />}
    </section>
  );
}

const GROUPS_PAGE = 10;
const STRENGTH: Record<DuplicateGroup['reason'], number> = { email: 0, phone: 1, name: 2 };

/**
 * Strongest evidence first: a shared e-mail or phone almost always is one person, a shared name
 * (common in Chinese shops: 王军, 李娜) often is not. Within a reason, bigger groups first.
 */
export function rankGroups(groups: readonly DuplicateGroup[]): DuplicateGroup[] {
  return [...groups].sort((a, b) => STRENGTH[a.reason] - STRENGTH[b.reason] || b.customers.length - a.customers.length);
}
