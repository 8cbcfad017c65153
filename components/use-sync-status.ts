import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { SyncStatus } from '@/lib/model/sync';
import { CHANGE_KEY, SYNC_STATUS_KEY } from '@/lib/rpc/live';

type SyncCall = (name: 'sync.status' | 'sync.now', args: Record<string, never>) => Promise<SyncStatus>;

export interface SyncStatusHandle {
  /** Undefined until the background answered (or when it cannot be reached). */
  readonly status: SyncStatus | undefined;
  /** Ask for a round now (a person clicked Retry or Sync now). */
  readonly syncNow: () => Promise<void>;
  /** Read the state again (after joining or leaving). */
  readonly refresh: () => Promise<void>;
}

/**
 * Where team sync stands, kept current: asked on mount, replaced by each state the background
 * publishes after a round (as watchSyncStatus in lib/rpc/live.ts reads it, in the same listener
 * that follows CHANGE_KEY: the popup counts every byte), and asked again when local data changes
 * (the count of changes waiting).
 */
export function useSyncStatus(call: SyncCall): SyncStatusHandle {
  const [status, setStatus] = useState<SyncStatus | undefined>();
  // No background to ask (the extension was reloaded): the line stays empty rather than wrong.
  const refresh = () => call('sync.status', {}).then(setStatus, () => {});
  useEffect(() => {
    void refresh();
    const onChange = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local') return;
      // A page trusts nothing it did not parse.
      const published = changes[SYNC_STATUS_KEY] && SyncStatus.safeParse(changes[SYNC_STATUS_KEY].newValue);
      if (published && published.success) setStatus(published.data);
      else if (changes[CHANGE_KEY]) void refresh();
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, []);
  const syncNow = () => {
    setStatus((s) => s && { ...s, state: 'syncing' });
    return call('sync.now', {}).then(setStatus, refresh);
  };
  return { status, syncNow, refresh };
}
