/**
 * Our UI lives in shadow roots the page's CSS and scripts cannot reach into. Closed by
 * default, since the UI shows customer data; open when the inspectable-UI flag is set (for
 * end-to-end tests and debugging). Sized in px: the host page's rem is not ours.
 */

export type ShadowMode = 'open' | 'closed';

const sheets = new WeakMap<Document, Map<string, CSSStyleSheet | null>>();

/** One constructed stylesheet per CSS text, shared by every root on the page, where the browser allows it. */
function sharedSheet(doc: Document, css: string): CSSStyleSheet | null {
  let byCss = sheets.get(doc);
  if (!byCss) sheets.set(doc, (byCss = new Map()));
  if (byCss.has(css)) return byCss.get(css)!;
  let sheet: CSSStyleSheet | null = null;
  try {
    const Ctor = doc.defaultView?.CSSStyleSheet;
    if (Ctor && 'replaceSync' in Ctor.prototype) {
      sheet = new Ctor();
      sheet.replaceSync(css);
    }
  } catch {
    sheet = null; // e.g. Firefox content-script Xrays: fall back to a <style> per root
  }
  byCss.set(css, sheet);
  return sheet;
}

export interface ShadowHost {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
}

/** Create a host element with a styled shadow root; the caller inserts the host. */
export function createShadowHost(doc: Document, tagName: string, mode: ShadowMode, css: string): ShadowHost {
  const host = doc.createElement(tagName);
  // Inline style beats the page's selectors on the host element itself.
  host.setAttribute('style', 'all: initial; display: inline-block; vertical-align: middle;');
  const root = host.attachShadow({ mode });
  const sheet = sharedSheet(doc, css);
  if (sheet) {
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = doc.createElement('style');
    style.textContent = css;
    root.append(style);
  }
  return { host, root };
}
