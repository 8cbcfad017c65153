import type { Dashboard } from '@/lib/model/owner';
import { useUi } from '../../ui-context';
import { useOwnerT } from '../owner-ui';
import { money, monthName } from './format';

/**
 * Counted revenue per month as columns. A column is a button: it narrows everything to the
 * customers who ordered that month; the chosen month is pressed, and a second press lets go.
 */
export function RevenueChart({ dashboard, month, onPick }: { dashboard: Dashboard; month: string | undefined; onPick: (month: string | undefined) => void }) {
  const t = useOwnerT();
  const { language } = useUi();
  const max = Math.max(1, ...dashboard.months.map((m) => m.revenueMinor));
  return (
    <figure class="picture revenue">
      <figcaption>
        {t('lists.revenue.title')}
        <span class="muted"> · {t('lists.revenue.total', { revenue: money(dashboard.revenueMinor, dashboard.currency, language) })}</span>
      </figcaption>
      {dashboard.months.length === 0 ? (
        <p class="muted">{t('lists.revenue.none')}</p>
      ) : (
        <div class="columns" role="group" aria-label={t('lists.revenue.title')}>
          <span class="top muted" aria-hidden="true">
            {money(max, dashboard.currency, language)}
          </span>
          {dashboard.months.map((m) => {
            const name = monthName(m.month, language, 'long');
            return (
              <button
                key={m.month}
                type="button"
                class="column"
                data-bl="month-bar"
                data-month={m.month}
                aria-pressed={m.month === month}
                aria-label={t('lists.revenue.bar', { month: name, revenue: money(m.revenueMinor, dashboard.currency, language), orders: m.orders, customers: m.customers })}
                title={`${name}: ${money(m.revenueMinor, dashboard.currency, language)}`}
                onClick={() => onPick(m.month === month ? undefined : m.month)}
              >
                <span class="fill" style={{ height: `${Math.max(1, (Math.max(0, m.revenueMinor) / max) * 100)}%` }} />
                <span class="tick" aria-hidden="true">
                  {tickOf(m.month)}
                </span>
              </button>
            );
          })}
        </div>
      )}
    </figure>
  );
}

/**
 * Up to 24 narrow columns leave no room for a label each: the year under January and the
 * month number under each quarter's start, so labels never overlap; every column still names
 * its month in its accessible label and tooltip.
 */
export function tickOf(month: string): string {
  const mm = month.slice(5);
  if (mm === '01') return month.slice(0, 4);
  return mm === '04' || mm === '07' || mm === '10' ? mm : '';
}
