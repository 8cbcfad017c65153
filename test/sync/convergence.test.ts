// @vitest-environment node
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYNCED_TABLES } from '@/lib/sync/tables';
import { pull, push, type Transport } from '@/lib/sync/client';
import { customerIdOf, orderRecordIdOf, tagIdOf, taggingIdOf } from '@/lib/model/ids';
import type { OutboxEntry } from '@/lib/model/mutation';
import type { BuyerLensDb } from '@/lib/db/database';
import { RpcError } from '@/lib/rpc/server';
import { handle } from '@/server/http';
import type { Sql } from '@/server/sql';
import { SyncServer } from '@/server/sync-server';
import { buyer, freshOwnerService, order, SHOP, SHOP_ID } from '../db/helpers';
import { describeEachBackend } from '../server/backends';
import { team, truncateAll } from '../server/team';

/**
 * Convergence of the sync core: three real clients (the real service writing real outbox entries
 * into their own fake-indexeddb databases, the real sync client) against the real server on one
 * database (in-memory PGlite, and a fresh PostgreSQL database when BUYERLENS_TEST_PG is set), through the real HTTP handler (JSON both ways). Random operations, offline
 * periods, duplicated and replayed (reordered) pushes, requests dropped before the server saw
 * them, replies lost after the server committed, server restarts. After draining, every replica
 * holds exactly the server's synced records, nothing acknowledged is lost, and taggings equal an
 * add-wins model computed from the operations. The clients are three members of one workspace
 * (owner, seller, seller), each pushing and pulling with its own token; every record's writer is
 * one of them.
 */

/** What the runs exercised, printed at the end (a property that tested nothing would show here). */
let stats = { runs: 0, steps: 0, mutations: 0, records: 0, writers: 0 };
/** The database of the backend under test (the suites of a file run one after another). */
let sql: Sql;

/** No rate limit: the run sends hundreds of requests per second per token, which is not the subject here. */
const OPTIONS = { rateLimit: false } as const;

const NICKS = ['ana', 'bo', 'cy'];
const TAGS = ['vip', 'new'];
const cid = (i: number) => customerIdOf(SHOP_ID, `nick:${NICKS[i % NICKS.length]}`);
const tid = (i: number) => tagIdOf(SHOP_ID, TAGS[i % TAGS.length]!);

type Client = 0 | 1 | 2;
type Op = 'seen' | 'tagCreate' | 'tagAdd' | 'tagRemove' | 'noteNew' | 'noteEdit' | 'noteDelete';
type PushFault = 'ok' | 'dup' | 'lost' | 'drop' | 'replay';
type PullFault = 'ok' | 'lost' | 'drop';
type Step =
  | { k: 'op'; c: Client; op: Op; a: number; b: number }
  | { k: 'push'; c: Client; fault: PushFault }
  | { k: 'pull'; c: Client; fault: PullFault }
  | { k: 'offline'; c: Client; on: boolean }
  | { k: 'restart' };

const client = fc.constantFrom<Client>(0, 1, 2);
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      k: fc.constant('op' as const),
      c: client,
      op: fc.constantFrom<Op>('seen', 'tagCreate', 'tagCreate', 'tagAdd', 'tagAdd', 'tagAdd', 'tagRemove', 'tagRemove', 'noteNew', 'noteEdit', 'noteEdit', 'noteDelete'),
      a: fc.nat(3),
      b: fc.nat(3),
    }),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('push' as const), c: client, fault: fc.constantFrom<PushFault>('ok', 'ok', 'dup', 'lost', 'drop', 'replay') }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('pull' as const), c: client, fault: fc.constantFrom<PullFault>('ok', 'ok', 'lost', 'drop') }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('offline' as const), c: client, on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ k: 'restart' as const }) },
);

