import { formatDate, formatMoney, isMessageKey } from '@/lib/i18n';
import type { Money } from '@/lib/model/sighting';
import type { InsightView } from '@/lib/model/views';
import { formatReason } from './format-reason';
import { useUi } from './ui-context';

export interface InsightSummaryProps {
  readonly insight: InsightView;
  /** Counted orders and their sums per currency, as the profile lists them. */
  readonly orderCount: number;
  readonly totalSpent: readonly Money[];
}

/** Stage and RFM group with their reasons, the R/F/M scores, and the buyer's totals. */
export function InsightSummary({ insight, orderCount, totalSpent }: InsightSummaryProps) {
  const { t, language } = useUi();
  const name = (key: string) => (isMessageKey(key) ? t(key) : key);
  const money = (minor: number | undefined) => (minor === undefined ? '—' : formatMoney(minor, insight.currency ?? 'CNY', language));
  const date = (ms: number | undefined) => (ms === undefined ? '—' : formatDate(ms, language));

  return (
    <>
      <div class="badges">
        <span class={`badge s-${insight.stage}`} data-bl="stage">
          {name(`stage.${insight.stage}`)}
        </span>
        <span class={`badge g-${insight.group}`} data-bl="rfm-group">
          {name(`group.${insight.group}`)}
        </span>
        {insight.rfm && (
          <span class="scores" data-bl="rfm-scores" aria-label={t('profile.rfmScores', insight.rfm)}>
            {(['r', 'f', 'm'] as const).map((k) => (
              <span key={k} class="score" title={t(`profile.score.${k}`)}>
                <b>{k.toUpperCase()}</b>
                {insight.rfm![k]}
              </span>
            ))}
          </span>
        )}
      </div>
      <ul class="reasons" data-bl="insight-reasons">
        <li>{formatReason(insight.stageReason, t, language)}</li>
        <li>{formatReason(insight.groupReason, t, language)}</li>
      </ul>
      <dl class="facts">
        <div class="stat">
          <dt class="stat-label">{t('profile.orders')}</dt>
          <dd class="stat-value" data-bl="order-count">
            {orderCount.toLocaleString(language)}
          </dd>
        </div>
        <div class="stat">
          <dt class="stat-label">{t('profile.totalSpent')}</dt>
          <dd class="stat-value" data-bl="total-spent">
            {totalSpent.length
              ? totalSpent.map((m) => formatMoney(m.amountMinor, m.currency, language)).join(' + ')
              : formatMoney(0, insight.currency ?? 'CNY', language)}
          </dd>
        </div>
        <div class="stat">
          <dt class="stat-label">{t('profile.aov')}</dt>
          <dd class="stat-value small" data-bl="aov">
            {money(insight.avgOrderMinor)}
          </dd>
        </div>
        <div class="stat">
          <dt class="stat-label">{t('profile.cycle')}</dt>
          <dd class="stat-value small" data-bl="cycle">
            {insight.cycleDays !== undefined ? t('profile.everyDays', { days: insight.cycleDays }) : '—'}
          </dd>
        </div>
        <div class="stat">
          <dt class="stat-label">{t('profile.firstOrder')}</dt>
          <dd class="stat-value small">{date(insight.firstAt)}</dd>
        </div>
        <div class="stat">
          <dt class="stat-label">{t('profile.lastOrder')}</dt>
          <dd class="stat-value small" data-bl="last-order">
            {date(insight.lastAt)}
            {insight.recencyDays !== undefined && <span class="muted"> · {t('profile.daysAgo', { days: insight.recencyDays })}</span>}
          </dd>
        </div>
        {insight.nextExpectedAt !== undefined && (
          <div class="stat wide">
            <dt class="stat-label">{t('profile.nextExpected')}</dt>
            <dd class="stat-value small" data-bl="next-expected">
              {date(insight.nextExpectedAt)}
            </dd>
          </div>
        )}
      </dl>
      {insight.unknownTotalOrders > 0 && <p class="muted">{t('profile.unknownTotals', { count: insight.unknownTotalOrders })}</p>}
    </>
  );
}
