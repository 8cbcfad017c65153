import { createHttpServer } from './http';
import { openPGlite, openPostgres } from './sql';
import { SyncServer } from './sync-server';

/**
 * `npm run server`: PostgreSQL when DATABASE_URL is set (postgres://user:password@host:5432/db;
 * the server keeps no state of its own, so several instances may share one database), else PGlite
 * in BUYERLENS_DATA (default ./.buyerlens-data). Port PORT (default 8787).
 * Anyone who reaches the server may create a workspace (POST /v1/workspaces): fine for a server
 * only the team reaches; set BUYERLENS_OPEN_SIGNUP=0 once the team's workspace exists.
 * Deletions (tombstones) are purged once BUYERLENS_HORIZON_DAYS old (default 30): at start and
 * every 6 hours; a client last synced before a purge gets a full reset (its pending writes kept).
 */
const databaseUrl = process.env.DATABASE_URL;
const dataDir = process.env.BUYERLENS_DATA ?? './.buyerlens-data';
const port = Number(process.env.PORT ?? 8787);
const openSignup = process.env.BUYERLENS_OPEN_SIGNUP !== '0';
const horizonDays = Number(process.env.BUYERLENS_HORIZON_DAYS ?? 30);
if (!(horizonDays > 0)) {
  console.error(`BUYERLENS_HORIZON_DAYS must be a number of days > 0, not ${process.env.BUYERLENS_HORIZON_DAYS}`);
  process.exit(1);
}
const COMPACT_EVERY_MS = 6 * 3_600_000;
const { sql } = databaseUrl ? await openPostgres(databaseUrl) : await openPGlite(dataDir);
const storage = databaseUrl ? `PostgreSQL at ${redact(databaseUrl)}` : `PGlite, data in ${dataDir}`;
const sync = await SyncServer.open(sql, { openSignup });
createHttpServer(sync).listen(port, () =>
  console.log(
    `BuyerLens sync server on http://127.0.0.1:${port} (${storage}; ${openSignup ? 'anyone who reaches it may create a workspace' : 'workspace creation closed'})`,
  ),
);

/** One compaction; a failure is logged and the next run tries again (the server keeps serving). */
async function compact() {
  try {
    const { shops, purged, byTable } = await sync.compact({ olderThanMs: horizonDays * 24 * 3_600_000 });
    if (purged) console.log(`compaction: ${purged} tombstones older than ${horizonDays} days purged over ${shops} shops (${JSON.stringify(byTable)})`);
  } catch (e) {
    console.error('compaction failed', e);
  }
}
void compact();
// unref: the timer alone does not keep the process alive.
setInterval(() => void compact(), COMPACT_EVERY_MS).unref();

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
