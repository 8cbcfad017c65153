import { useState } from 'preact/hooks';
import { useRole, can } from '../role';
import type { ShopSummary } from './shops';
import { useOwnerT } from './owner-ui';
import { BackupSection } from './data/BackupSection';
import { DuplicatesSection } from './data/DuplicatesSection';
import { MergesSection } from './data/MergesSection';
import { RestoreSection } from './data/RestoreSection';
import './import/import.css';
import './data/data.css';

/** Backup and restore, possible duplicates to merge, merges to undo. */
export function DataView({ shop, inTeam = false }: { shop?: ShopSummary; inTeam?: boolean }) {
  const t = useOwnerT();
  const role = useRole();
  // Agents neither export (a backup is everything) nor merge: they are not offered either.
  const mayBackUp = can(role, 'export');
  const mayMerge = can(role, 'customer.merge');
  // A merge changes the undo list and an undo brings duplicates back: both lists follow it.
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  return (
    <div class="data-view" data-bl="data-view">
      {/* Safety first: keeping a copy matters more than tidying, and merges can still be undone above the list that makes them. */}
      {mayBackUp && <BackupSection />}
      {/* A restore would replace the shared book behind the team's back (the background refuses it too). */}
      {inTeam ? (
        <p class="muted" data-bl="data-restore-in-team">
          {t('roles.restoreInTeam')}
        </p>
      ) : (
        <RestoreSection />
      )}
      {!mayMerge ? (
        <p class="muted" data-bl="data-agent">
          {t('roles.agentNoBackup')}
        </p>
      ) : shop ? (
        <>
          <MergesSection key={`m-${shop.shopId}`} shop={shop} version={version} onUndone={bump} />
          <DuplicatesSection key={`d-${shop.shopId}`} shop={shop} version={version} onMerged={bump} />
        </>
      ) : (
        <section class="card empty">
          <h2>{t('dataUi.noShop.title')}</h2>
          <p class="muted">{t('dataUi.noShop.text')}</p>
          {can(role, 'import.records') && (
            <button type="button" class="primary" onClick={() => (location.hash = '#import')}>
              {t('dataUi.noShop.import')}
            </button>
          )}
        </section>
      )}
    </div>
  );
}
