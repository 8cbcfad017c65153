import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { openPGlite, openPostgres, type Sql } from '@/server/sql';

/**
 * The databases the server tests run on: PGlite in memory always; a real PostgreSQL when
 * BUYERLENS_TEST_PG names a server where the tests may create and drop databases
 * (e.g. postgres://postgres:postgres@127.0.0.1:5432/postgres; .ci/run sets it up and exports it).
 * Each `open()` is a fresh, empty database of its own, gone after `close()`.
 */
export interface Backend {
  readonly name: 'PGlite' | 'PostgreSQL';
  open(): Promise<{ sql: Sql; close: () => Promise<void> }>;
}

const PG_URL = process.env.BUYERLENS_TEST_PG || undefined;

const pglite: Backend = { name: 'PGlite', open: () => openPGlite() };

const postgres: Backend = {
  name: 'PostgreSQL',
  async open() {
    const admin = await openPostgres(PG_URL!, { max: 1 });
    // Unique across test files running at once and across runs that died before dropping theirs.
    const db = `buyerlens_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    try {
      await admin.sql.query(`create database ${db}`);
    } catch (e) {
      await admin.close();
      throw e;
    }
    const url = new URL(PG_URL!);
    url.pathname = `/${db}`;
    const opened = await openPostgres(url.toString());
    return {
      sql: opened.sql,
      async close() {
        await opened.close();
        try {
          // pool.end() resolves before its connections have quite gone: wait for them rather
          // than force them (a forced end shows as a lost connection in the log), then force.
          for (let i = 0; ; i++) {
            try {
              await admin.sql.query(`drop database if exists ${db}${i < 40 ? '' : ' with (force)'}`);
              break;
            } catch (e) {
              if (i >= 40 || (e as { code?: string }).code !== '55006') throw e; // 55006: still in use
              await new Promise((r) => setTimeout(r, 25));
            }
          }
        } finally {
          await admin.close();
        }
      },
    };
  },
};

/** The backends available here. */
export const BACKENDS: readonly Backend[] = PG_URL ? [pglite, postgres] : [pglite];

/** The one-line reason the PostgreSQL variants are skipped, or undefined when they run. */
export const PG_SKIP_REASON = PG_URL ? undefined : 'BUYERLENS_TEST_PG is not set (a postgres:// URL of a server where the tests may create and drop databases)';

/**
 * `describe.each` over the available backends; without PostgreSQL its variant is registered
 * skipped, under a name that says why, so a run on PGlite alone shows what it did not test.
 */
export function describeEachBackend(suite: (backend: Backend) => void): void {
  describe.each(BACKENDS.map((b) => [b.name, b] as const))('on %s', (_, backend) => suite(backend));
  if (PG_SKIP_REASON) describe.skip('on PostgreSQL (skipped: BUYERLENS_TEST_PG is not set)', () => suite(postgres));
}
