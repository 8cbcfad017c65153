import * as z from 'zod/mini';
import { browser } from 'wxt/browser';

/**
 * Per-browser settings in extension storage: small, read by every context, watched for
 * changes. Stored values are validated on read; anything unreadable falls back to defaults.
 */
export const Settings = z.object({
  language: z.catch(z.enum(['auto', 'en', 'zh-CN']), 'auto'),
  memberName: z.catch(z.string().check(z.trim(), z.maxLength(60)), ''),
  /** Built-in site adapters switched off by the user (e.g. while a site's markup is broken). */
  disabledSites: z.catch(z.array(z.string().check(z.maxLength(40))).check(z.maxLength(50)), []),
});
export type Settings = z.infer<typeof Settings>;

const SETTINGS_KEY = 'settings';
/** Test and debugging aid: open (inspectable) shadow roots instead of closed ones. */
export const INSPECTABLE_UI_KEY = 'buyerlens:inspectableUi';

export const DEFAULT_SETTINGS: Settings = { language: 'auto', memberName: '', disabledSites: [] };

export function parseSettings(raw: unknown): Settings {
  const parsed = Settings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function readSettings(): Promise<Settings> {
  const got = await browser.storage.local.get(SETTINGS_KEY);
  return parseSettings(got[SETTINGS_KEY]);
}

export async function writeSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = Settings.parse({ ...(await readSettings()), ...patch });
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

export async function readInspectableUi(): Promise<boolean> {
  const got = await browser.storage.local.get(INSPECTABLE_UI_KEY);
  return got[INSPECTABLE_UI_KEY] === true;
}

/** Calls back with fresh settings whenever they change, until the signal aborts. */
export function watchSettings(callback: (s: Settings) => void, signal?: AbortSignal): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && changes[SETTINGS_KEY]) callback(parseSettings(changes[SETTINGS_KEY].newValue));
  };
  browser.storage.onChanged.addListener(listener);
  signal?.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
}
