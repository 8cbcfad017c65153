import type { ShopSummary } from './shops';

/** Backup and restore, possible duplicates to merge, merges to undo. */
export function DataView(_props: { shop?: ShopSummary }) {
  return <section class="card" data-bl="data-view" />;
}
