import { demoAdapter } from './demo';
import { shopifyAdapter } from './shopify';
import { taobaoAdapter } from './taobao';
import { woocommerceAdapter } from './woocommerce';
import type { PageKind, SiteAdapter } from './types';

/** Every built-in site, one line each. */
export const ADAPTERS: readonly SiteAdapter[] = [demoAdapter, woocommerceAdapter, taobaoAdapter, shopifyAdapter];

export interface PageMatch {
  readonly adapter: SiteAdapter;
  readonly kind: PageKind;
}

/** The adapter and page kind for a URL; the first adapter that knows the page wins. */
export function matchPage(url: URL, adapters: readonly SiteAdapter[] = ADAPTERS): PageMatch | undefined {
  for (const adapter of adapters) {
    try {
      const kind = adapter.detect(url);
      if (kind) return { adapter, kind };
    } catch {
      // A broken detector must not take the others down.
    }
  }
  return undefined;
}
