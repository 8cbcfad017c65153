import { isSyncedTable, shopOfRow, SYNCED_TABLES, type SyncedTable } from '../lib/sync/tables';
import { Forbidden } from './errors';
import type { Query } from './sql';

/**
 * A Dexie-shaped facade over the server's `records` table, so the client's mutators run on the
 * server unchanged. It offers exactly what the mutators call (grep lib/db/mutators*.ts,
 * import-records.ts, merge.ts, forget.ts, resolve-customers.ts, index-reads.ts):
 *   get, bulkGet, put, bulkPut, where(index).equals(v) / .anyOf(vs) → toArray, primaryKeys, count.
 * Anything else throws, so a future mutator calling something new fails loudly in the tests
 * instead of silently doing nothing on the server.
 *
 * Local-only tables are not server state: `merges` (undo snapshots) reads as empty and ignores
 * deletes (forgetCustomer drops stale ones); every other non-synced table (aggregates, outbox,
 * meta, staging, jobs, syncBase) throws if a mutator touches it.
 *
 * Every put assigns the record's shop its next `seq` (see nextSeq): the pull's change feed.
 * Records are never hard-deleted (deletion is the `deleted` flag, so it syncs).
 *
 * The tenant wall: records are keyed by workspace (`workspace_id`, '' for records from before
 * workspaces), and the facade reads and writes only its workspace's. Ids are derived from shop
 * ids and names, so another workspace could guess them: keyed by workspace, a record it makes
 * with such an id is its own and never touches this one. Writing a record of a shop the workspace
 * does not hold throws Forbidden: the mutation is rejected and nothing of it is written.
 */

/** Indexes per table, as the Dexie schema declares them (lib/db/database.ts). `keys` is multi-entry. */
const INDEXES: Record<SyncedTable, readonly string[]> = {
  shops: [],
  customers: ['shopId', 'keys'],
  orders: ['shopId', 'customerId'],
  tags: ['shopId'],
  taggings: ['shopId', 'customerId', 'tagId'],
  notes: ['shopId', 'customerId'],
  actionStates: ['shopId', 'customerId'],
  shopSettings: ['shopId'],
  recipes: ['origin'],
  segments: ['shopId'],
  forgotten: ['shopId'],
};

type Row = { id: string; shopId?: string } & Record<string, unknown>;

export interface RecordTablesOptions {
  /** Called once per record written, with the seq it got (tests and the change log use it). */
  onWrite?: (table: SyncedTable, id: string, seq: number) => void;
  /** The workspace whose records are read and written ('' when absent: records from before workspaces, tests). */
  workspaceId?: string;
  /** The shops the workspace holds: a record of any other shop is not written. Unchecked when absent. */
  shops?: ReadonlySet<string>;
}

function unsupported(what: string): never {
  throw new Error(`server record-tables: ${what} is not supported on the server facade (add it to server/record-tables.ts, with a test)`);
}

/** The shop's next change number. The row lock it takes is held until the transaction ends. */
export async function nextSeq(q: Query, shopId: string): Promise<number> {
  const { rows } = await q.query<{ seq: number | string }>(
    'insert into shop_seq (shop_id, seq) values ($1, 1) on conflict (shop_id) do update set seq = shop_seq.seq + 1 returning seq',
    [shopId],
  );
  return Number(rows[0]!.seq);
}

class Collection {
  constructor(
    private readonly q: Query,
    private readonly table: SyncedTable,
    private readonly index: string,
    private readonly values: readonly string[],
    private readonly workspaceId: string,
  ) {}

  async toArray(): Promise<Row[]> {
    return (await this.select('r.data')).map((r) => r.data as Row);
  }

  async primaryKeys(): Promise<string[]> {
    return (await this.select('r.id')).map((r) => r.id as string);
  }

  async count(): Promise<number> {
    return (await this.select('r.id')).length;
  }

  /** Rows in Dexie's order: by index value, then primary key; a multi-entry match once per matching value. */
  private async select(columns: string): Promise<Record<string, unknown>[]> {
    if (!this.values.length) return [];
    if (this.values.some((v) => typeof v !== 'string')) unsupported(`a non-string value on ${this.table}.${this.index}`);
    // Other workspaces' records are not there for this writer.
    const scope = 'and r.workspace_id = $3';
    const params = [this.table, this.values, this.workspaceId];
    if (this.index === 'keys') {
      const { rows } = await this.q.query(
        `select ${columns} from records r cross join lateral jsonb_array_elements_text(r.data->'keys') k(key)
         where r.tbl = $1 and r.data->'keys' ?| $2::text[] and k.key = any($2::text[]) ${scope} order by k.key, r.id`,
        params,
      );
      return rows;
    }
    const column = this.index === 'shopId' ? 'r.shop_id' : `r.data->>'${this.index}'`;
    const { rows } = await this.q.query(
      `select ${columns} from records r where r.tbl = $1 and ${column} = any($2::text[]) ${scope} order by ${column}, r.id`,
      params,
    );
    return rows;
  }
}

