import { useEffect, useState } from 'preact/hooks';
import { extensionDrafts } from '@/lib/content/drafts';
import { resolveLanguage, translator } from '@/lib/i18n';
import { DEFAULT_SETTINGS, readSettings, watchSettings, type Settings } from '@/lib/settings';
import type { Ui } from './ui-context';

/** Settings and the translator for an extension page (popup, options), following changes live. */
export function usePageUi(): { ui: Ui; settings: Settings } {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  useEffect(() => {
    const controller = new AbortController();
    void readSettings().then(setSettings);
    watchSettings(setSettings, controller.signal);
    return () => controller.abort();
  }, []);
  const language = resolveLanguage(settings.language, navigator.languages ?? [navigator.language]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return { ui: { t: translator(language), language, drafts: extensionDrafts }, settings };
}
