/**
 * The sync server as `npm run bench:sync` runs it: its own Node process (forked by bench/sync.ts),
 * so the benchmark's clients (Dexie on fake-indexeddb, the load generator) do not share its event
 * loop. The real node server of server/http.ts over the real SyncServer, on two free ports of
 * 127.0.0.1 over one database: one with the server's default rate limit (20 req/s per token,
 * burst 40), one with it off (`rateLimit: false`, as the tests turn it off).
 *
 * Storage: PGlite in BENCH_DATA_DIR (made and deleted by the parent), or PostgreSQL at
 * DATABASE_URL through BENCH_PG_OPENER, the name of the opener server/sql.ts exports for it.
 *
 * Each request's server-side time (from its headers being read to its reply handed to the socket)
 * is kept; the parent asks for them over IPC ({type: 'timings'}) and gets them, the list then
 * emptied, with the process's CPU time so far (user + system). {type: 'close'} closes the servers and the database, then the process exits.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createHttpServer } from '../server/http.ts';
import * as sqlModule from '../server/sql.ts';
import { SyncServer } from '../server/sync-server.ts';

export interface ServerTiming {
  path: string;
  status: number;
  ms: number;
}

export type FromServer = { type: 'ready'; ports: { limited: number; open: number } } | { type: 'timings'; timings: ServerTiming[]; cpuMs: number };
export type ToServer = { type: 'timings' } | { type: 'close' };

type Opened = { sql: sqlModule.Sql; close: () => Promise<void> };

async function openStorage(): Promise<Opened> {
  const opener = process.env.BENCH_PG_OPENER;
  if (opener) {
    const open = (sqlModule as unknown as Record<string, (url: string) => Promise<Opened>>)[opener]!;
    return open(process.env.DATABASE_URL!);
  }
  return sqlModule.openPGlite(process.env.BENCH_DATA_DIR);
}

const timings: ServerTiming[] = [];

function listen(sync: SyncServer): Promise<Server> {
  const server = createHttpServer(sync);
  // Called right after the server's own listener started on the request (its first await is the body).
  server.on('request', (req, res) => {
    const started = performance.now();
    res.on('finish', () => timings.push({ path: (req.url ?? '').split('?')[0]!, status: res.statusCode, ms: performance.now() - started }));
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const { sql, close } = await openStorage();
const limited = await SyncServer.open(sql);
const open = await SyncServer.open(sql, { rateLimit: false });
const servers = [await listen(limited), await listen(open)];
const port = (s: Server) => (s.address() as AddressInfo).port;
process.send!({ type: 'ready', ports: { limited: port(servers[0]!), open: port(servers[1]!) } } satisfies FromServer);

// The parent gone (crashed, killed): nothing more to serve.
process.on('disconnect', () => process.exit(0));

process.on('message', (message: ToServer) => {
  if (message.type === 'timings') {
    const { user, system } = process.cpuUsage();
    process.send!({ type: 'timings', timings: timings.splice(0), cpuMs: (user + system) / 1000 } satisfies FromServer);
  } else if (message.type === 'close') {
    for (const s of servers) s.closeAllConnections();
    void Promise.all(servers.map((s) => new Promise((r) => s.close(r))))
      .then(() => close())
      .finally(() => process.exit(0));
  }
});
