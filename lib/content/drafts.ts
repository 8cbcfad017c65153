import { browser } from 'wxt/browser';

const PREFIX = 'draft:';
/** Drafts older than this are dropped: a forgotten half-note should not live forever. */
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;

interface StoredDraft {
  text: string;
  at: number;
}

/**
 * Unsent note text, kept in extension storage (not the page's): survives re-renders, SPA
 * navigation, reloads and restarts. Only this browser holds it; it is never synced.
 */
export const extensionDrafts = {
  async load(key: string): Promise<string | undefined> {
    const got = (await browser.storage.local.get(PREFIX + key))[PREFIX + key] as StoredDraft | undefined;
    if (!got || typeof got.text !== 'string' || typeof got.at !== 'number') return undefined;
    if (Date.now() - got.at > MAX_AGE_MS) {
      await browser.storage.local.remove(PREFIX + key);
      return undefined;
    }
    return got.text;
  },
  async save(key: string, text: string): Promise<void> {
    await browser.storage.local.set({ [PREFIX + key]: { text, at: Date.now() } satisfies StoredDraft });
  },
  async clear(key: string): Promise<void> {
    await browser.storage.local.remove(PREFIX + key);
  },
};
