import type { ShopSummary } from './shops';

/** Import purchase history from the platforms' own exports. */
export function ImportView(_props: { shops: readonly ShopSummary[]; shop?: ShopSummary; onImported: (shopId: string) => void }) {
  return <section class="card" data-bl="import-view" />;
}
