import { browser } from 'wxt/browser';

/**
 * Which sites the content script runs on beyond the demo's static patterns: exactly the hosts
 * the user granted (optional host permissions), registered as dynamic content scripts. The
 * granted permissions are the one source of truth; registrations follow them.
 */
const CONTENT_SCRIPT = '/content-scripts/content.js';
const ID_PREFIX = 'bl-site-';
/** The same moment as the static content script (see entrypoints/content/index.ts). */
const RUN_AT = 'document_end' as const;

/** Match patterns granted to us, without the static demo ones. */
export async function grantedPatterns(): Promise<string[]> {
  const { origins = [] } = await browser.permissions.getAll();
  return origins.filter((o) => !/^https?:\/\/(localhost|127\.0\.0\.1)\//.test(o)).sort();
}

function idFor(pattern: string): string {
  // Registration ids allow only some characters: keep it readable and unique.
  return ID_PREFIX + pattern.replace(/[^a-zA-Z0-9.-]/g, '_');
}

/** Make the dynamic registrations equal the granted patterns. Safe to call at every start. */
export async function syncContentScripts(): Promise<{ registered: string[] }> {
  const patterns = await grantedPatterns();
  const wanted = new Map(patterns.map((p) => [idFor(p), p]));
  const existing = (await browser.scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith(ID_PREFIX));
  const stale = existing
    .filter((s) => !wanted.has(s.id) || s.matches?.[0] !== wanted.get(s.id) || s.runAt !== RUN_AT)
    .map((s) => s.id);
  if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale });
  const have = new Set(existing.map((s) => s.id).filter((id) => !stale.includes(id)));
  const add = [...wanted].filter(([id]) => !have.has(id));
  if (add.length) {
    await browser.scripting.registerContentScripts(
      add.map(([id, pattern]) => ({ id, matches: [pattern], js: [CONTENT_SCRIPT], runAt: RUN_AT, persistAcrossSessions: true })),
    );
  }
  return { registered: patterns };
}

/** Run the content script now in a tab the user just enabled. */
export async function injectInto(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT] });
}

/** Start "Teach this page" in a tab (allowed by activeTab: the user opened the popup on it). */
export async function startTeachingIn(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId }, files: ['/teach.js'] });
}

/** The patterns to ask for to enable a site: the adapter's own, else the page's origin. */
export function patternsToRequest(hostPatterns: readonly string[], pageUrl: URL): string[] {
  // No port in the pattern: Firefox refuses one, and a shop's admin is the host whatever the port.
  return hostPatterns.length ? [...hostPatterns] : [`${pageUrl.protocol}//${pageUrl.hostname}/*`];
}
