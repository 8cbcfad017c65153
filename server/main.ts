import { createHttpServer } from './http';
import { openPGlite } from './sql';
import { SyncServer } from './sync-server';

/** `npm run server`: PGlite in BUYERLENS_DATA (default ./.buyerlens-data), port PORT (default 8787). */
const dataDir = process.env.BUYERLENS_DATA ?? './.buyerlens-data';
const port = Number(process.env.PORT ?? 8787);
const { sql } = await openPGlite(dataDir);
const sync = await SyncServer.open(sql);
createHttpServer(sync).listen(port, () => console.log(`BuyerLens sync server on http://127.0.0.1:${port} (data in ${dataDir})`));
