import { SYNCED_TABLES } from '../model/tables';

export { SYNCED_TABLES };

export type SyncedTable = (typeof SYNCED_TABLES)[number];

export function isSyncedTable(name: string): name is SyncedTable {
  return (SYNCED_TABLES as readonly string[]).includes(name);
}

/** The shop a synced record belongs to. */
export function shopOfRow(table: SyncedTable, row: { id: string; shopId?: string }): string {
  return table === 'shops' ? row.id : (row.shopId ?? '');
}
