import { useEffect, useRef, useState } from 'preact/hooks';
import { call } from '@/lib/rpc/owner-client';
import type { CustomerFilter, Dashboard } from '@/lib/model/owner';
import { errorText, useOwnerT } from '../owner-ui';
import { LifecycleChart } from './LifecycleChart';
import { RevenueChart } from './RevenueChart';
import { RfmGrid } from './RfmGrid';

export interface DashboardPanelProps {
  readonly shopId: string;
  readonly filter: CustomerFilter;
  readonly version: number;
  readonly month: string | undefined;
  /** A click on the pictures: show the customers behind it. */
  readonly onQuery: (query: string) => void;
  readonly onMonth: (month: string | undefined) => void;
}

/** The shape of the customers the filter matches: RFM grid, lifecycle stages, revenue by month. */
export function DashboardPanel({ shopId, filter, version, month, onQuery, onMonth }: DashboardPanelProps) {
  const t = useOwnerT();
  const [dashboard, setDashboard] = useState<Dashboard | undefined>();
  const [error, setError] = useState('');
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const key = JSON.stringify(filter);

  useEffect(() => {
    const ticket = ++latest.current;
    setLoading(true);
    call('dashboard.get', { shopId, filter }).then(
      (reply) => {
        if (ticket !== latest.current) return;
        setDashboard(reply);
        setError('');
        setLoading(false);
      },
      (err: unknown) => {
        if (ticket !== latest.current) return;
        setError(errorText(err, t));
        setLoading(false);
      },
    );
  }, [shopId, key, version]);

  return (
    <section class={`card dashboard${loading ? ' loading' : ''}`} aria-labelledby="dashboard-title" aria-busy={loading}>
      <h2 id="dashboard-title">{t('lists.dashboard.title')}</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {dashboard && dashboard.customers === 0 ? (
        <p class="muted">{t('lists.dashboard.empty')}</p>
      ) : dashboard ? (
        <div class="pictures">
          <RfmGrid dashboard={dashboard} onPick={(r, f) => onQuery(`rfm_r = ${r} AND rfm_f = ${f}`)} />
          <LifecycleChart dashboard={dashboard} onPick={(stage) => onQuery(`lifecycle = '${stage}'`)} />
          <RevenueChart dashboard={dashboard} month={month} onPick={onMonth} />
        </div>
      ) : (
        !error && <p class="muted">{t('lists.loading')}</p>
      )}
    </section>
  );
}
