import type { Table } from 'dexie';
import { isSyncedTable, type SyncedTable } from '../sync/tables';
import type { BuyerLensDb } from './database';

/**
 * The database as a mutator sees it once sync is on: writes to synced tables first keep the
 * record as it was (in `syncBase`, once per record between two pulls), so a pull can put the
 * server's version back before re-applying the pending mutations. Reads pass through untouched.
 * Only put/bulkPut/add/bulkAdd/delete/bulkDelete are recorded; a mutator that modified synced
 * records another way (update, modify, clear) would escape the rebase, so those throw here.
 */
export function recordingDb(db: BuyerLensDb): BuyerLensDb {
  const wrapped = new Map<string, unknown>();
  return new Proxy(db, {
    get(target, prop) {
      if (typeof prop === 'string' && isSyncedTable(prop)) {
        let table = wrapped.get(prop);
        if (!table) wrapped.set(prop, (table = recordingTable(target, prop)));
        return table;
      }
      return Reflect.get(target, prop, target);
    },
  });
}

const WRITES = new Set(['put', 'bulkPut', 'add', 'bulkAdd', 'delete', 'bulkDelete']);
const UNRECORDED = new Set(['update', 'bulkUpdate', 'clear', 'upsert']);

function recordingTable(db: BuyerLensDb, name: SyncedTable) {
  const table = db.table(name) as Table<{ id: string }, string>;
  return new Proxy(table, {
    get(t, prop) {
      const value = Reflect.get(t, prop, t);
      if (typeof prop !== 'string' || typeof value !== 'function') return value;
      if (UNRECORDED.has(prop)) throw new Error(`${name}.${prop} in a mutator escapes the sync rebase: use put/bulkPut`);
      if (!WRITES.has(prop)) return value.bind(t);
      return async (...args: unknown[]) => {
        const first = args[0];
        const ids =
          prop === 'put' || prop === 'add'
            ? [(first as { id: string }).id]
            : prop === 'delete'
              ? [first as string]
              : prop === 'bulkDelete'
                ? (first as string[])
                : (first as { id: string }[]).map((r) => r.id);
        await keepBase(db, name, ids);
        return (value as (...a: unknown[]) => unknown).apply(t, args);
      };
    },
  });
}

/** Keep the current version of these records, unless one is already kept since the last pull. */
export async function keepBase(db: BuyerLensDb, table: SyncedTable, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)];
  const keys = unique.map((id) => `${table}\n${id}`);
  const kept = await db.syncBase.bulkGet(keys);
  const missing = unique.filter((_, i) => !kept[i]);
  if (!missing.length) return;
  const rows = await db.table(table).bulkGet(missing);
  await db.syncBase.bulkPut(missing.map((id, i) => ({ key: `${table}\n${id}`, table, row: rows[i] ?? null })));
}