async function run(steps: Step[]) {
  await truncateAll(sql);
  let server = await SyncServer.open(sql, OPTIONS);
  const members = await team(server, ['seller', 'seller']);
  let clock = Date.now() - 3_600_000;
  const now = () => (clock += 7);
  const clients = [0, 1, 2].map(() => freshOwnerService({ now }));
  // Each browser writes as its member, as the server records it.
  for (const [i, x] of clients.entries()) await x.db.meta.put({ key: 'memberId', value: members[i]!.memberId });
  const offline = [false, false, false];
  const history: OutboxEntry[][] = [[], [], []];
  const seen = [0, 0, 0];
  const sentPushes: string[][] = [[], [], []];
  const serverErrors: unknown[] = [];
  let text = 0;

  const send = async (c: Client, path: string, body: string) => {
    const reply = await handle(server, { method: 'POST', path, body, headers: { authorization: `Bearer ${members[c]!.token}` } });
    if (reply.status !== 200) {
      serverErrors.push(reply.body);
      throw new Error(`server answered ${reply.status}`);
    }
    return JSON.parse(JSON.stringify(reply.body)) as unknown;
  };
  const transport = (c: Client, fault: PushFault | PullFault, pick = 0): Transport =>
    (async (path: string, body: unknown) => {
      if (fault === 'drop') throw new Error('dropped before the server');
      const json = JSON.stringify(body);
      if (path === '/v1/push') {
        // An earlier push of this client arrives late, before this one (reordered delivery).
        const earlier = sentPushes[c]!;
        if (fault === 'replay' && earlier.length) await send(c, path, earlier[pick % earlier.length]!);
        earlier.push(json);
      }
      const reply = await send(c, path, json);
      if (fault === 'dup') await send(c, path, json);
      if (fault === 'lost') throw new Error('reply lost after the server committed');
      return reply;
    }) as Transport;

  const collect = async (c: Client) => {
    const db = clients[c]!.db;
    const fresh = await db.outbox.where('mid').above(seen[c]!).toArray();
    for (const e of fresh) seen[c] = Math.max(seen[c]!, e.mid!);
    history[c]!.push(...fresh);
  };

  const apply = async (s: Extract<Step, { k: 'op' }>) => {
    const { service, db } = clients[s.c]!;
    const liveNotes = async () => (await db.notes.toArray()).filter((n) => !n.deleted).sort((x, y) => (x.id < y.id ? -1 : 1));
    try {
      switch (s.op) {
        case 'seen':
          await service['page.seen']({ shop: SHOP, orders: [order(`o${s.a % 4}`, NICKS[s.b % 3]!, 1000 + s.a * 100 + s.b)], buyers: [] });
          break;
        case 'tagCreate':
          await service['tag.create']({ shopId: SHOP_ID, name: TAGS[s.a % TAGS.length]! });
          break;
        case 'tagAdd':
          // A person tags with a tag they just made when their browser has none yet.
          if (!(await db.tags.get(tid(s.a)))) await service['tag.create']({ shopId: SHOP_ID, name: TAGS[s.a % TAGS.length]! });
          await service['tagging.add']({ shop: SHOP, tagId: tid(s.a), buyers: [buyer(NICKS[s.b % 3]!)] });
          break;
        case 'tagRemove':
          await service['tagging.remove']({ shopId: SHOP_ID, tagId: tid(s.a), customerIds: [cid(s.b)] });
          break;
        case 'noteNew':
          await service['note.save']({ shopId: SHOP_ID, customerId: cid(s.b), text: `text ${s.c}-${text++}` });
          break;
        case 'noteEdit': {
          const notes = await liveNotes();
          const n = notes[s.a % Math.max(1, notes.length)];
          if (n) await service['note.save']({ shopId: SHOP_ID, customerId: n.customerId, noteId: n.id, baseRev: n.rev, text: `text ${s.c}-${text++}` });
          break;
        }
        case 'noteDelete': {
          const notes = await liveNotes();
          const n = notes[s.a % Math.max(1, notes.length)];
          if (n) await service['note.delete']({ shopId: SHOP_ID, noteId: n.id });
          break;
        }
      }
    } catch (e) {
      // A refusal a person would see (an unknown tag here, a tag that exists already) is fine.
      if (!(e instanceof RpcError)) throw e;
    }
    await collect(s.c);
  };

  let pick = 0;
  for (const s of steps) {
    if (s.k === 'op') await apply(s);
    else if (s.k === 'offline') offline[s.c] = s.on;
    else if (s.k === 'restart') server = await SyncServer.open(sql, OPTIONS);
    else if (!offline[s.c]) {
      const db = clients[s.c]!.db;
      const t = transport(s.c, s.fault, pick++);
      await (s.k === 'push' ? push(db, t) : pull(db, t)).catch((e: Error) => {
        if (!/dropped|lost|server answered/.test(e.message)) throw e;
      });
    }
  }

  // Drain: everyone back online, pushing until the outboxes are empty, pulling, then once more.
  for (let round = 0; round < 10; round++) {
    for (const c of [0, 1, 2] as Client[]) {
      const db = clients[c]!.db;
      for (let i = 0; i < 20 && (await db.outbox.count()); i++) await push(db, transport(c, 'ok'));
      expect((await pull(db, transport(c, 'ok'))).status).toBe('pulled');
    }
    const counts = await Promise.all(clients.map((x) => x.db.outbox.count()));
    if (counts.every((n) => n === 0)) break;
  }
  for (const c of [0, 1, 2] as Client[]) await pull(clients[c]!.db, transport(c, 'ok'));

  stats.runs++;
  stats.steps += steps.length;
  stats.mutations += history.flat().length;
  stats.records += Number((await sql.query<{ n: number }>('select count(*)::int as n from records')).rows[0]!.n);
  try {
    await check(clients.map((x) => x.db), history.flat(), serverErrors, new Set(members.map((m) => m.memberId)));
  } finally {
    for (const x of clients) await x.db.delete();
  }
}

