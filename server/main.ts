import { createHttpServer } from './http';
import { openPGlite, openPostgres } from './sql';
import { SyncServer } from './sync-server';

/**
 * `npm run server`: PostgreSQL when DATABASE_URL is set (postgres://user:password@host:5432/db;
 * the server keeps no state of its own, so several instances may share one database), else PGlite
 * in BUYERLENS_DATA (default ./.buyerlens-data). Port PORT (default 8787).
 * Anyone who reaches the server may create a workspace (POST /v1/workspaces): fine for a server
 * only the team reaches; set BUYERLENS_OPEN_SIGNUP=0 once the team's workspace exists.
 */
const databaseUrl = process.env.DATABASE_URL;
const dataDir = process.env.BUYERLENS_DATA ?? './.buyerlens-data';
const port = Number(process.env.PORT ?? 8787);
const openSignup = process.env.BUYERLENS_OPEN_SIGNUP !== '0';
const { sql } = databaseUrl ? await openPostgres(databaseUrl) : await openPGlite(dataDir);
const storage = databaseUrl ? `PostgreSQL at ${redact(databaseUrl)}` : `PGlite, data in ${dataDir}`;
const sync = await SyncServer.open(sql, { openSignup });
createHttpServer(sync).listen(port, () =>
  console.log(
    `BuyerLens sync server on http://127.0.0.1:${port} (${storage}; ${openSignup ? 'anyone who reaches it may create a workspace' : 'workspace creation closed'})`,
  ),
);

/** The URL without its password, for the log. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
