/**
 * Vitest global setup: one line, once per run, saying whether the server tests also run on
 * PostgreSQL (BUYERLENS_TEST_PG, see test/server/backends.ts), and if not, why not.
 */
export default function setup(): void {
  const url = process.env.BUYERLENS_TEST_PG;
  if (!url) {
    console.log('server tests: PGlite only; PostgreSQL variants skipped: BUYERLENS_TEST_PG is not set (a postgres:// URL of a server where the tests may create and drop databases)');
    return;
  }
  let where = 'BUYERLENS_TEST_PG';
  try {
    const u = new URL(url);
    where = `${u.hostname}:${u.port || 5432}`;
  } catch {
    // An unparsable URL fails loudly in the tests themselves.
  }
  console.log(`server tests: PGlite and PostgreSQL at ${where} (a database per suite, dropped after)`);
}
