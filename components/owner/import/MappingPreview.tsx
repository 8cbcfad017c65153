import { useMemo } from 'preact/hooks';
import { mapGeneric, type ColumnMapping, type DateFormat, type Row } from '@/lib/io/import';
import { formatMoney } from '@/lib/i18n';
import { useUi } from '../../ui-context';
import { useOwnerT } from '../owner-ui';
import { problemText } from './problems-csv';

const SHOWN = 8;

/**
 * The first rows of the file read with the current choices, exactly as the import will read
 * them (same mapper), with the problems each row would have: a wrong column shows here, before
 * anything is imported.
 */
export function MappingPreview({
  rows,
  mapping,
  dateFormat,
  currency,
  utcOffset,
}: {
  rows: readonly Row[];
  mapping: ColumnMapping;
  dateFormat: DateFormat;
  currency?: string;
  utcOffset?: string;
}) {
  const t = useOwnerT();
  const { language } = useUi();
  const result = useMemo(
    () => mapGeneric(rows, mapping, { dateFormat, ...(currency ? { currency } : {}), ...(utcOffset ? { utcOffset } : {}) }),
    [rows, mapping, dateFormat, currency, utcOffset],
  );
  const asOrders = mapping.orderId !== undefined;
  return (
    <div class="mapping-preview" data-bl="mapping-preview" aria-live="polite">
      <h3>{t('importUi.mapping.previewTitle')}</h3>
      {asOrders ? (
        <div class="table-scroll">
          <table class="preview-table">
            <thead>
              <tr>
                <th scope="col">{t('importUi.field.orderId')}</th>
                <th scope="col">{t('importUi.field.buyer')}</th>
                <th scope="col">{t('importUi.field.displayName')}</th>
                <th scope="col">{t('importUi.field.placedAt')}</th>
                <th scope="col">{t('importUi.field.total')}</th>
                <th scope="col">{t('importUi.field.status')}</th>
                <th scope="col">{t('importUi.mapping.items')}</th>
              </tr>
            </thead>
            <tbody>
              {result.orders.slice(0, SHOWN).map((o) => (
                <tr key={o.orderId} data-bl="mapping-preview-row">
                  <td>{o.orderId}</td>
                  <td>{o.buyer.key}</td>
                  <td>{o.buyer.displayName}</td>
                  <td>{o.placedAt ?? '—'}</td>
                  <td class="num">{o.total ? formatMoney(o.total.amountMinor, o.total.currency, language) : '—'}</td>
                  <td>{o.status ?? '—'}</td>
                  <td>{o.items?.map((i) => `${i.name} × ${i.quantity}`).join('; ') ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div class="table-scroll">
          <table class="preview-table">
            <thead>
              <tr>
                <th scope="col">{t('importUi.field.buyer')}</th>
                <th scope="col">{t('importUi.field.displayName')}</th>
                <th scope="col">{t('importUi.field.email')}</th>
                <th scope="col">{t('importUi.field.phone')}</th>
                <th scope="col">{t('importUi.field.tags')}</th>
              </tr>
            </thead>
            <tbody>
              {result.customers.slice(0, SHOWN).map((c, i) => (
                <tr key={i} data-bl="mapping-preview-row">
                  <td>{c.buyer.key}</td>
                  <td>{c.buyer.displayName}</td>
                  <td>{c.email ?? '—'}</td>
                  <td>{c.phone ?? '—'}</td>
                  <td>{c.tags?.join(', ') ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.orders.length + result.customers.length === 0 && <p class="muted">{t('importUi.mapping.previewEmpty')}</p>}
      {result.problems.length > 0 && (
        <ul class="problems" data-bl="mapping-preview-problems">
          {result.problems.slice(0, SHOWN).map((p, i) => (
            <li key={i}>{problemText(p, t)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
