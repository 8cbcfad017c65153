import { useState } from 'preact/hooks';
import { formatDate, formatMoney, isMessageKey, type Translate } from '@/lib/i18n';
import type { NoteView, ProfileView, SuggestionView, TagView } from '@/lib/model/views';
import { ActionList } from './ActionList';
import { InsightSummary } from './InsightSummary';
import { NotesSection } from './NotesSection';
import { SpendChart } from './SpendChart';
import { TagChips } from './TagChips';
import { useUi } from './ui-context';

export interface ProfilePanelProps {
  /** The buyer as the page names them (shown before the background answers). */
  readonly buyerName: string;
  readonly buyerKey: string;
  /** Where unsent note text is kept for this buyer. */
  readonly draftKey: string;
  readonly profile: ProfileView | undefined;
  readonly tags: readonly TagView[];
  readonly error?: string;
  readonly onOpenEditor: (anchor: HTMLElement) => void;
  readonly onRemoveTag: (tag: TagView) => void;
  readonly onSaveNote: (text: string, note?: NoteView) => Promise<void>;
  /** Left out when this person's role may not delete notes: no Delete button then. */
  readonly onDeleteNote?: (note: NoteView) => Promise<void>;
  readonly onMarkAction: (suggestion: SuggestionView, state: 'done' | 'dismissed') => Promise<void>;
}

/** The buyer's profile, docked beside the conversation an agent is answering. */
export function ProfilePanel(props: ProfilePanelProps) {
  const { t, language } = useUi();
  const { profile } = props;
  const [collapsed, setCollapsed] = useState(false);
  const initial = [...props.buyerName.trim()][0]?.toUpperCase() ?? '?';

  return (
    <aside class={`bl panel${collapsed ? ' collapsed' : ''}`} data-bl="profile" aria-label={t('profile.title')}>
      <header class="panel-head">
        <div class="avatar" aria-hidden="true">
          {initial}
        </div>
        <div class="who">
          <div class="brand">{t('profile.title')}</div>
          <div class="who-name" data-bl="profile-name">
            {props.buyerName}
          </div>
          <div class="who-key" data-bl="profile-key">
            {props.buyerKey}
          </div>
        </div>
        <button
          type="button"
          class="icon-btn"
          aria-expanded={!collapsed}
          aria-label={collapsed ? t('profile.expand') : t('profile.collapse')}
          onClick={() => setCollapsed(!collapsed)}
        >
          {collapsed ? '▸' : '▾'}
        </button>
      </header>

      {props.error && (
        <div class="section">
          <div class="error" role="alert">
            {t('profile.loadError', { message: props.error })}
          </div>
        </div>
      )}

      <section class="section" aria-label={t('profile.tags')}>
        <h3 class="section-title">{t('profile.tags')}</h3>
        <TagChips tags={props.tags} buyerName={props.buyerName} onOpenEditor={props.onOpenEditor} onRemove={props.onRemoveTag} />
      </section>

      {profile ? (
        <section class="section" aria-label={t('profile.insight')}>
          <InsightSummary insight={profile.insight} orderCount={profile.orderCount} totalSpent={profile.totalSpent} />
        </section>
      ) : (
        <section class="section">
          <div class="facts">
            <div class="stat">
              <div class="stat-label">{t('profile.orders')}</div>
              <div class="stat-value" data-bl="order-count">
                –
              </div>
            </div>
            <div class="stat">
              <div class="stat-label">{t('profile.totalSpent')}</div>
              <div class="stat-value" data-bl="total-spent">
                –
              </div>
            </div>
          </div>
        </section>
      )}

      {profile && (
        <section class="section" aria-labelledby="bl-actions-title">
          <h3 class="section-title" id="bl-actions-title">
            {t('profile.actions')}
          </h3>
          <ActionList suggestions={profile.insight.suggestions} onMark={props.onMarkAction} />
        </section>
      )}

      <section class="section" aria-labelledby="bl-orders-title">
        <h3 class="section-title" id="bl-orders-title">
          {t('profile.history')}
          {profile && profile.orders.length > 0 && <span class="count"> · {profile.orders.length.toLocaleString(language)}</span>}
        </h3>
        {profile && profile.orders.length ? (
          <>
            <SpendChart orders={profile.orders} currency={profile.insight.currency ?? 'CNY'} />
            <ul class="orders">
              {profile.orders.map((o) => (
                <li key={o.orderId} class={`order${o.counted ? '' : ' uncounted'}`} data-bl="recent-order">
                  <span class="order-id">
                    #{o.orderId}
                    {o.status && (
                      <span class="status">
                        {o.counted ? statusLabel(o.status, t) : `${statusLabel(o.status, t)} · ${t('profile.notCounted')}`}
                      </span>
                    )}
                  </span>
                  <span class="order-total">{o.total ? formatMoney(o.total.amountMinor, o.total.currency, language) : '—'}</span>
                  <span class="order-meta">
                    {o.placedAt ? formatDate(o.placedAt, language) : t('profile.noDate')}
                    {o.changes ? ` · ${t('profile.orderChanged', { count: o.changes })}` : ''}
                  </span>
                  <span class="order-meta">
                    {o.items?.length ? o.items.map((i) => `${i.name} ×${i.quantity}`).join(', ') : ''}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p class="muted">{t('profile.noOrders')}</p>
        )}
      </section>

      <NotesSection
        notes={profile?.notes ?? []}
        draftKey={props.draftKey}
        onSave={props.onSaveNote}
        onDelete={props.onDeleteNote}
      />
    </aside>
  );
}

/** The platform's status word in the reader's language when we know it, else as the platform says it. */
function statusLabel(status: string, t: Translate): string {
  const key = `status.${status}`;
  return isMessageKey(key) ? t(key) : status;
}
