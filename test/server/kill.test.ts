// @vitest-environment node
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { customerIdOf } from '@/lib/model/ids';
import type { OutboxEntry } from '@/lib/model/mutation';
import { push, type Transport } from '@/lib/sync/client';
import type { MemberAccess, PullResponse } from '@/lib/sync/protocol';
import type { Member } from '@/server/members';
import { openPGlite, openPostgres, type Sql } from '@/server/sql';
import { SyncServer } from '@/server/sync-server';
import { freshOwnerService, SHOP_ID } from '../db/helpers';
import { describeEachBackend, type Backend } from './backends';
import { team } from './team';

/**
 * Server killed mid-push, on PGlite (a data folder) and PostgreSQL (a fresh database): the real
 * server (`npm run server`: server/main.ts) in its own process, a real client (the real service on
 * fake-indexeddb, the real sync client) pushing one large batch over real HTTP, SIGKILL while the
 * push is being applied, the server started again on the same storage. Then:
 * - the server's lastMid for the client (read by a pull) covers exactly what is stored: every
 *   mutation with mid <= lastMid is in the records, none above it is;
 * - the client's next push completes the rest, and the client's records on the server then equal
 *   those of one uninterrupted run of the same mutations (an in-process server, in-memory PGlite).
 * Each round kills at another point: once a pull (polled beside the push) shows the server has
 * applied that share of the batch, or once that share of the push's expected duration has passed,
 * whichever comes first. (PGlite runs inside the server's event loop: while a push is applied no
 * other request is even read, so there only the clock can say when; the expected duration is
 * measured with an uninterrupted push first, then refined from each round's kill.)
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PG_URL = process.env.BUYERLENS_TEST_PG || undefined;
/** Mutations per batch: one push (PUSH_MAX_MUTATIONS is 500). */
const BATCH = 300;
/** How much of the batch the server is seen to have applied before each round kills it. */
const KILL_AT = [0.2, 0.45, 0.7];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolvePort(port));
    });
  });
}

/** The storage one server process runs on, kept across its restarts. */
interface Storage {
  env: Record<string, string>;
  dispose(): Promise<void>;
}

