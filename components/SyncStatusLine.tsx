import { dictionaryTranslator, type Language } from '@/lib/i18n';
import { syncLineEn } from '@/lib/i18n/sync-line.en';
import { syncLineZhCN } from '@/lib/i18n/sync-line.zh-CN';
import type { SyncErrorCode, SyncStatus } from '@/lib/model/sync';
import { useUi } from './ui-context';
import './sync-status.css';

const DICTIONARIES = { en: syncLineEn, 'zh-CN': syncLineZhCN };

export interface SyncStatusLineProps {
  readonly status: SyncStatus | undefined;
  /** Sync now (the Retry button after an error). */
  readonly onRetry?: () => void;
}

/**
 * One line on team sync: a coloured dot (CSS) and where it stands ("Up to date · synced 2 min ago", "3 changes
 * waiting", "Can't sync: … · retrying at 14:02" with Retry). Polite live region: a screen reader
 * hears the changes without losing its place.
 */
export function SyncStatusLine({ status, onRetry }: SyncStatusLineProps) {
  const ui = useUi();
  const { language } = ui;
  const t = dictionaryTranslator(DICTIONARIES, syncLineEn, language);
  // No timer for "2 minutes ago": while a page is open the background syncs every few seconds
  // (keepFresh) and publishes each round, which renders this line again.

  // Off (in no team): nothing to say here; the Team tab says "Only on this computer" itself.
  if (!status || status.state === 'off') return null;
  const { state, pending, error, nextRetryAt, lastSyncedAt } = status;
  let text =
    state === 'syncing' || state === 'revoked'
      ? t(state)
      : state === 'error'
        ? t('error', { reason: t(reasonOf(error?.code)) })
        : pending > 0
          ? pending === 1
            ? t('one')
            : t('many', { count: pending })
          : t('up');
  if (state === 'error' && nextRetryAt)
    text += ` · ${t('at', { time: new Date(nextRetryAt).toLocaleTimeString(language, { timeStyle: 'short' }) })}`;
  if (state === 'up-to-date' && !pending && lastSyncedAt) text += ` · ${t('synced', { when: ago(Date.now() - lastSyncedAt, language) ?? ui.t('time.justNow') })}`;
  return (
    <div class={`sync-line sync-${state}`}>
      <span role="status" aria-live="polite">
        {text}
      </span>
      {state === 'error' && onRetry && (
        <button type="button" class="link" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/** The few words for an error code (the Team tab explains at length: sync.error.<code>). */
function reasonOf(code: SyncErrorCode | undefined): 'offline' | 'forbidden' | 'revoked' | 'server' {
  return code === 'offline' || code === 'forbidden' || code === 'revoked' ? code : 'server';
}

/** "2 minutes ago" / "2分钟前" in the page's language; undefined under a minute ("just now"). */
function ago(ms: number, language: Language): string | undefined {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return undefined;
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  return minutes < 60
    ? format.format(-minutes, 'minute')
    : minutes < 1440
      ? format.format(-Math.round(minutes / 60), 'hour')
      : format.format(-Math.round(minutes / 1440), 'day');
}