export class RecordTable {
  constructor(
    private readonly q: Query,
    readonly name: SyncedTable,
    private readonly options: RecordTablesOptions,
  ) {
    this.workspaceId = options.workspaceId ?? '';
  }

  private readonly workspaceId: string;

  async get(id: string): Promise<Row | undefined> {
    if (typeof id !== 'string') unsupported(`${this.name}.get with a non-string key`);
    const { rows } = await this.q.query<{ data: Row }>('select data from records where workspace_id = $1 and tbl = $2 and id = $3', [
      this.workspaceId,
      this.name,
      id,
    ]);
    return rows[0]?.data;
  }

  async bulkGet(ids: readonly string[]): Promise<(Row | undefined)[]> {
    if (!ids.length) return [];
    const { rows } = await this.q.query<{ id: string; data: Row }>(
      'select id, data from records where workspace_id = $1 and tbl = $2 and id = any($3::text[])',
      [this.workspaceId, this.name, [...new Set(ids)]],
    );
    const byId = new Map(rows.map((r) => [r.id, r.data]));
    return ids.map((id) => byId.get(id));
  }

  async put(row: Row): Promise<string> {
    if (typeof row?.id !== 'string') unsupported(`${this.name}.put of a record without a string id`);
    const shopId = shopOfRow(this.name, row);
    if (!shopId) throw new Error(`server record-tables: ${this.name} record ${row.id} has no shop`);
    if (this.options.shops && !this.options.shops.has(shopId)) throw new Forbidden(`shop ${shopId} is not this workspace's`);
    const seq = await nextSeq(this.q, shopId);
    // JSON drops undefined fields, as the wire does: what is stored is what every client gets.
    await this.q.query(
      `insert into records (workspace_id, tbl, id, shop_id, seq, data) values ($1, $2, $3, $4, $5, $6::jsonb)
       on conflict (workspace_id, tbl, id) do update set shop_id = excluded.shop_id, seq = excluded.seq, data = excluded.data`,
      [this.workspaceId, this.name, row.id, shopId, seq, JSON.stringify(row)],
    );
    this.options.onWrite?.(this.name, row.id, seq);
    return row.id;
  }

  async bulkPut(rows: readonly Row[]): Promise<string | undefined> {
    let last: string | undefined;
    for (const row of rows) last = await this.put(row);
    return last;
  }

  where(index: string) {
    if (!INDEXES[this.name].includes(index)) unsupported(`${this.name}.where('${index}')`);
    return {
      equals: (value: string) => new Collection(this.q, this.name, index, [value], this.workspaceId),
      anyOf: (...values: (string | readonly string[])[]) => {
        const list = values.length === 1 && Array.isArray(values[0]) ? (values[0] as readonly string[]) : (values as string[]);
        return new Collection(this.q, this.name, index, [...new Set(list)], this.workspaceId);
      },
    };
  }
}

/** Local-only on the client; the server holds none. */
const emptyLocalTable = {
  where: () => ({ equals: () => ({ toArray: async () => [] }), anyOf: () => ({ toArray: async () => [] }) }),
  bulkDelete: async () => undefined,
  delete: async () => undefined,
};

export type RecordTables = Record<SyncedTable, RecordTable> & { merges: typeof emptyLocalTable };

/** A table whose every unknown method (add, update, toArray, orderBy...) throws a clear error. */
function strict(table: RecordTable): RecordTable {
  return new Proxy(table, {
    get(t, prop, receiver) {
      if (typeof prop === 'symbol' || prop in t) return Reflect.get(t, prop, receiver);
      if (prop === 'then') return undefined;
      return unsupported(`${t.name}.${prop}`);
    },
  });
}

/**
 * The facade for one transaction: pass it to a mutator where it expects the Dexie database.
 * Unknown properties (a table the server does not hold, a Dexie method) throw when read.
 */
export function recordTables(q: Query, options: RecordTablesOptions = {}): RecordTables {
  const tables = Object.fromEntries(SYNCED_TABLES.map((name) => [name, strict(new RecordTable(q, name, options))])) as Record<SyncedTable, RecordTable>;
  const target = { ...tables, merges: emptyLocalTable };
  return new Proxy(target, {
    get(t, prop) {
      if (typeof prop === 'string' && prop in t) return t[prop as keyof typeof t];
      // `then` is probed when the facade passes through a promise resolution: not a table.
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      return unsupported(isSyncedTable(prop) ? `table ${prop}` : `db.${prop}`);
    },
  });
}
