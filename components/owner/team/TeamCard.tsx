import { useEffect, useRef, useState } from 'preact/hooks';
import type { TeamAccount } from '@/lib/model/sync';
import { call } from '@/lib/rpc/owner-client';
import { SyncStatusLine } from '../../SyncStatusLine';
import type { SyncStatusHandle } from '../../use-sync-status';
import { errorText } from '../owner-ui';
import { useTeamT } from './team-ui';

export interface TeamCardProps {
  readonly account: TeamAccount;
  readonly sync: SyncStatusHandle;
  /** Just joined or created: bring focus here, where the page changed. */
  readonly focusOnMount: boolean;
  readonly onLeft: (pending: number) => void;
}

/** The workspace this browser is in: who you are there, the server, where sync stands, leaving. */
export function TeamCard({ account, sync, focusOnMount, onLeft }: TeamCardProps) {
  const t = useTeamT();
  const { status } = sync;
  const title = useRef<HTMLHeadingElement>(null);
  const leaveButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => void (focusOnMount && title.current?.focus()), []);
  useEffect(() => void (confirming && confirmButton.current?.focus()), [confirming]);

  const pending = status?.pending ?? 0;
  const rejected = status?.rejected ?? [];

  const leave = async () => {
    setBusy(true);
    setError('');
    try {
      const { pending } = await call('team.leave', {});
      onLeft(pending);
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  };
  const cancel = () => {
    setConfirming(false);
    leaveButton.current?.focus();
  };

  return (
    <section class="card team-card" aria-labelledby="team-title" data-bl="team-card">
      <h2 id="team-title" tabIndex={-1} ref={title} data-bl="team-workspace">
        {account.workspaceName}
      </h2>
      <dl class="team-facts">
        <dt>{t('teamUi.you')}</dt>
        <dd data-bl="team-you">
          {account.memberName} · {t(`teamUi.role.${account.role}`)}
        </dd>
        <dt>{t('teamUi.server')}</dt>
        <dd>
          <code data-bl="team-server">{account.server}</code>
        </dd>
        <dt>{t('teamUi.sync')}</dt>
        <dd>
          {status?.state === 'off' ? (
            <p class="muted" role="status">
              {t('teamUi.sync.off')}
            </p>
          ) : (
            <SyncStatusLine status={status} onRetry={() => void sync.syncNow()} />
          )}
          {rejected.length > 0 && (
            <details class="team-rejected" data-bl="sync-rejected">
              <summary>{rejected.length === 1 ? t('teamUi.rejected.one') : t('teamUi.rejected', { count: rejected.length })}</summary>
              <p class="muted">{t('teamUi.rejected.explain')}</p>
              <ul>
                {rejected.map((r) => (
                  <li key={r.mid}>{t('teamUi.rejected.item', { mid: r.mid, reason: r.reason })}</li>
                ))}
              </ul>
            </details>
          )}
          {status?.error && (
            <p class="muted team-sync-error" data-bl="sync-error-explain">
              {t(`sync.error.${status.error.code}`)}
              {status.error.detail && ` (${status.error.detail})`}
            </p>
          )}
        </dd>
      </dl>
      <div class="team-actions">
        <button type="button" data-bl="team-sync-now" disabled={!status || status.state === 'syncing'} onClick={() => void sync.syncNow()}>
          {status?.state === 'syncing' ? t('teamUi.syncing') : t('teamUi.syncNow')}
        </button>
        <button
          type="button"
          ref={leaveButton}
          class="danger"
          data-bl="team-leave"
          aria-expanded={confirming}
          onClick={() => (confirming ? cancel() : setConfirming(true))}
        >
          {t('teamUi.leave')}
        </button>
      </div>
      {confirming && (
        <div class="team-confirm" role="alertdialog" aria-labelledby="team-leave-q" aria-describedby="team-leave-what" data-bl="team-leave-confirm" onKeyDown={(e) => e.key === 'Escape' && !busy && cancel()}>
          <p id="team-leave-q" class="strong">
            {t('teamUi.leave.question', { workspace: account.workspaceName })}
          </p>
          <div id="team-leave-what">
            <p>{t('teamUi.leave.explain')}</p>
            {pending > 0 && (
              <p class="warn" data-bl="team-leave-pending">
                {pending === 1 ? t('teamUi.leave.pendingOne') : t('teamUi.leave.pending', { count: pending })}
              </p>
            )}
          </div>
          <button type="button" ref={confirmButton} class="danger" data-bl="team-leave-yes" disabled={busy} onClick={() => void leave()}>
            {t('teamUi.leave.yes')}
          </button>
          <button type="button" disabled={busy} onClick={cancel}>
            {t('lists.cancel')}
          </button>
        </div>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
