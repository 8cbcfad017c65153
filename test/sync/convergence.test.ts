// @vitest-environment node
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYNCED_TABLES } from '@/lib/sync/tables';
import { enableSync, pull, push, type Transport } from '@/lib/sync/client';
import { SEGMENT_HISTORY_MAX, type Customer, type Segment, type Tagging } from '@/lib/model/entities';
import { customerIdOf, orderRecordIdOf, segmentIdOf, tagIdOf, taggingIdOf } from '@/lib/model/ids';
import type { MutationArgs, OutboxEntry } from '@/lib/model/mutation';
import type { BuyerLensDb } from '@/lib/db/database';
import { compareStamps } from '@/lib/db/mutators';
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
 * holds exactly the server's synced records, nothing acknowledged is lost, taggings equal an
 * add-wins model computed from the operations, customer fields (names from pages, contact from
 * imports, the values a merge chose) equal the write with the highest (hlc, clientId), and what
 * was tagged, noted or ordered on a merged customer ends on the customer it was merged into. The clients are three members of one workspace
 * (owner, seller, seller), each pushing and pulling with its own token; every record's writer is
 * one of them.
 */

/** What the runs exercised, printed at the end (a property that tested nothing would show here). */
let stats = { runs: 0, steps: 0, mutations: 0, records: 0, writers: 0, fieldEdits: 0, merges: 0, merged: 0, fieldsExact: 0, fieldsMerged: 0, segmentWrites: 0, segmentLosers: 0 };
/** The database of the backend under test (the suites of a file run one after another). */
let sql: Sql;

/** No rate limit: the run sends hundreds of requests per second per token, which is not the subject here. */
const OPTIONS = { rateLimit: false } as const;

const NICKS = ['ana', 'bo', 'cy'];
const TAGS = ['vip', 'new'];
const cid = (i: number) => customerIdOf(SHOP_ID, `nick:${NICKS[i % NICKS.length]}`);
const tid = (i: number) => tagIdOf(SHOP_ID, TAGS[i % TAGS.length]!);
/** Two saved segments every client may create (same name, so the same id), edit, delete and revive. */
const SEGMENTS = ['S0', 'S1'];
const sid = (i: number) => segmentIdOf(SHOP_ID, SEGMENTS[i % SEGMENTS.length]!);

type Client = 0 | 1 | 2;
type Op = 'seen' | 'tagCreate' | 'tagAdd' | 'tagRemove' | 'noteNew' | 'noteEdit' | 'noteDelete' | 'name' | 'contact' | 'merge' | 'segPut' | 'segDelete';
type PushFault = 'ok' | 'dup' | 'lost' | 'drop' | 'replay';
type PullFault = 'ok' | 'lost' | 'drop';
type Step =
  | { k: 'op'; c: Client; op: Op; a: number; b: number; m: number }
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
      op: fc.constantFrom<Op>(
        'seen', 'tagCreate', 'tagCreate', 'tagAdd', 'tagAdd', 'tagAdd', 'tagRemove', 'tagRemove', 'noteNew', 'noteEdit', 'noteEdit', 'noteDelete',
        'name', 'name', 'contact', 'contact', 'merge', 'merge', 'segPut', 'segPut', 'segPut', 'segDelete',
      ),
      a: fc.nat(3),
      b: fc.nat(3),
      /** Which fields a merge keeps from the merged customer; email or phone for a contact edit. */
      m: fc.nat(7),
    }),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('push' as const), c: client, fault: fc.constantFrom<PushFault>('ok', 'ok', 'dup', 'lost', 'drop', 'replay') }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('pull' as const), c: client, fault: fc.constantFrom<PullFault>('ok', 'ok', 'lost', 'drop') }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('offline' as const), c: client, on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ k: 'restart' as const }) },
);

