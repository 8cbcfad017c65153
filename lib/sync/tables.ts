/**
 * The tables sync carries: every record in them has `id` and (except `shops`, whose id is the
 * shop) `shopId`. Derived tables (aggregates) and local-only ones (outbox, meta, staging, jobs,
 * merges, syncBase) never leave the browser.
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
  'recipes',
  'segments',
  'forgotten',
] as const;

export type SyncedTable = (typeof SYNCED_TABLES)[number];

export function isSyncedTable(name: string): name is SyncedTable {
  return (SYNCED_TABLES as readonly string[]).includes(name);
}

/** The shop a synced record belongs to. */
export function shopOfRow(table: SyncedTable, row: { id: string; shopId?: string }): string {
  return table === 'shops' ? row.id : (row.shopId ?? '');
}
