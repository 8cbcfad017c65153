import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import { SyncStatus } from '../model/sync';

/**
 * Pushed updates from the background to open pages. Content scripts run in the merchant's
 * origin, so Dexie's cross-context liveQuery does not reach them. A port would, but it dies
 * with the MV3 worker and reconnecting keeps the worker awake; `storage.onChanged` reaches
 * every context of the extension, survives worker restarts and costs one tiny write.
 */
export const CHANGE_KEY = 'buyerlens:changed';

export const ChangeEvent = z.object({
  shopId: z.string(),
  /** Distinguishes two changes in the same millisecond, so storage always fires. */
  seq: z.number(),
});
export type ChangeEvent = z.infer<typeof ChangeEvent>;

let seq = 0;

/** Background: tell every open page of this shop that its data changed. */
export function announceChange(shopId: string, now = Date.now()): Promise<void> {
  const event: ChangeEvent = { shopId, seq: now * 1000 + (seq++ % 1000) };
  return browser.storage.local.set({ [CHANGE_KEY]: event });
}

/** Pages: call back when the given shop's data changes, until the signal aborts. */
export function watchChanges(shopId: string, callback: () => void, signal: AbortSignal): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !changes[CHANGE_KEY]) return;
    const event = ChangeEvent.safeParse(changes[CHANGE_KEY].newValue);
    if (event.success && event.data.shopId === shopId) callback();
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
}

/** Where the background puts the sync state after each round, for open popups and options pages. */
export const SYNC_STATUS_KEY = 'buyerlens:sync';

/** Background: publish the sync state. */
export function publishSyncStatus(status: SyncStatus): Promise<void> {
  return browser.storage.local.set({ [SYNC_STATUS_KEY]: status });
}

/** Pages: call back with each new sync state (checked: a page trusts nothing it did not parse). */
export function watchSyncStatus(callback: (status: SyncStatus) => void, signal: AbortSignal): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !changes[SYNC_STATUS_KEY]) return;
    const status = SyncStatus.safeParse(changes[SYNC_STATUS_KEY].newValue);
    if (status.success) callback(status.data);
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
}
