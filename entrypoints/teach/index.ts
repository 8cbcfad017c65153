import { browser } from 'wxt/browser';
import { extensionDrafts } from '@/lib/content/drafts';
import { resolveLanguage, translator } from '@/lib/i18n';
import { call } from '@/lib/rpc/client';
import { readInspectableUi, readSettings } from '@/lib/settings';
import { startTeaching } from './start';

/**
 * "Teach this page", injected on demand by the popup (activeTab), so the teaching UI costs the
 * everyday content script nothing. Saving stores the recipe and reloads the page, where the
 * content script (on a site the user enabled) now recognises the rows.
 */
export default defineUnlistedScript(() => {
  const flag = globalThis as { __buyerlensTeaching?: boolean };
  if (flag.__buyerlensTeaching) return;
  flag.__buyerlensTeaching = true;
  void (async () => {
    const [inspectable, settings] = await Promise.all([readInspectableUi(), readSettings()]);
    const language = resolveLanguage(settings.language, navigator.languages ?? [navigator.language]);
    const stop = startTeaching({
      document,
      shadowMode: inspectable ? 'open' : 'closed',
      ui: { t: translator(language), language, drafts: extensionDrafts },
      onSave: async (recipe) => {
        await call('recipes.save', { recipe });
        stop();
        flag.__buyerlensTeaching = false;
        location.reload();
      },
      onCancel: () => {
        stop();
        flag.__buyerlensTeaching = false;
      },
    });
  })().catch((err: unknown) => {
    flag.__buyerlensTeaching = false;
    console.error('[BuyerLens] could not start teaching', err, browser.runtime.id);
  });
});
