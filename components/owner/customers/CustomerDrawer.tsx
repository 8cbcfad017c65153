import { useEffect, useRef, useState } from 'preact/hooks';
import { call } from '@/lib/rpc/owner-client';
import { formatDate, formatMoney } from '@/lib/i18n';
import type { CustomerRow } from '@/lib/model/owner';
import type { ProfileView } from '@/lib/model/views';
import { InsightSummary } from '../../InsightSummary';
import { TAG_PALETTE } from '../../styles';
import { useUi } from '../../ui-context';
import { errorText, useOwnerT } from '../owner-ui';
import { downloadText } from './csv-file';

export interface CustomerDrawerProps {
  readonly shopId: string;
  readonly row: CustomerRow;
  readonly version: number;
  readonly onClose: () => void;
}

const RECENT_ORDERS = 10;

/**
 * One customer beside the table: who they are, their figures, recent orders and notes, and the
 * owner's two data-protection actions: export everything held about them, or forget them.
 */
export function CustomerDrawer({ shopId, row, version, onClose }: CustomerDrawerProps) {
  const t = useOwnerT();
  const { language } = useUi();
  const [profile, setProfile] = useState<ProfileView | undefined>();
  const [error, setError] = useState('');
  const [confirmForget, setConfirmForget] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const panel = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const forgetButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirmForget) forgetButton.current?.focus();
  }, [confirmForget]);

  useEffect(() => {
    closeButton.current?.focus();
  }, [row.id]);

  useEffect(() => {
    let live = true;
    call('profile.get', { shopId, customerId: row.id }).then(
      (p) => live && setProfile(p),
      (err: unknown) => live && setError(errorText(err, t)),
    );
    return () => void (live = false);
  }, [shopId, row.id, version]);

  // Tab stays inside the drawer while it is open; Esc closes it.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      if (confirmForget) setConfirmForget(false);
      else onClose();
      return;
    }
    if (e.key !== 'Tab' || !panel.current) return;
    const focusable = [...panel.current.querySelectorAll<HTMLElement>('button:not([disabled]), a[href], input, select, textarea')];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last?.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first?.focus();
    }
  };

  const exportData = async () => {
    setBusy(true);
    setError('');
    try {
      const { fileName, json } = await call('customer.export', { shopId, customerId: row.id });
      downloadText(json, fileName, 'application/json');
      setStatus(t('lists.drawer.exported', { file: fileName }));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const forget = async () => {
    setBusy(true);
    setError('');
    try {
      await call('customer.forget', { shopId, customerId: row.id });
      onClose();
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  };

  const tags = row.tags;
  return (
    <div class="drawer-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={panel}
        class="drawer"
        role="dialog"
        aria-modal="true"
        aria-labelledby="drawer-title"
        data-bl="customer-drawer"
        onKeyDown={onKeyDown}
      >
        <header class="drawer-head">
          <div>
            <h2 id="drawer-title">{row.displayName}</h2>
            <p class="muted">{(profile?.keys ?? [row.key]).join(' · ')}</p>
          </div>
          <button type="button" ref={closeButton} class="icon" aria-label={t('lists.close')} onClick={onClose}>
            ×
          </button>
        </header>
        {tags.length > 0 && (
          <p class="drawer-tags">
            {tags.map((tag) => {
              const c = TAG_PALETTE[tag.color] ?? TAG_PALETTE.slate!;
              return (
                <span key={tag.id} class="chip" style={{ background: c.bg, color: c.fg }}>
                  {tag.name}
                </span>
              );
            })}
          </p>
        )}
        {(row.email || row.phone) && (
          <p class="muted">
            {[row.email, row.phone].filter(Boolean).join(' · ')}
          </p>
        )}
        {profile ? (
          <>
            <InsightSummary insight={profile.insight} orderCount={profile.orderCount} totalSpent={profile.totalSpent} />
            <h3>{t('lists.drawer.orders', { n: profile.orders.length })}</h3>
            {profile.orders.length === 0 ? (
              <p class="muted">{t('lists.drawer.noOrders')}</p>
            ) : (
              <ul class="drawer-orders">
                {profile.orders.slice(0, RECENT_ORDERS).map((o) => (
                  <li key={o.orderId} class={o.counted ? '' : 'muted'}>
                    <span>{o.placedAt ? formatDate(o.placedAt, language) : '—'}</span>
                    <span class="id">{o.orderId}</span>
                    <span class="num">{o.total ? formatMoney(o.total.amountMinor, o.total.currency, language) : ''}</span>
                    {o.status && <span class="muted">{o.status}</span>}
                  </li>
                ))}
              </ul>
            )}
            {profile.notes.length > 0 && (
              <>
                <h3>{t('lists.drawer.notes', { n: profile.notes.length })}</h3>
                <ul class="drawer-notes">
                  {profile.notes.map((note) => (
                    <li key={note.id}>
                      <p>{note.text}</p>
                      <p class="muted">
                        {note.authorName} · {formatDate(note.editedAt ?? note.createdAt, language)}
                      </p>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        ) : (
          !error && <p class="muted">{t('lists.loading')}</p>
        )}
        <section class="drawer-actions" aria-label={t('lists.drawer.privacy')}>
          <h3>{t('lists.drawer.privacy')}</h3>
          <button type="button" data-bl="customer-export" disabled={busy} onClick={() => void exportData()}>
            {t('lists.drawer.export')}
          </button>
          {!confirmForget ? (
            <button type="button" class="danger" data-bl="customer-forget" disabled={busy} onClick={() => setConfirmForget(true)}>
              {t('lists.drawer.forget')}
            </button>
          ) : (
            <div class="confirm" role="alert">
              <p>{t('lists.drawer.forgetExplain', { name: row.displayName })}</p>
              <button type="button" class="danger" data-bl="customer-forget-confirm" disabled={busy} ref={forgetButton} onClick={() => void forget()}>
                {t('lists.drawer.forgetConfirm')}
              </button>
              <button type="button" disabled={busy} onClick={() => setConfirmForget(false)}>
                {t('lists.cancel')}
              </button>
            </div>
          )}
        </section>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <p class="saved" role="status">
          {status}
        </p>
      </div>
    </div>
  );
}
