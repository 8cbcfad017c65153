import { useEffect, useRef, useState } from 'preact/hooks';
import { call } from '@/lib/rpc/owner-client';
import type { CustomerRow } from '@/lib/model/owner';
import { can, useRole } from '../../role';
import { errorText, useOwnerT } from '../owner-ui';
import { downloadText } from './csv-file';

export interface CustomerDrawerProps {
  readonly shopId: string;
  readonly row: CustomerRow;
  readonly version: number;
  readonly onClose: () => void;
}

type ProfileComponent = typeof import('./DrawerProfile').DrawerProfile;
let loadedProfile: ProfileComponent | undefined;

/**
 * The profile (the agent's panel, the tag editor, the store and their styles) is fetched when a
 * drawer first opens, not with the dashboard: most visits to the Customers tab open no drawer.
 */
function useProfileComponent(onError: () => void): ProfileComponent | undefined {
  const [component, setComponent] = useState<ProfileComponent | undefined>(() => loadedProfile);
  useEffect(() => {
    if (component) return;
    let live = true;
    import('./DrawerProfile').then(
      (m) => {
        loadedProfile = m.DrawerProfile;
        if (live) setComponent(() => m.DrawerProfile);
      },
      () => live && onError(),
    );
    return () => void (live = false);
  }, []);
  return component;
}

/**
 * One customer beside the table: the same profile an agent sees beside a chat (figures, spend,
 * suggested actions, tags, notes), editable here, and the owner's two data-protection actions:
 * export everything held about them, or forget them.
 */
export function CustomerDrawer({ shopId, row, version, onClose }: CustomerDrawerProps) {
  const t = useOwnerT();
  const role = useRole();
  const mayExport = can(role, 'export');
  const mayForget = can(role, 'customer.forget');
  const [keys, setKeys] = useState<readonly string[] | undefined>();
  const [error, setError] = useState('');
  const [confirmForget, setConfirmForget] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const panel = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const forgetButton = useRef<HTMLButtonElement>(null);
  // The module could not load: the extension was updated under this page.
  const Profile = useProfileComponent(() => setError(t('error.unreachable')));
  useEffect(() => {
    if (confirmForget) forgetButton.current?.focus();
  }, [confirmForget]);

  useEffect(() => {
    closeButton.current?.focus();
  }, [row.id]);

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
            <p class="muted">{(keys ?? [row.key]).join(' · ')}</p>
          </div>
          <button type="button" ref={closeButton} class="icon" aria-label={t('lists.close')} onClick={onClose}>
            ×
          </button>
        </header>
        {(row.email || row.phone) && <p class="muted">{[row.email, row.phone].filter(Boolean).join(' · ')}</p>}
        {Profile ? (
          <Profile shopId={shopId} row={row} version={version} onError={setError} onKeys={setKeys} />
        ) : (
          !error && <p class="muted">{t('lists.loading')}</p>
        )}
        {(mayExport || mayForget) && (
          <section class="drawer-actions" aria-label={t('lists.drawer.privacy')}>
            <h3>{t('lists.drawer.privacy')}</h3>
            {mayExport && (
              <button type="button" data-bl="customer-export" disabled={busy} onClick={() => void exportData()}>
                {t('lists.drawer.export')}
              </button>
            )}
            {!mayForget ? null : !confirmForget ? (
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
        )}
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
