/**
 * What the server needs of PostgreSQL: one `query(text, params) → {rows}` and transactions made
 * of the same. PGlite answers it directly; `pg` (a later slice, DATABASE_URL) answers it with a
 * pooled client per transaction. Nothing here is PGlite-specific SQL.
 */
export interface Query {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

export interface Sql extends Query {
  /** Run `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (q: Query) => Promise<T>): Promise<T>;
}

interface PGliteLike {
  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
  transaction<T>(fn: (tx: { query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }> }) => Promise<T>): Promise<T>;
}

export function sqlOfPGlite(db: PGliteLike): Sql {
  return {
    query: (text, params) => db.query(text, params),
    transaction: (fn) => db.transaction((tx) => fn({ query: (text, params) => tx.query(text, params) })),
  };
}

/** PGlite in memory (no dataDir) or in a data folder: nothing to install. */
export async function openPGlite(dataDir?: string): Promise<{ sql: Sql; close: () => Promise<void> }> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  return { sql: sqlOfPGlite(db), close: () => db.close() };
}
