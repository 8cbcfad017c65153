import { formatDate, formatMoney, isMessageKey } from '@/lib/i18n';
import type { MarkerView } from '@/lib/model/views';
import { useUi } from './ui-context';

/**
 * The buyer's lifecycle stage (the dot's colour) and RFM group (the label), compact enough for
 * an order row. Hover or keyboard focus shows the figures behind it.
 */
export function BuyerMarker({ marker }: { marker: MarkerView }) {
  const { t, language } = useUi();
  const name = (key: string) => (isMessageKey(key) ? t(key) : key);
  const stage = name(`stage.${marker.stage}`);
  const group = name(`group.${marker.group}`);
  const summary = t('marker.summary', {
    orders: marker.orderCount,
    spent: formatMoney(marker.totalMinor, marker.currency ?? 'CNY', language),
    last: marker.lastAt !== undefined ? formatDate(marker.lastAt, language) : '—',
  });
  const scores = marker.rfm ? t('marker.scores', marker.rfm) : '';
  return (
    <span class="marker-wrap">
      <button type="button" class={`marker g-${marker.group}`} data-bl="marker" aria-label={[`${stage} · ${group}`, summary, scores].filter(Boolean).join('. ')}>
        <span class={`stage-dot s-${marker.stage}`} aria-hidden="true" />
        {group}
      </button>
      <span class="tip" role="tooltip" data-bl="marker-tip">
        <b>
          {stage} · {group}
        </b>
        <br />
        {summary}
        {scores && (
          <>
            <br />
            {scores}
          </>
        )}
      </span>
    </span>
  );
}
