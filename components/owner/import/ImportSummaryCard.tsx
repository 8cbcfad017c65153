import type { ImportSummary } from '@/lib/model/owner';
import { useUi } from '../../ui-context';
import { useOwnerT } from '../owner-ui';

/** What a committed import changed, and where to go about possible duplicates. */
export function ImportSummaryCard({ summary, rows, shopName }: { summary: ImportSummary; rows: number; shopName: string }) {
  const t = useOwnerT();
  const { language } = useUi();
  const n = (v: number) => v.toLocaleString(language);
  return (
    <div class="import-summary" data-bl="import-summary" role="status">
      <h3>{t('importUi.summary.title', { shop: shopName, rows, seconds: (summary.ms / 1000).toFixed(1) })}</h3>
      <table class="summary-table">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{t('importUi.summary.added')}</th>
            <th scope="col">{t('importUi.summary.updated')}</th>
            <th scope="col">{t('importUi.summary.unchanged')}</th>
          </tr>
        </thead>
        <tbody>
          <tr data-bl="import-summary-orders">
            <th scope="row">{t('importUi.summary.orders')}</th>
            <td class="num">{n(summary.orders.added)}</td>
            <td class="num">{n(summary.orders.updated)}</td>
            <td class="num">{n(summary.orders.unchanged)}</td>
          </tr>
          <tr data-bl="import-summary-customers">
            <th scope="row">{t('importUi.summary.customers')}</th>
            <td class="num">{n(summary.customers.added)}</td>
            <td class="num">{n(summary.customers.updated)}</td>
            <td class="num">{n(summary.customers.unchanged)}</td>
          </tr>
        </tbody>
      </table>
      <p>
        <button type="button" class="primary" data-bl="import-to-customers" onClick={() => (location.hash = '#customers')}>
          {t('importUi.summary.seeCustomers')}
        </button>
      </p>
      {summary.skippedForgotten > 0 && <p class="muted">{t('importUi.summary.skippedForgotten', { count: summary.skippedForgotten })}</p>}
      {summary.possibleDuplicates > 0 && (
        <p>
          {t('importUi.summary.duplicates', { count: summary.possibleDuplicates })}{' '}
          <button type="button" data-bl="import-to-duplicates" onClick={() => (location.hash = '#data')}>
            {t('importUi.summary.reviewDuplicates')}
          </button>
        </p>
      )}
    </div>
  );
}
