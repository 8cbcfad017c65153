import { LIFECYCLE_STAGES } from '@/lib/model/insight-names';
import type { Dashboard } from '@/lib/model/owner';
import { useUi } from '../../ui-context';
import { useOwnerT } from '../owner-ui';

/** How many customers are at each lifecycle stage, as horizontal bars; a bar shows its customers. */
export function LifecycleChart({ dashboard, onPick }: { dashboard: Dashboard; onPick: (stage: string) => void }) {
  const t = useOwnerT();
  const { language } = useUi();
  const byStage = new Map(dashboard.lifecycle.map((s) => [s.stage, s.customers]));
  const max = Math.max(1, ...byStage.values());
  const all = Math.max(1, dashboard.customers);
  return (
    <figure class="picture lifecycle">
      <figcaption>{t('lists.lifecycle.title')}</figcaption>
      <ul class="bars">
        {LIFECYCLE_STAGES.map((stage) => {
          const customers = byStage.get(stage) ?? 0;
          const percent = Math.round((customers / all) * 100);
          const name = t(`stage.${stage}`);
          return (
            <li key={stage}>
              <button
                type="button"
                class="bar-row"
                data-bl="lifecycle-bar"
                data-stage={stage}
                disabled={!customers}
                aria-label={t('lists.lifecycle.bar', { stage: name, customers, percent })}
                onClick={() => onPick(stage)}
              >
                <span class="bar-label">{name}</span>
                <span class="bar-track" aria-hidden="true">
                  <span class={`bar s-${stage}`} style={{ width: `${(customers / max) * 100}%` }} />
                </span>
                <span class="bar-value">
                  {customers.toLocaleString(language)} <span class="muted">{percent}%</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