async function run(steps: Step[], { fieldLww = FIELD_LWW } = {}) {
  await truncateAll(sql);
  let server = await SyncServer.open(sql, OPTIONS);
  const members = await team(server, ['seller', 'seller']);
  let clock = Date.now() - 3_600_000;
  const now = () => (clock += 7);
  const clients = [0, 1, 2].map(() => freshOwnerService({ now }));
  // Each browser writes as its member, as the server records it.
  for (const [i, x] of clients.entries()) await x.db.meta.put({ key: 'memberId', value: members[i]!.memberId });
  // Sync is on from the first write, so every write keeps its base for the rebase. (Writes made
  // before sync was on are a case of their own: see the test after this one.)
  for (const x of clients) await enableSync(x.db);
  const offline = [false, false, false];
  const history: OutboxEntry[][] = [[], [], []];
  const seen = [0, 0, 0];
  const sentPushes: string[][] = [[], [], []];
  const serverErrors: unknown[] = [];
  let text = 0;
  /** Every name and contact value is new, so a field's value tells which write it came from. */
  const fresh = (c: Client, nick: string) => `${nick} ${c}-${text++}`;

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
        case 'seen': {
          // The page shows the buyer's name as the platform has it now: every sighting names them anew.
          const nick = NICKS[s.b % 3]!;
          const o = order(`o${s.a % 4}`, nick, 1000 + s.a * 100 + s.b);
          await service['page.seen']({ shop: SHOP, orders: [{ ...o, buyer: buyer(nick, fresh(s.c, nick)) }], buyers: [] });
          break;
        }
        case 'name': {
          const nick = NICKS[s.b % 3]!;
          await service['page.seen']({ shop: SHOP, orders: [], buyers: [buyer(nick, fresh(s.c, nick))] });
          break;
        }
        case 'contact': {
          // A customers export states the buyer's email or phone outright.
          const nick = NICKS[s.b % 3]!;
          const value = fresh(s.c, nick).replace(/\W+/g, '.');
          const contact = s.m % 2 ? { phone: `+86-${value}` } : { email: `${value}@example.com` };
          const { jobId } = await service['import.begin']({ shop: SHOP, fileName: 'customers.csv', format: 'shopify-customers' });
          await service['import.stage']({ jobId, orders: [], customers: [{ buyer: buyer(nick), ...contact }] });
          await service['import.commit']({ jobId });
          break;
        }
        case 'merge': {
          // Merged as the person saw them, on a page that showed both: the survivor keeps the
          // merged one's name, email or phone when they chose so (the service refuses a party
          // already merged here).
          const survivorId = cid(s.a);
          const mergedId = cid(s.a + 1 + (s.b % 2));
          const known = await db.customers.bulkGet([survivorId, mergedId]);
          const missing = [survivorId, mergedId].flatMap((id, i) => (known[i] ? [] : [NICKS[(i ? s.a + 1 + (s.b % 2) : s.a) % 3]!]));
          if (missing.length) await service['page.seen']({ shop: SHOP, orders: [], buyers: missing.map((n) => buyer(n, fresh(s.c, n))) });
          const keep = {
            ...(s.m & 1 ? { displayName: mergedId } : {}),
            ...(s.m & 2 ? { email: mergedId } : {}),
            ...(s.m & 4 ? { phone: mergedId } : {}),
          };
          await service['customers.merge']({ shopId: SHOP_ID, survivorId, mergedIds: [mergedId], keep });
          break;
        }
        case 'tagCreate':
          await service['tag.create']({ shopId: SHOP_ID, name: TAGS[s.a % TAGS.length]! });
          break;
        case 'tagAdd':
          // A person tags with a tag they just made when their browser has none yet.
          if (!(await db.tags.get(tid(s.a)))) await service['tag.create']({ shopId: SHOP_ID, name: TAGS[s.a % TAGS.length]! });
          await service['tagging.add']({ shop: SHOP, tagId: tid(s.a), buyers: [buyer(NICKS[s.b % 3]!, fresh(s.c, NICKS[s.b % 3]!))] });
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
        case 'segPut': {
          // Edit the segment this browser has (a new query, sometimes a new name or colour), or
          // create it under its shared name: two browsers creating it meet on one id, and one
          // creating it again after a delete revives it.
          const id = sid(s.a);
          const held = await db.segments.get(id);
          const query = `amount_spent >= ${s.c}${text++}`;
          if (held && !held.deleted) {
            const name = s.m % 3 ? held.name : `${SEGMENTS[s.a % SEGMENTS.length]} ${s.c}-${text++}`;
            await service['segments.save']({ shopId: SHOP_ID, segmentId: id, name, query, color: s.m % 2 ? 'red' : held.color });
          } else {
            await service['segments.save']({ shopId: SHOP_ID, name: SEGMENTS[s.a % SEGMENTS.length]!, query, color: 'blue' });
          }
          break;
        }
        case 'segDelete':
          if ((await db.segments.get(sid(s.a)))?.deleted === false) await service['segments.delete']({ shopId: SHOP_ID, segmentId: sid(s.a) });
          break;
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
  stats.fieldEdits += history.flat().filter((e) => e.name === 'sightings.record' || e.name === 'import.records').length;
  stats.merges += history.flat().filter((e) => e.name === 'customer.merge').length;
  stats.records += Number((await sql.query<{ n: number }>('select count(*)::int as n from records')).rows[0]!.n);
  try {
    const clientIds = await Promise.all(clients.map(async (x) => (await x.db.meta.get('clientId'))?.value));
    const memberOf = (clientId: string) => members[clientIds.indexOf(clientId)]?.memberId;
    await check(clients.map((x) => x.db), history.flat(), serverErrors, new Set(members.map((m) => m.memberId)), fieldLww, memberOf);
  } finally {
    for (const x of clients) await x.db.delete();
  }
}