const sortById = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
/** Records as JSON carries them (undefined fields gone), so IndexedDB and jsonb rows compare. */
const plain = <T,>(rows: T) => JSON.parse(JSON.stringify(rows)) as T;

async function check(dbs: BuyerLensDb[], history: OutboxEntry[], serverErrors: unknown[], memberIds: Set<string>) {
  expect(serverErrors).toEqual([]);
  for (const db of dbs) expect(await db.outbox.count()).toBe(0);

  // Every replica holds exactly the server's records.
  const { rows } = await sql.query<{ tbl: string; data: { id: string } }>('select tbl, data from records');
  for (const table of SYNCED_TABLES) {
    const serverRows = sortById(rows.filter((r) => r.tbl === table).map((r) => r.data));
    for (const db of dbs) expect(plain(sortById(await db.table(table).toArray())), table).toEqual(serverRows);
  }
  // Derived figures agree too (rebuilt from the same orders).
  const aggregates = await Promise.all(dbs.map(async (db) => plain(await db.aggregates.orderBy('customerId').toArray())));
  expect(aggregates[1]).toEqual(aggregates[0]);
  expect(aggregates[2]).toEqual(aggregates[0]);

  const server = new Map(rows.map((r) => [`${r.tbl}\n${r.data.id}`, r.data as Record<string, unknown>]));

  // Every record's writer (and every note's author) is a member of the workspace.
  for (const r of rows) {
    const { updatedBy, authorId } = r.data as { updatedBy?: string; authorId?: string };
    if (updatedBy !== undefined) expect(memberIds.has(updatedBy), `${r.tbl} ${r.data.id} written by ${updatedBy}`).toBe(true);
    if (authorId !== undefined) expect(memberIds.has(authorId), `${r.tbl} ${r.data.id} by ${authorId}`).toBe(true);
  }
  stats.writers += rows.filter((r) => 'updatedBy' in r.data).length;

  // Taggings equal the add-wins model: every add id ever added, minus those a remove had seen.
  const adds = new Map<string, Set<string>>();
  const retired = new Set<string>();
  for (const e of history) {
    if (e.name === 'tagging.add') {
      const { tagId, adds: list } = e.args as { tagId: string; adds: { customerId: string; addId: string }[] };
      for (const a of list) {
        const id = taggingIdOf(a.customerId, tagId);
        (adds.get(id) ?? adds.set(id, new Set()).get(id)!).add(a.addId);
      }
    } else if (e.name === 'tagging.remove') {
      for (const r of (e.args as { removes: { addIds: string[] }[] }).removes) for (const a of r.addIds) retired.add(a);
    }
  }
  const taggings = rows.filter((r) => r.tbl === 'taggings').map((r) => r.data as unknown as { id: string; addIds: string[] });
  for (const t of taggings) {
    expect([...t.addIds].sort(), t.id).toEqual([...(adds.get(t.id) ?? [])].filter((a) => !retired.has(a)).sort());
  }
  for (const [id, set] of adds) if ([...set].some((a) => !retired.has(a))) expect(server.has(`taggings\n${id}`), id).toBe(true);

  // Nothing acknowledged is lost: every mutation is dealt with, and what it wrote is there.
  const { rows: lastMids } = await sql.query<{ client_id: string; last_mid: number }>('select client_id, last_mid from clients');
  const lastMidOf = new Map(lastMids.map((r) => [r.client_id, Number(r.last_mid)]));
  const { rows: rejected } = await sql.query('select * from rejected');
  expect(rejected).toEqual([]);
  const notes = rows.filter((r) => r.tbl === 'notes').map((r) => r.data as unknown as { id: string; text: string; conflictOf?: string });
  for (const e of history) {
    expect(lastMidOf.get(e.clientId) ?? 0).toBeGreaterThanOrEqual(e.mid!);
    if (e.name === 'tag.put') expect(server.has(`tags\n${(e.args as { tagId: string }).tagId}`)).toBe(true);
    if (e.name === 'sightings.record') {
      for (const o of (e.args as { orders: { orderId: string }[] }).orders) expect(server.has(`orders\n${orderRecordIdOf(SHOP_ID, o.orderId)}`)).toBe(true);
    }
    if (e.name === 'note.put') {
      const { noteId, text } = e.args as { noteId: string; text: string };
      const superseded = history.some((o) => o !== e && o.name === 'note.put' && (o.args as { noteId: string }).noteId === noteId);
      if (!superseded) expect(notes.some((n) => (n.id === noteId || n.conflictOf === noteId) && n.text === text), text).toBe(true);
      expect(notes.some((n) => n.id === noteId)).toBe(true);
    }
  }
}

describeEachBackend((backend) => {
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ sql, close } = await backend.open());
    await SyncServer.open(sql, OPTIONS);
    stats = { runs: 0, steps: 0, mutations: 0, records: 0, writers: 0 };
  }, 60_000);
  afterAll(async () => {
    console.log(
      `convergence on ${backend.name}: ${stats.runs} runs, ${stats.steps} steps, ${stats.mutations} mutations, ${stats.records} server records at the ends, ${stats.writers} writers checked to be members`,
    );
    await close();
  });

  // PostgreSQL's round trips cost more than in-process PGlite's: fewer seeds there (SYNC_RUNS_PG).
  const numRuns = Number((backend.name === 'PostgreSQL' ? process.env.SYNC_RUNS_PG : process.env.SYNC_RUNS) ?? (backend.name === 'PostgreSQL' ? 50 : 100));

  it('three clients converge with the server under lost, duplicated and reordered deliveries, offline periods and restarts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 50, size: 'max' }), async (steps) => {
        await run(steps);
      }),
      { numRuns, verbose: 1, ...(process.env.SYNC_SEED ? { seed: Number(process.env.SYNC_SEED) } : {}) },
    );
  }, 600_000);
});
