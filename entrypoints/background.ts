import { browser } from 'wxt/browser';
import { config as zodConfig } from 'zod/mini';
import { en as zodEnglish } from 'zod/locales';
import { BuyerLensDb } from '@/lib/db/database';
import { createService } from '@/lib/db/service';
import { resolveLanguage } from '@/lib/i18n';
import { isServiceKey as isMessageKey, serviceTranslator as translator } from '@/lib/i18n/service';
import { announceChange, publishSyncStatus } from '@/lib/rpc/live';
import { SYNC_ALARM, SYNC_ALARM_MINUTES, SyncEngine } from '@/lib/sync/engine';
import type { SyncStatus } from '@/lib/model/sync';
import { dispatch } from '@/lib/rpc/server';
import { syncContentScripts } from '@/lib/platform/site-access';
import { readSettings } from '@/lib/settings';

/**
 * The background owns the database: the single writer. Every other context asks it through
 * lib/rpc; each message is checked for its sender and its shape before anything runs.
 */
export default defineBackground(() => {
  // zod/mini ships no messages; the background is where people read why a request failed.
  zodConfig(zodEnglish());
  const db = new BuyerLensDb();

  async function t() {
    const settings = await readSettings();
    return translator(resolveLanguage(settings.language, [browser.i18n.getUILanguage()]));
  }
  // Messages in the user's language; refreshed lazily, errors are rare.
  let translate = translator('en');
  void t().then((fn) => (translate = fn));
  browser.storage.onChanged.addListener((changes) => {
    if (changes.settings) void t().then((fn) => (translate = fn));
  });

  const message = (key: string, params?: Record<string, string | number>) =>
    isMessageKey(key) ? translate(key, params) : key;

  // Open pages hear the sync state when it changes, not after every quiet poll: storage.onChanged
  // reaches every tab's content script. "Synced N min ago" moves at most once a minute anyway.
  let published: SyncStatus | undefined;
  const publishChanged = async (status: SyncStatus) => {
    const { lastSyncedAt: at, ...rest } = status;
    const { lastSyncedAt: before, ...was } = published ?? {};
    if (published && JSON.stringify(rest) === JSON.stringify(was) && (at ?? 0) - (before ?? 0) < 60_000) return;
    published = status;
    await publishSyncStatus(status).catch(() => {});
  };
  // Team sync: all its state is in the database, so a stopped worker resumes where it was.
  const teamSync = new SyncEngine({ db, onStatus: (status) => void publishChanged(status) });

  const service = createService({
    db,
    sync: teamSync,
    onChange: (shopId) => void announceChange(shopId),
    authorName: async () => (await readSettings()).memberName || translate('note.anonymous'),
    message,
    // Long jobs report how far they got to the page that started them (validated there).
    progress: (p) => void browser.runtime.sendMessage(p).catch(() => {}),
  });

  // The sites the user enabled get the content script; registrations follow the granted
  // permissions at every worker start and whenever they change.
  const sync = () => void syncContentScripts().catch((err: unknown) => console.error('[BuyerLens] site registration failed', err));
  sync();
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);

  // Alarms outlive the worker; timers do not. Re-created at every start (creating replaces it).
  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_ALARM_MINUTES });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) teamSync.wake();
  });
  teamSync.wake();

  browser.runtime.onMessage.addListener((msg, sender) =>
    dispatch(service, msg, { id: sender.id, tabId: sender.tab?.id }, browser.runtime.id, (issues) =>
      issues
        .slice(0, 3)
        .map((i) => (isMessageKey(i.message) ? message(i.message) : `${i.path.join('.') || 'request'}: ${i.message}`))
        .join(' '),
    ),
  );
});
