import { formatMoney } from '@/lib/i18n';
import type { OrderView } from '@/lib/model/views';
import { useUi } from './ui-context';

const WIDTH = 300;
const HEIGHT = 64;
const MONTHS = 12;

export interface MonthSpend {
  /** 'YYYY-MM' */
  readonly month: string;
  readonly amountMinor: number;
  readonly orders: number;
}

/** Counted spend per calendar month for the last `months` months up to the latest order. */
export function monthlySpend(orders: readonly OrderView[], currency: string, months = MONTHS): MonthSpend[] {
  const dated = orders.filter((o) => o.counted && o.placedAt && o.total?.currency === currency);
  if (!dated.length) return [];
  const monthOf = (iso: string) => iso.slice(0, 7);
  const latest = dated.map((o) => monthOf(o.placedAt!)).sort().at(-1)!;
  let [year, month] = latest.split('-').map(Number) as [number, number];
  const buckets: MonthSpend[] = [];
  for (let i = 0; i < months; i++) {
    buckets.unshift({ month: `${year}-${String(month).padStart(2, '0')}`, amountMinor: 0, orders: 0 });
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  const index = new Map(buckets.map((b, i) => [b.month, i]));
  for (const o of dated) {
    const i = index.get(monthOf(o.placedAt!));
    if (i === undefined) continue;
    const b = buckets[i]!;
    buckets[i] = { ...b, amountMinor: b.amountMinor + o.total!.amountMinor, orders: b.orders + 1 };
  }
  return buckets;
}

/**
 * A year of spend as bars: a picture of when this buyer buys. Hand-drawn SVG on purpose: a
 * chart library would triple the content script for twelve rectangles.
 */
export function SpendChart({ orders, currency }: { orders: readonly OrderView[]; currency: string }) {
  const { t, language } = useUi();
  const months = monthlySpend(orders, currency);
  if (!months.length) return null;
  const max = Math.max(...months.map((m) => m.amountMinor), 1);
  const barWidth = WIDTH / months.length;
  const label = t('profile.spendChart', {
    total: formatMoney(
      months.reduce((s, m) => s + m.amountMinor, 0),
      currency,
      language,
    ),
  });
  return (
    <figure class="chart" data-bl="spend-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT + 14}`} width="100%" role="img" aria-label={label}>
        {months.map((m, i) => {
          const h = m.amountMinor ? Math.max(2, Math.round((m.amountMinor / max) * HEIGHT)) : 0;
          return (
            <g key={m.month}>
              <rect x={i * barWidth + 2} y={HEIGHT - h} width={barWidth - 4} height={h} rx={2} class={m.amountMinor ? 'bar' : 'bar empty'}>
                <title>{`${m.month}: ${formatMoney(m.amountMinor, currency, language)} · ${m.orders}`}</title>
              </rect>
              <rect x={i * barWidth + 2} y={HEIGHT} width={barWidth - 4} height={1} class="axis" />
              {(i === 0 || i === months.length - 1) && (
                <text x={i * barWidth + barWidth / 2} y={HEIGHT + 12} text-anchor="middle" class="tick">
                  {m.month.slice(2).replace('-', '/')}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption class="muted">{label}</figcaption>
    </figure>
  );
}