const sortById = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
/** Records as JSON carries them (undefined fields gone), so IndexedDB and jsonb rows compare. */
const plain = <T,>(rows: T) => JSON.parse(JSON.stringify(rows)) as T;

async function check(dbs: BuyerLensDb[], history: OutboxEntry[], serverErrors: unknown[], memberIds: Set<string>, fieldLww: boolean, memberOf: (clientId: string) => string | undefined) {
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

  // Where each customer ended: itself, or (through mergedInto) the customer it was merged into.
  const customers = new Map(rows.filter((r) => r.tbl === 'customers').map((r) => [r.data.id, r.data as unknown as Customer]));
  const home = (id: string) => {
    let c = customers.get(id);
    for (let hop = 0; c?.mergedInto && hop < 10; hop++) c = customers.get(c.mergedInto);
    return c?.id ?? id;
  };
  const live = (id: string) => !!customers.get(id) && !customers.get(id)!.mergedInto;
  /** Not merged into anyone (a note or tag may name a buyer no page has shown yet). */
  const unmerged = (id: string) => !customers.get(id)?.mergedInto;

  // Taggings equal the add-wins model: every add id ever added, minus those a remove had seen,
  // on the customer the tagged buyer ended as (a merge carries its live add ids to the survivor).
  const adds = new Map<string, Set<string>>();
  const retired = new Set<string>();
  for (const e of history) {
    if (e.name === 'tagging.add') {
      const { tagId, adds: list } = e.args as MutationArgs<'tagging.add'>;
      for (const a of list) {
        const id = taggingIdOf(home(a.customerId), tagId);
        (adds.get(id) ?? adds.set(id, new Set()).get(id)!).add(a.addId);
      }
    } else if (e.name === 'tagging.remove') {
      for (const r of (e.args as MutationArgs<'tagging.remove'>).removes) for (const a of r.addIds) retired.add(a);
    }
  }
  const taggings = rows.filter((r) => r.tbl === 'taggings').map((r) => r.data as unknown as Tagging);
  for (const t of taggings) {
    if (t.deleted) continue;
    expect(unmerged(t.customerId), `${t.id} is on a merged customer`).toBe(true);
    expect([...t.addIds].sort(), t.id).toEqual([...(adds.get(t.id) ?? [])].filter((a) => !retired.has(a)).sort());
  }
  for (const [id, set] of adds) {
    if ([...set].some((a) => !retired.has(a))) expect((server.get(`taggings\n${id}`) as Tagging | undefined)?.deleted, id).toBe(false);
  }

  // Merges: every party of every merge ends as one live customer, holding every key they had.
  for (const e of history) {
    if (e.name !== 'customer.merge') continue;
    const { survivorId, mergedIds } = e.args as MutationArgs<'customer.merge'>;
    const end = home(survivorId);
    expect(live(end), `merge into ${survivorId} ends on a live customer`).toBe(true);
    for (const m of mergedIds) expect(home(m), `${m} merged into ${survivorId}`).toBe(end);
  }
  for (const c of customers.values()) {
    if (!c.mergedInto) continue;
    stats.merged++;
    const end = customers.get(home(c.id))!;
    for (const k of c.keys) expect(end.keys, `${c.id}'s key ${k} on ${end.id}`).toContain(k);
  }
  // What was ordered or noted on a merged buyer is with the customer it was merged into.
  for (const r of rows) {
    if (r.tbl !== 'orders' && r.tbl !== 'notes') continue;
    const { customerId, deleted } = r.data as unknown as { customerId: string; deleted: boolean };
    if (!deleted) expect(unmerged(customerId), `${r.tbl} ${r.data.id} is on ${customerId}, merged`).toBe(true);
  }

  if (fieldLww) checkFields(history, customers, home);
  checkSegments(history, rows.filter((r) => r.tbl === 'segments').map((r) => r.data as unknown as Segment), memberOf);

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

/**
 * Customer fields are last-writer-wins per field: each customer keeps a stamp per field
 * (`fieldHlc`, declared in lib/model/entities.ts), and sightings.record, import.records and
 * customer.merge write a field only when their stamp is not older than its last write. The
 * property checks it (checkFields); turn it off only to look at another failure on its own.
 */
const FIELD_LWW = true;

type Field = 'displayName' | 'email' | 'phone';
const FIELDS: readonly Field[] = ['displayName', 'email', 'phone'];
/** One write of a field: its value ('' = none) and stamp ('' for a name an import only filled in). */
type FieldWrite = { value: string; hlc: string; what: string };

/**
 * Customer fields are last-writer-wins per field by (hlc, clientId) (a stamp ends with its client
 * id). A live customer's field must hold the value of its newest *direct* write: a page's name for
 * its own key, an import's email or phone for its own key. Writes that reached it only through a
 * merge (an import for a buyer merged into it, a merge's chosen values) may have landed or not,
 * depending on the order the server saw them in (a merge that found its parties already merged
 * changes nothing): the value must be one of them, newer than every direct write. For a customer
 * no merge touched, that is exactly the newest direct write.
 */
function checkFields(history: readonly OutboxEntry[], customers: ReadonlyMap<string, Customer>, home: (id: string) => string) {
  const direct = new Map<string, FieldWrite[]>();
  const indirect = new Map<string, FieldWrite[]>();
  const add = (into: Map<string, FieldWrite[]>, customerId: string, field: Field, w: FieldWrite) => {
    const key = `${customerId}\n${field}`;
    (into.get(key) ?? into.set(key, []).get(key)!).push(w);
  };
  const merged = new Set<string>();
  for (const e of history) {
    if (e.name === 'sightings.record') {
      const { buyers, orders } = e.args as MutationArgs<'sightings.record'>;
      for (const b of [...buyers, ...orders.map((o) => o.buyer)]) {
        add(direct, customerIdOf(SHOP_ID, b.key), 'displayName', { value: b.displayName, hlc: e.hlc, what: `page ${e.clientId}/${e.mid}` });
      }
    } else if (e.name === 'import.records') {
      for (const c of (e.args as MutationArgs<'import.records'>).customers) {
        const id = customerIdOf(SHOP_ID, c.buyer.key);
        // An import only fills in a missing name: no stamp, any page's name wins over it.
        add(direct, id, 'displayName', { value: c.buyer.displayName, hlc: '', what: `import ${e.clientId}/${e.mid}` });
        for (const field of ['email', 'phone'] as const) {
          if (c[field] === undefined) continue;
          const w = { value: c[field]!, hlc: e.hlc, what: `import ${e.clientId}/${e.mid}` };
          add(direct, id, field, w);
          // Applied after a merge of its buyer, it lands on the survivor.
          add(indirect, home(id), field, w);
        }
      }
    } else if (e.name === 'customer.merge') {
      const { survivorId, mergedIds, fields } = e.args as MutationArgs<'customer.merge'>;
      for (const id of [survivorId, ...mergedIds]) merged.add(id);
      for (const field of FIELDS) {
        if (fields[field] !== undefined) add(indirect, home(survivorId), field, { value: fields[field]!, hlc: e.hlc, what: `merge ${e.clientId}/${e.mid}` });
      }
    }
  }
  for (const c of customers.values()) {
    if (c.mergedInto || c.deleted) continue;
    const exact = !merged.has(c.id);
    for (const field of FIELDS) {
      const value = c[field] ?? '';
      const own = direct.get(`${c.id}\n${field}`) ?? [];
      const newest = own.reduce<FieldWrite | undefined>((best, w) => (!best || compareStamps(w.hlc, best.hlc) > 0 ? w : best), undefined);
      const label = `${c.id} ${field} = ${JSON.stringify(value)}; direct writes ${JSON.stringify(own)}`;
      if (exact) {
        expect(value, label).toBe(newest?.value ?? '');
        stats.fieldsExact++;
      } else {
        const via = indirect.get(`${c.id}\n${field}`) ?? [];
        const from = [...own, ...via].filter((w) => w.value === value && (!newest || compareStamps(w.hlc, newest.hlc) >= 0));
        expect(from.length || (!newest && value === ''), `${label}; through merges ${JSON.stringify(via)}`).toBeTruthy();
        stats.fieldsMerged++;
      }
    }
  }
}

/**
 * Saved segments are last-writer-wins on the whole record, the losers kept in history (DESIGN.md
 * "Sync"): each segment's record states its newest write by stamp (a delete leaves a tombstone),
 * and every put that reached the server is either that write or in the history, with its writer
 * (unless more than SEGMENT_HISTORY_MAX + 1 versions were written: the oldest are let go then).
 */
function checkSegments(history: readonly OutboxEntry[], segments: readonly Segment[], memberOf: (clientId: string) => string | undefined) {
  type Write = { hlc: string; deleted: boolean; name?: string; query?: string; color?: string; updatedBy: string | undefined };
  const writes = new Map<string, Write[]>();
  for (const e of history) {
    if (e.name !== 'segment.put' && e.name !== 'segment.delete') continue;
    const { segmentId } = e.args as { segmentId: string };
    const w: Write =
      e.name === 'segment.put'
        ? { hlc: e.hlc, deleted: false, ...(({ name, query, color }) => ({ name, query, color }))(e.args as MutationArgs<'segment.put'>), updatedBy: memberOf(e.clientId) }
        : { hlc: e.hlc, deleted: true, updatedBy: memberOf(e.clientId) };
    (writes.get(segmentId) ?? writes.set(segmentId, []).get(segmentId)!).push(w);
    stats.segmentWrites++;
  }
  const byId = new Map(segments.map((s) => [s.id, s]));
  for (const [id, ws] of writes) {
    const s = byId.get(id);
    const label = `segment ${id}: ${JSON.stringify(s)}; writes ${JSON.stringify(ws)}`;
    expect(s, label).toBeDefined();
    const newest = ws.reduce((best, w) => (compareStamps(w.hlc, best.hlc) > 0 ? w : best));
    expect(s!.hlc, label).toBe(newest.hlc);
    expect(s!.deleted, label).toBe(newest.deleted);
    expect(s!.updatedBy, label).toBe(newest.updatedBy);
    if (!newest.deleted) expect({ name: s!.name, query: s!.query, color: s!.color }, label).toEqual({ name: newest.name, query: newest.query, color: newest.color });
    const puts = ws.filter((w) => !w.deleted);
    if (puts.length > SEGMENT_HISTORY_MAX + 1) continue;
    for (const w of puts) {
      if (w === newest) continue;
      stats.segmentLosers++;
      expect(s!.history ?? [], label).toContainEqual({ name: w.name, query: w.query, color: w.color, hlc: w.hlc, updatedBy: w.updatedBy });
    }
  }
}

describeEachBackend((backend) => {
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ sql, close } = await backend.open());
    await SyncServer.open(sql, OPTIONS);
    stats = { runs: 0, steps: 0, mutations: 0, records: 0, writers: 0, fieldEdits: 0, merges: 0, merged: 0, fieldsExact: 0, fieldsMerged: 0, segmentWrites: 0, segmentLosers: 0 };
  }, 60_000);
  afterAll(async () => {
    console.log(
      `convergence on ${backend.name}: ${stats.runs} runs, ${stats.steps} steps, ${stats.mutations} mutations, ${stats.records} server records at the ends, ${stats.writers} writers checked to be members; ` +
        `${stats.fieldEdits} customer field edits (pages, imports), ${stats.merges} merges leaving ${stats.merged} merged customers, ` +
        `${stats.fieldsExact} fields checked to be the newest write, ${stats.fieldsMerged} on merged customers checked against the writes that reached them; ` +
        `${stats.segmentWrites} segment writes, ${stats.segmentLosers} earlier versions found in history`,
    );
    await close();
  });

  // PostgreSQL's round trips cost more than in-process PGlite's: fewer seeds there (SYNC_RUNS_PG).
  const numRuns = Number((backend.name === 'PostgreSQL' ? process.env.SYNC_RUNS_PG : process.env.SYNC_RUNS) ?? (backend.name === 'PostgreSQL' ? 100 : 200));

  it('three clients converge with the server under lost, duplicated and reordered deliveries, offline periods and restarts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 50, size: 'max' }), async (steps) => {
        await run(steps);
      }),
      { numRuns, verbose: 1, ...(process.env.SYNC_SEED ? { seed: Number(process.env.SYNC_SEED) } : {}) },
    );
  }, 600_000);

  // Client 2 names the buyer, then client 0 names them anew; the drain pushes client 0 first, so
  // the older name reaches the server last and must not overwrite the newer one.
  it('a customer field holds its newest write, whatever order the writes reach the server in', async () => {
    await run(
      [
        { k: 'op', c: 2, op: 'name', a: 0, b: 0, m: 0 },
        { k: 'op', c: 0, op: 'name', a: 0, b: 0, m: 0 },
      ],
      { fieldLww: true },
    );
  });

  // A write made before sync was on keeps no base, so when the server applies it elsewhere than
  // the browser did (a tag on a buyer a teammate merged meanwhile goes to the survivor), only the
  // first pull taking the server's state whole takes the browser's own record back.
  it('a tag added before sync was on, on a buyer a teammate merged meanwhile, leaves no record the server lacks', async () => {
    await truncateAll(sql);
    const server = await SyncServer.open(sql, OPTIONS);
    const [owner, seller] = await team(server, ['seller']);
    const transport = (token: string) =>
      (async (path: string, body: unknown) => (await handle(server, { method: 'POST', path, body: JSON.stringify(body), headers: { authorization: `Bearer ${token}` } })).body) as Transport;
    const a = freshOwnerService();
    const b = freshOwnerService();
    await a.db.meta.put({ key: 'memberId', value: owner!.memberId });
    await b.db.meta.put({ key: 'memberId', value: seller!.memberId });
    try {
      await a.service['page.seen']({ shop: SHOP, orders: [], buyers: [buyer('ana'), buyer('cy')] });
      await a.service['customers.merge']({ shopId: SHOP_ID, survivorId: cid(2), mergedIds: [cid(0)] });
      await push(a.db, transport(owner!.token));
      // The seller, not yet syncing, tags ana on a page.
      await b.service['tag.create']({ shopId: SHOP_ID, name: 'vip' });
      await b.service['tagging.add']({ shop: SHOP, tagId: tid(0), buyers: [buyer('ana')] });
      await push(b.db, transport(seller!.token));
      await pull(b.db, transport(seller!.token));
      const { rows } = await sql.query<{ data: { id: string } }>("select data from records where tbl = 'taggings'");
      expect(plain(sortById(await b.db.taggings.toArray()))).toEqual(sortById(rows.map((r) => r.data)));
    } finally {
      await a.db.delete();
      await b.db.delete();
    }
  });
});
