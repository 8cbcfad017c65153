/**
 * What the server needs of PostgreSQL: one `query(text, params) → {rows}` and transactions made
 * of the same. PGlite answers it directly; a PostgreSQL server (DATABASE_URL) answers it through
 * `pg` with a pooled client per transaction. The same SQL runs on both.
 *
 * What the server's SQL relies on means the same on both: a transaction runs on one connection
 * from BEGIN to COMMIT, so `set transaction isolation level repeatable read` as its first
 * statement gives a pull one snapshot, and `pg_advisory_xact_lock` / row locks taken inside it
 * are held until it ends (session-level advisory locks would outlive it on a pooled connection:
 * the server takes none).
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

/**
 * int8 as PGlite gives it (a number while it is exact, a bigint beyond), where `pg` would give a
 * string: the same rows come back from both.
 */
function parseInt8(text: string): number | bigint {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}

/**
 * A PostgreSQL server through a `pg` pool. Each transaction checks out one client for its whole
 * life (BEGIN … COMMIT, or ROLLBACK when `fn` throws) and releases it in `finally`; a client whose
 * ROLLBACK failed is destroyed rather than returned to the pool in an unknown state.
 */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<{ sql: Sql; close: () => Promise<void> }> {
  const { default: pg } = await import('pg');
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === pg.types.builtins.INT8 && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types });
  // An idle client whose connection drops (server restart) must not take the process down.
  pool.on('error', (e) => console.error(`PostgreSQL: idle connection lost: ${e.message}`));
  // Fail at start, with the server's reason, rather than at the first request.
  await pool.query('select 1');
  const sql: Sql = {
    query: async <R>(text: string, params?: unknown[]) => ({ rows: (await pool.query(text, params)).rows as R[] }),
    async transaction<T>(fn: (q: Query) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('begin');
        const result = await fn({ query: async <R>(text: string, params?: unknown[]) => ({ rows: (await client.query(text, params)).rows as R[] }) });
        // COMMIT of a transaction an error aborted answers ROLLBACK, not an error: say so.
        const done = await client.query('commit');
        if (done.command !== 'COMMIT') throw new Error(`PostgreSQL: the transaction was rolled back (${done.command}) after an earlier error`);
        return result;
      } catch (e) {
        await client.query('rollback').catch((rollbackError: Error) => (broken = rollbackError));
        throw e;
      } finally {
        client.release(broken);
      }
    },
  };
  return { sql, close: () => pool.end() };
}
