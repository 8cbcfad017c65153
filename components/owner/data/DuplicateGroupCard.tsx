import type { OwnerKey } from '@/lib/i18n/owner';
import { formatDate, formatMoney } from '@/lib/i18n';
import type { DuplicateGroup } from '@/lib/model/owner';
import { useUi } from '../../ui-context';
import { useOwnerT } from '../owner-ui';

/** Customers that may be one person: why they look alike, who they are, and a way to merge them. */
export function DuplicateGroupCard({ group, onMerge }: { group: DuplicateGroup; onMerge: () => void }) {
  const t = useOwnerT();
  const { language } = useUi();
  return (
    <li class="duplicate-group" data-bl="duplicate-group">
      <div class="group-head">
        <span>{t(`dataUi.dup.reason.${group.reason}` as OwnerKey, { value: group.value })}</span>
        <button type="button" data-bl="merge-open" onClick={onMerge}>
          {t('dataUi.dup.merge')}
        </button>
      </div>
      <table class="dup-table">
        <thead>
          <tr>
            <th scope="col">{t('dataUi.dup.name')}</th>
            <th scope="col">{t('dataUi.dup.keys')}</th>
            <th scope="col" class="num">{t('dataUi.dup.ordersHeading')}</th>
            <th scope="col" class="num">{t('dataUi.dup.spent')}</th>
            <th scope="col">{t('dataUi.dup.lastOrder')}</th>
          </tr>
        </thead>
        <tbody>
          {group.customers.map((c) => (
            <tr key={c.id}>
              <td>{c.displayName}</td>
              <td class="keys">{c.keys.join(' · ')}</td>
              <td class="num">{c.orderCount.toLocaleString(language)}</td>
              <td class="num">{c.currency ? formatMoney(c.totalMinor, c.currency, language) : c.orderCount ? (c.totalMinor / 100).toLocaleString(language) : '—'}</td>
              <td>{c.lastAt ? formatDate(c.lastAt, language) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </li>
  );
}