async function storageFor(backend: Backend): Promise<Storage> {
  if (backend.name === 'PGlite') {
    const dir = await mkdtemp(join(tmpdir(), 'buyerlens-kill-'));
    return { env: { BUYERLENS_DATA: dir }, dispose: () => rm(dir, { recursive: true, force: true }) };
  }
  const admin = await openPostgres(PG_URL!, { max: 1 });
  const db = `buyerlens_kill_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin.sql.query(`create database ${db}`);
  const url = new URL(PG_URL!);
  url.pathname = `/${db}`;
  return {
    env: { DATABASE_URL: url.toString() },
    async dispose() {
      try {
        await admin.sql.query(`drop database if exists ${db} with (force)`);
      } finally {
        await admin.close();
      }
    },
  };
}

/** `npm run server` in its own process; resolves once it listens. */
class ServerProcess {
  child?: ChildProcess;
  log = '';
  constructor(
    readonly port: number,
    private readonly storage: Storage,
  ) {}

  async start(): Promise<number> {
    const started = performance.now();
    const env: Record<string, string | undefined> = { ...process.env, ...this.storage.env, PORT: String(this.port), BUYERLENS_OPEN_SIGNUP: '1' };
    if (!this.storage.env.DATABASE_URL) delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    await new Promise<void>((ready, fail) => {
      const onData = (d: Buffer) => {
        this.log += d.toString();
        if (/sync server on/.test(this.log)) ready();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (d: Buffer) => (this.log += d.toString()));
      child.on('exit', (code, signal) => fail(new Error(`the server exited (${code ?? signal}) before listening:\n${this.log}`)));
    });
    return performance.now() - started;
  }

  /** SIGKILL, and wait until the process is gone (its storage is free again). */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;
  }
}

describeEachBackend((backend) => {
  let storage: Storage;
  let server: ServerProcess;
  let owner: MemberAccess;
  const base = () => `http://127.0.0.1:${server.port}`;
  const figures: string[] = [];

  async function post(path: string, body: unknown, token?: string): Promise<unknown> {
    const res = await fetch(base() + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as unknown;
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  }
  const transport = (async (path: string, body: unknown) => post(path, body, owner.token)) as Transport;

  /** The uninterrupted run: an in-process server on in-memory PGlite, one workspace for every round. */
  let reference: { server: SyncServer; member: Member; close: () => Promise<void>; sql: Sql };

  beforeAll(async () => {
    const opened = await openPGlite();
    const refServer = await SyncServer.open(opened.sql, { rateLimit: false });
    reference = { server: refServer, member: (await team(refServer, []))[0]!.member, close: opened.close, sql: opened.sql };
    storage = await storageFor(backend);
    server = new ServerProcess(await freePort(), storage);
    figures.push(`first start ${Math.round(await server.start())} ms`);
    owner = (await post('/v1/workspaces', { name: 'Kill team', ownerName: 'Olga' })) as MemberAccess;
  }, 30_000);
  afterAll(async () => {
    await reference?.close();
    await server?.kill();
    await storage?.dispose();
    console.log(`kill test on ${backend.name}: ${figures.join('; ')}`);
  });

  /** A real client whose outbox holds BATCH new notes (one note.put each), and those entries. */
  async function clientWithBatch(round: number) {
    const client = freshOwnerService();
    await client.db.meta.put({ key: 'memberId', value: owner.memberId });
    await push(client.db, transport); // sync on, so a later pull may rebase
    const t0 = performance.now();
    for (let i = 0; i < BATCH; i++) {
      await client.service['note.save']({ shopId: SHOP_ID, customerId: customerIdOf(SHOP_ID, `nick:buyer${i % 37}`), text: `round ${round} note ${i}` });
    }
    if (round === 0) figures.push(`writing ${BATCH} notes through the service ${Math.round(performance.now() - t0)} ms`);
    const entries = await client.db.outbox.orderBy('mid').toArray();
    expect(entries.map((e) => e.name)).toEqual(Array(BATCH).fill('note.put'));
    return { client, entries };
  }

  const noteIdOf = (e: OutboxEntry) => (e.args as { noteId: string }).noteId;

  /** What the server holds of these notes (data by id), and the client's lastMid, from one pull. */
  async function serverView(clientId: string, entries: readonly OutboxEntry[]) {
    const reply = (await post('/v1/pull', { clientId, cookie: null }, owner.token)) as PullResponse;
    const wanted = new Set(entries.map(noteIdOf));
    const notes = new Map(reply.changes.filter((c) => c.table === 'notes' && wanted.has(c.row.id)).map((c) => [c.row.id, c.row]));
    return { lastMid: reply.lastMid, notes };
  }

  /** The writer is the member, whose id differs between the two servers. */
  const comparable = (row: Record<string, unknown>) => JSON.stringify({ ...row, updatedBy: 'member', authorId: 'member' });

  /** The same mutations (same client id, mids, arguments and stamps) pushed without interruption to the reference server. */
  async function uninterrupted(clientId: string, entries: readonly OutboxEntry[]) {
    const reply = await reference.server.push(reference.member, { clientId, mutations: entries.map((e) => ({ mid: e.mid!, name: e.name, args: e.args, hlc: e.hlc })) });
    expect(reply).toEqual({ lastMid: entries.at(-1)!.mid, rejected: [] });
    const { rows } = await reference.sql.query<{ id: string; data: Record<string, unknown> }>("select id, data from records where tbl = 'notes' and id = any($1::text[])", [
      entries.map(noteIdOf),
    ]);
    return new Map(rows.map((r) => [r.id, comparable(r.data)]));
  }

  /** Poll the server's lastMid for the client (a pull from the latest cookie, so each costs little) until it reaches `mid`. */
  async function whenApplied(clientId: string, mid: number, done: () => boolean): Promise<number> {
    let cookie: PullResponse['cookie'] = null;
    for (;;) {
      const reply = (await post('/v1/pull', { clientId, cookie }, owner.token)) as PullResponse;
      if (reply.lastMid >= mid || done()) return reply.lastMid;
      cookie = reply.cookie;
      await sleep(40);
    }
  }

  it(
    'a server killed mid-push holds exactly the mutations up to lastMid; the next push completes them as one uninterrupted run would',
    async () => {
      const fileStarted = performance.now();
      // An uninterrupted push over real HTTP, timed: the first estimate of where the kills go.
      const calibration = await clientWithBatch(0);
      const t0 = performance.now();
      expect(await push(calibration.client.db, transport)).toMatchObject({ sent: BATCH, acknowledged: BATCH, rejected: [] });
      let expectedMs = performance.now() - t0;
      figures.push(`uninterrupted push of ${BATCH} mutations ${Math.round(expectedMs)} ms`);
      await calibration.client.db.delete();

      let midPush = 0;
      let missed = 0;
      for (let round = 0; round < KILL_AT.length; ) {
        const at = KILL_AT[round]!;
        const { client, entries } = await clientWithBatch(round + 1);
        const clientId = entries[0]!.clientId;
        const mids = entries.map((e) => e.mid!);

        // Push, and SIGKILL the server once it has applied that share of the batch (or that share of the time).
        const started = performance.now();
        const deadline = started + expectedMs * at;
        let settled = false;
        const pushing = push(client.db, transport).then(
          () => 'completed' as const,
          (e: Error) => e,
        );
        void pushing.finally(() => (settled = true));
        const seen = await Promise.race([
          whenApplied(clientId, mids[Math.floor(BATCH * at)]!, () => settled || performance.now() >= deadline),
          sleep(deadline - performance.now()).then(() => 0),
        ]);
        await server.kill();
        const killedAfter = performance.now() - started;
        const outcome = await pushing;
        // The uninterrupted run of the same mutations, meanwhile (in this process).
        const [restartMs, want] = await Promise.all([server.start(), uninterrupted(clientId, entries)]);
        if (outcome === 'completed') {
          // Too late: the push was done. Not what this round is for: again, sooner.
          expect((await serverView(clientId, entries)).lastMid).toBe(mids.at(-1));
          expect(++missed, 'kills that came after the push had completed').toBeLessThanOrEqual(4);
          figures.push(`killed ${Math.round(killedAfter)} ms into the push: too late, again sooner`);
          expectedMs *= 0.6;
          await client.db.delete();
          continue;
        }
        expect(await client.db.outbox.count(), 'nothing was acknowledged to the client').toBe(BATCH);

        // Started again on the same storage: what it holds is exactly what lastMid says.
        const { lastMid, notes } = await serverView(clientId, entries);
        const kept = entries.filter((e) => e.mid! <= lastMid).map(noteIdOf);
        const lost = entries.filter((e) => e.mid! > lastMid).map(noteIdOf);
        expect(kept.filter((id) => !notes.has(id)), 'mutations at or below lastMid missing from the records').toEqual([]);
        expect(lost.filter((id) => notes.has(id)), 'mutations above lastMid present in the records').toEqual([]);
        expect(lastMid === 0 || mids.includes(lastMid)).toBe(true);
        if (lastMid > mids[0]! - 1 && lastMid < mids.at(-1)!) midPush++;
        // The server's pace as this round saw it, for the next round's clock.
        if (kept.length) expectedMs = Math.min(expectedMs, (killedAfter * BATCH) / kept.length);
        expect(lastMid).toBeGreaterThanOrEqual(seen);
        figures.push(`killed ${Math.round(killedAfter)} ms into the push, ${kept.length}/${BATCH} applied (seen ${seen - mids[0]! + 1}), restart ${Math.round(restartMs)} ms`);

        // The next push completes the rest; the result is what one uninterrupted run gives.
        for (let i = 0; i < 5 && (await client.db.outbox.count()); i++) await push(client.db, transport);
        expect(await client.db.outbox.count()).toBe(0);
        const after = await serverView(clientId, entries);
        expect(after.lastMid).toBe(mids.at(-1));
        const got = new Map([...after.notes].map(([id, row]) => [id, comparable(row)]));
        expect(got.size).toBe(BATCH);
        expect([...got].sort()).toEqual([...want].sort());
        await client.db.delete();
        round++;
      }
      figures.push(`${midPush}/${KILL_AT.length} kills landed mid-push; whole run ${((performance.now() - fileStarted) / 1000).toFixed(1)} s`);
      // Every kill landed while the push was being applied, or the test showed nothing.
      expect(midPush).toBe(KILL_AT.length);
    },
    60_000,
  );
});
