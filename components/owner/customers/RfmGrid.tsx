import type { Dashboard } from '@/lib/model/owner';
import { useUi } from '../../ui-context';
import { useOwnerT } from '../owner-ui';
import { money } from './format';

const SCORES = [1, 2, 3, 4, 5] as const;

/**
 * Recency × frequency as a heat map: the darker a cell, the more customers in it. Recency runs
 * top (5, bought lately) to bottom; frequency left (1, bought once) to right, so the best
 * customers sit top right and the slipping regulars bottom right, where an owner looks for them.
 */
export function RfmGrid({ dashboard, onPick }: { dashboard: Dashboard; onPick: (r: number, f: number) => void }) {
  const t = useOwnerT();
  const { language } = useUi();
  const cells = new Map(dashboard.rfmGrid.map((c) => [`${c.r}:${c.f}`, c]));
  const max = Math.max(1, ...dashboard.rfmGrid.map((c) => c.customers));
  return (
    <figure class="picture rfm">
      <figcaption>{t('lists.rfm.title')}</figcaption>
      <table class="rfm-grid">
        <caption class="sr">{t('lists.rfm.caption')}</caption>
        <thead>
          <tr>
            <td />
            {SCORES.map((f) => (
              <th key={f} scope="col">
                {t('lists.rfm.fShort', { f })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...SCORES].reverse().map((r) => (
            <tr key={r}>
              <th scope="row">{t('lists.rfm.rShort', { r })}</th>
              {SCORES.map((f) => {
                const cell = cells.get(`${r}:${f}`);
                const customers = cell?.customers ?? 0;
                const revenue = money(cell?.revenueMinor ?? 0, dashboard.currency, language);
                // Square root: a few crowded cells must not wash every other cell out to white.
                const strength = Math.sqrt(customers / max);
                return (
                  <td key={f}>
                    <button
                      type="button"
                      class={`rfm-cell${strength > 0.55 ? ' dark' : ''}`}
                      data-bl="rfm-cell"
                      data-r={r}
                      data-f={f}
                      disabled={!customers}
                      style={{ background: customers ? `rgba(37, 99, 235, ${0.08 + 0.82 * strength})` : undefined }}
                      aria-label={t('lists.rfm.cell', { r, f, customers, revenue })}
                      onClick={() => onPick(r, f)}
                    >
                      <span class="n">{customers.toLocaleString(language)}</span>
                      {customers > 0 && <span class="rev">{revenue}</span>}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="axis muted" aria-hidden="true">
        {t('lists.rfm.axes')}
      </p>
    </figure>
  );
}
