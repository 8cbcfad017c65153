import { createHttpServer } from './http';
import { openPGlite } from './sql';
import { SyncServer } from './sync-server';

/**
 * `npm run server`: PGlite in BUYERLENS_DATA (default ./.buyerlens-data), port PORT (default 8787).
 * Anyone who reaches the server may create a workspace (POST /v1/workspaces): fine for a server
 * only the team reaches; set BUYERLENS_OPEN_SIGNUP=0 once the team's workspace exists.
 */
const dataDir = process.env.BUYERLENS_DATA ?? './.buyerlens-data';
const port = Number(process.env.PORT ?? 8787);
const openSignup = process.env.BUYERLENS_OPEN_SIGNUP !== '0';
const { sql } = await openPGlite(dataDir);
const sync = await SyncServer.open(sql, { openSignup });
createHttpServer(sync).listen(port, () =>
  console.log(
    `BuyerLens sync server on http://127.0.0.1:${port} (data in ${dataDir}; ${openSignup ? 'anyone who reaches it may create a workspace' : 'workspace creation closed'})`,
  ),
);
