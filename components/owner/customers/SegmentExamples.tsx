import { quote } from '@/lib/segments';
import { useOwnerT } from '../owner-ui';
import type { OwnerKey } from '@/lib/i18n/owner';

/** Ready-made queries under an empty editor: the quickest way to learn the language is to see it. */
export function SegmentExamples({ tags, onPick }: { tags: readonly string[]; onPick: (query: string) => void }) {
  const t = useOwnerT();
  const examples: { label: string; query: string }[] = (
    [
      ['lists.example.lapsedSpenders', 'amount_spent >= 500 AND last_order_date < -60d'],
      ['lists.example.atRisk', "lifecycle = 'at_risk'"],
      ['lists.example.champions', "rfm_group = 'champions'"],
      ['lists.example.newBuyers', 'first_order_date >= -30d'],
      ['lists.example.repeat', 'number_of_orders >= 3'],
    ] as [OwnerKey, string][]
  ).map(([key, query]) => ({ label: t(key), query }));
  const vip = tags.find((name) => /vip/i.test(name)) ?? tags[0];
  if (vip) examples.splice(2, 0, { label: t('lists.example.tagged', { tag: vip }), query: `customer_tags CONTAINS ${quote(vip)}` });
  return (
    <div class="seg-examples" role="group" aria-label={t('lists.example.title')}>
      <span class="muted">{t('lists.example.title')}</span>
      {examples.map((ex) => (
        <button key={ex.query} type="button" class="chip example" title={ex.query} data-bl="segment-example" onClick={() => onPick(ex.query)}>
          {ex.label}
        </button>
      ))}
    </div>
  );
}
