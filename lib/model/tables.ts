/**
 * The tables a shop's data lives in, the ones sync carries and a backup holds: every record in
 * them has `id` and (except `shops`, whose id is the shop) `shopId`. Derived tables (aggregates)
 * and local-only ones (outbox, meta, staging, jobs, merges, syncBase) never leave the browser.
 * In restore order: a shop before its customers, customers before what hangs off them.
 */
export const SYNCED_TABLES = [
  'shops',
  'customers',
  'orders',
  'tags',
  'taggings',
  'notes',
  'actionStates',
  'shopSettings',
  'segments',
  'forgotten',
  'recipes',
] as const;
