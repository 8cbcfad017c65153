/**
 * `npm run bench:sync` — the team's sync at scale, in Node, over real HTTP on 127.0.0.1.
 *
 * The server: the real node server (server/http.ts) over the real SyncServer, in its own process
 * (bench/sync-server.ts), on PGlite in a temp data folder (deleted after); when DATABASE_URL is
 * set, the same again on PostgreSQL through the adapter server/sql.ts exports, if it has one.
 * The clients: the real sync client (lib/sync/client.ts) over the real background service
 * (test/db/helpers.ts) on Dexie over fake-indexeddb, with a fetch transport.
 *
 * (1) Initial pull of a fresh member. An owner's seeding client pushes real mutations in batches
 *     (timed apart, not a goal): sightings.record with 1,000 buyers each (100,000 customers, a
 *     third with a second key), 10 tag.put, tagging.add with up to 1,000 adds each (30% of the
 *     customers tagged, one tag each), one note.put per note (10% of the customers). No orders.
 *     Then a newly joined member pulls everything into a fresh Dexie with `pull`. Beside the
 *     total: the server-side time of that one pull request, the bytes of its reply, and the client
 *     part (JSON, zod, the Dexie transaction). Goal < 20 s.
 * (2) Round trip of one change: member A (own small database) tags one seeded customer through the
 *     service (tagging.add: a sightings.record and a tagging.add in the outbox), then times
 *     push(A) + pull(B), B being the member of (1) holding the whole book; B must then hold the
 *     tagging. Rounds start at least 100 ms apart (people, not a loop; and under the rate limit,
 *     which is on). Median and p95. Goal: median < 150 ms.
 * (3) Throughput: 20 members, one token and client id each, each pushing one small mutation per
 *     push (alternately a tagging.add of one customer and a new note.put), the next as soon as the
 *     last is answered, for 10 s; a 429 is honoured (Retry-After) and counted. Run with the
 *     server's rate limit on (as deployed: 20 req/s per token, burst 40) and off. Sustained
 *     acknowledged mutations/s and push latency p50/p99 (client-observed; the server-side time
 *     beside). Goal: 500/s with p99 < 200 ms.
 * BENCH_SCALE (default 1) scales the seeded counts, the rounds and the throughput window.
 * The last line printed is one JSON object.
 */
import 'fake-indexeddb/auto';
import '../test/setup-zod.ts';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { BuyerLensDb } from '../lib/db/database.ts';
import { customerIdOf, randomId, shopIdOf, tagIdOf, taggingIdOf } from '../lib/model/ids.ts';
import { defaultTagColor } from '../lib/model/tag-color.ts';
import type { BuyerSighting, ShopRef } from '../lib/model/sighting.ts';
import { pull, push, type Transport } from '../lib/sync/client.ts';
import { formatHlc, HLC_ZERO, tick, type HlcState } from '../lib/sync/hlc.ts';
import type { MemberAccess, PullRequest, PushMutation, PushResponse } from '../lib/sync/protocol.ts';
import * as sqlModule from '../server/sql.ts';
import { freshOwnerService } from '../test/db/helpers.ts';
import type { FromServer, ServerTiming, ToServer } from './sync-server.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
if (!(SCALE > 0)) throw new Error(`BENCH_SCALE must be a positive number, not ${process.env.BENCH_SCALE}`);
const GOALS = { initialPullMs: 20_000, roundTripMedianMs: 150, mutationsPerSec: 500, pushP99Ms: 200 };
const WATCHDOG_MS = 15 * 60_000;

const CUSTOMERS = Math.max(100, Math.round(100_000 * SCALE));
const TAGS = 10;
const BUYERS_PER_SIGHTING = 1_000;
const ADDS_PER_TAGGING = 1_000;
const ROUNDS = Math.max(10, Math.round(50 * Math.min(1, SCALE * 4)));
const ROUND_SPACING_MS = 100;
const LOAD_CLIENTS = 20;
const LOAD_SECONDS = Math.max(2, 10 * Math.min(1, SCALE * 4));

// ---------- small helpers ----------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const n = (v: number) => Math.round(v).toLocaleString('en-US');
const fmtMs = (v: number) => (!Number.isFinite(v) ? 'n/a' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : v >= 10 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`);
const r1 = (v: number) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : null);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (at - lo);
}
const log = (line: string) => console.error(line);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

// ---------- the server process ----------

interface ServerProcess {
  ports: { limited: number; open: number };
  timings(): Promise<ServerTiming[]>;
  /** The server process's CPU time so far (ms), as of the last timings(). */
  cpuMs: number;
  close(): Promise<void>;
}

/** The opener server/sql.ts exports for PostgreSQL, if this build has one (another slice adds it). */
function postgresOpener(): string | undefined {
  // An opener taking the URL, e.g. openPostgres(url) → {sql, close}, as openPGlite(dir) is.
  return Object.entries(sqlModule).find(([name, value]) => typeof value === 'function' && /^open/.test(name) && /postgres|pg(?!lite)/i.test(name))?.[0];
}

async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const child: ChildProcess = fork(join(ROOT, 'bench/sync-server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends FromServer['type']>(type: T) =>
    new Promise<Extract<FromServer, { type: T }>>((ok, fail) => {
      const onMessage = (m: FromServer) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        ok(m as Extract<FromServer, { type: T }>);
      };
      const onExit = (code: number | null) => fail(new Error(`the server process exited (${code}) before answering ${type}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next('ready');
  const send = (m: ToServer) => child.send(m);
  const proc: ServerProcess = {
    ports: ready.ports,
    cpuMs: 0,
    timings: async () => {
      const answer = next('timings');
      send({ type: 'timings' });
      const { timings, cpuMs } = await answer;
      proc.cpuMs = cpuMs;
      return timings;
    },
    close: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        send({ type: 'close' });
        setTimeout(() => child.kill(), 10_000).unref();
      }),
  };
  return proc;
}

// ---------- HTTP ----------

interface Reply {
  status: number;
  body: unknown;
  bytes: number;
  ms: number;
}

const http = { rateLimited: 0 };

/** One request over fetch (keep-alive); a 429 is waited out as Retry-After says, and counted. */
async function call(base: string, method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<Reply> {
  for (;;) {
    const started = performance.now();
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const reply = { status: res.status, body: text ? (JSON.parse(text) as unknown) : null, bytes: Buffer.byteLength(text), ms: performance.now() - started };
    if (res.status === 429) {
      http.rateLimited++;
      await sleep(Number(res.headers.get('retry-after') ?? 1) * 1000);
      continue;
    }
    return reply;
  }
}

async function ok(base: string, method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<Reply> {
  const reply = await call(base, method, path, body, token);
  if (reply.status < 200 || reply.status > 299) throw new Error(`${path} answered ${reply.status}: ${JSON.stringify(reply.body).slice(0, 300)}`);
  return reply;
}

/** The real client's transport over HTTP, keeping the last reply's size and time. */
function transportOf(base: string, token: string, last: { bytes: number; ms: number } = { bytes: 0, ms: 0 }): Transport {
  return (async (path: string, body: unknown) => {
    const reply = await ok(base, 'POST', path, body, token);
    last.bytes = reply.bytes;
    last.ms = reply.ms;
    return reply.body;
  }) as Transport;
}

/** A workspace with its owner and `count` members joined by invite, all over HTTP. */
async function makeTeam(base: string, count: number): Promise<{ owner: MemberAccess; members: MemberAccess[] }> {
  const owner = (await ok(base, 'POST', '/v1/workspaces', { name: 'Bench team', ownerName: 'Olga' })).body as MemberAccess;
  const members: MemberAccess[] = [];
  for (let i = 0; i < count; i++) {
    const { code } = (await ok(base, 'POST', '/v1/invites', { role: 'seller' }, owner.token)).body as { code: string };
    members.push((await ok(base, 'POST', '/v1/join', { code, name: `Seller ${i + 1}` })).body as MemberAccess);
  }
  return { owner, members };
}

// ---------- a raw pushing client (seeding, load) ----------

/** A client that builds push requests itself: ids, mids and HLC stamps as the extension makes them. */
class RawClient {
  readonly clientId = randomId('bench');
  private mid = 0;
  private clock: HlcState = HLC_ZERO;
  constructor(
    readonly base: string,
    readonly token: string,
  ) {}

  mutation(name: string, args: unknown): PushMutation {
    this.clock = tick(this.clock, Date.now());
    return { mid: ++this.mid, name, args, hlc: formatHlc({ ...this.clock, node: this.clientId }) };
  }

  async push(mutations: PushMutation[]): Promise<Reply> {
    const reply = await ok(this.base, 'POST', '/v1/push', { clientId: this.clientId, mutations }, this.token);
    const { lastMid, rejected } = reply.body as PushResponse;
    if (rejected.length) throw new Error(`the server rejected mutation ${rejected[0]!.mid}: ${rejected[0]!.reason}`);
    if (lastMid !== mutations[mutations.length - 1]!.mid) throw new Error(`pushed up to mid ${mutations[mutations.length - 1]!.mid}, acknowledged ${lastMid}`);
    return reply;
  }
}

// ---------- the seeded book ----------

interface Book {
  shop: ShopRef;
  shopId: string;
  buyer: (i: number) => BuyerSighting;
  customerId: (i: number) => string;
  tagIds: string[];
  counts: { customers: number; tags: number; taggings: number; notes: number };
}

function book(): Book {
  // A shop key of its own: a shop belongs to the first workspace that writes to it (PostgreSQL keeps earlier runs).
  const shop: ShopRef = { platform: 'demo', key: `bench-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`, name: 'Bench shop' };
  const shopId = shopIdOf(shop.platform, shop.key);
  const buyer = (i: number): BuyerSighting => ({
    key: `nick:buyer${i}`,
    otherKeys: i % 3 === 0 ? [`email:buyer${i}@example.com`] : [],
    displayName: `Buyer ${i}`,
  });
  const tagNames = Array.from({ length: TAGS }, (_, t) => `Tag ${t + 1}`);
  return {
    shop,
    shopId,
    buyer,
    customerId: (i) => customerIdOf(shopId, buyer(i).key),
    tagIds: tagNames.map((name) => tagIdOf(shopId, name)),
    counts: { customers: CUSTOMERS, tags: TAGS, taggings: 0, notes: 0 },
  };
}

const isTagged = (i: number) => i % 10 < 3;
const hasNote = (i: number) => i % 10 === 5;

interface SeedFigures {
  totalMs: number;
  customersMs: number;
  tagsMs: number;
  taggingsMs: number;
  notesMs: number;
  pushes: number;
  mutations: number;
  bytesSent: number;
}

async function seed(seeder: RawClient, b: Book): Promise<SeedFigures> {
  const started = performance.now();
  let pushes = 0;
  let mutations = 0;
  let bytesSent = 0;
  const send = async (batch: PushMutation[]) => {
    bytesSent += Buffer.byteLength(JSON.stringify({ clientId: seeder.clientId, mutations: batch }));
    await seeder.push(batch);
    pushes++;
    mutations += batch.length;
  };
  const timed = async (label: string, make: () => PushMutation[][]) => {
    const t0 = performance.now();
    for (const batch of make()) await send(batch);
    const ms = performance.now() - t0;
    log(`  seeded ${label} in ${fmtMs(ms)}`);
    return ms;
  };

  const customersMs = await timed(`${n(CUSTOMERS)} customers`, () => {
    const batches: PushMutation[][] = [];
    for (let from = 0; from < CUSTOMERS; from += BUYERS_PER_SIGHTING * 2) {
      const batch: PushMutation[] = [];
      for (let start = from; start < Math.min(CUSTOMERS, from + BUYERS_PER_SIGHTING * 2); start += BUYERS_PER_SIGHTING) {
        const buyers = Array.from({ length: Math.min(BUYERS_PER_SIGHTING, CUSTOMERS - start) }, (_, k) => b.buyer(start + k));
        batch.push(seeder.mutation('sightings.record', { shop: b.shop, orders: [], buyers }));
      }
      batches.push(batch);
    }
    return batches;
  });
  const tagsMs = await timed(`${TAGS} tags`, () => [
    b.tagIds.map((tagId, t) => seeder.mutation('tag.put', { shopId: b.shopId, tagId, name: `Tag ${t + 1}`, color: defaultTagColor(`Tag ${t + 1}`), description: '' })),
  ]);
  const byTag = b.tagIds.map(() => [] as { customerId: string; addId: string }[]);
  for (let i = 0; i < CUSTOMERS; i++) if (isTagged(i)) byTag[Math.floor(i / 10) % TAGS]!.push({ customerId: b.customerId(i), addId: randomId('a') });
  b.counts.taggings = byTag.reduce((s, a) => s + a.length, 0);
  const taggingsMs = await timed(`${n(b.counts.taggings)} taggings`, () => {
    const all: PushMutation[] = [];
    byTag.forEach((adds, t) => {
      for (let k = 0; k < adds.length; k += ADDS_PER_TAGGING) all.push(seeder.mutation('tagging.add', { shopId: b.shopId, tagId: b.tagIds[t]!, adds: adds.slice(k, k + ADDS_PER_TAGGING) }));
    });
    return chunk(all, 10);
  });
  const notes: PushMutation[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    if (!hasNote(i)) continue;
    notes.push(
      seeder.mutation('note.put', {
        shopId: b.shopId,
        noteId: randomId('n'),
        customerId: b.customerId(i),
        text: `Buyer ${i} prefers evening delivery and asked twice about the refill size; call before shipping.`,
        baseRev: 0,
        authorName: 'Olga',
      }),
    );
  }
  b.counts.notes = notes.length;
  const notesMs = await timed(`${n(notes.length)} notes`, () => chunk(notes, 500));
  return { totalMs: performance.now() - started, customersMs, tagsMs, taggingsMs, notesMs, pushes, mutations, bytesSent };
}

function chunk<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

// ---------- (1) initial pull ----------

interface PullFigures {
  totalMs: number;
  serverMs: number;
  requestMs: number;
  clientMs: number;
  bytes: number;
  changes: number;
  /** Requests the pull took (pages of PULL_PAGE_ROWS records). */
  pages: number;
  held: { customers: number; tags: number; taggings: number; notes: number };
}

async function initialPull(base: string, member: MemberAccess, server: ServerProcess, b: Book): Promise<{ figures: PullFigures; db: BuyerLensDb }> {
  const db = new BuyerLensDb(`bench-fresh-${Date.now()}`);
  await db.open();
  await db.meta.put({ key: 'memberId', value: member.memberId });
  await server.timings(); // forget the seeding's
  // The pull comes in pages (PULL_PAGE_ROWS each): every request's bytes and time add up.
  const last = { bytes: 0, ms: 0 };
  const sum = { bytes: 0, ms: 0, pages: 0 };
  const inner = transportOf(base, member.token, last);
  const counting = (async (path: '/v1/pull', body: PullRequest) => {
    const reply = await inner(path, body);
    sum.bytes += last.bytes;
    sum.ms += last.ms;
    sum.pages++;
    return reply;
  }) as Transport;
  const started = performance.now();
  let result = await pull(db, counting);
  let changes = result.status === 'pulled' ? result.changes : 0;
  while (result.status === 'pulled' && result.more) {
    result = await pull(db, counting);
    if (result.status === 'pulled') changes += result.changes;
  }
  const totalMs = performance.now() - started;
  if (result.status !== 'pulled') throw new Error(`the fresh member's pull answered ${result.status}`);
  const serverMs = (await server.timings()).filter((t) => t.path === '/v1/pull').reduce((n, t) => n + t.ms, 0);
  const held = {
    customers: await db.customers.count(),
    tags: await db.tags.count(),
    taggings: await db.taggings.count(),
    notes: await db.notes.count(),
  };
  for (const k of Object.keys(held) as (keyof typeof held)[]) {
    if (held[k] !== b.counts[k]) throw new Error(`the fresh member holds ${held[k]} ${k}, the book has ${b.counts[k]}`);
  }
  return { figures: { totalMs, serverMs, requestMs: sum.ms, clientMs: totalMs - sum.ms, bytes: sum.bytes, changes, pages: sum.pages, held }, db };
}

// ---------- (2) round trip ----------

interface RoundTripFigures {
  rounds: number;
  ms: number[];
  medianMs: number;
  p95Ms: number;
  pushMedianMs: number;
  pullMedianMs: number;
  localWriteMedianMs: number;
  serverPushMedianMs: number;
  serverPullMedianMs: number;
  pullBytesMedian: number;
}

async function roundTrips(base: string, a: MemberAccess, dbB: BuyerLensDb, bToken: string, server: ServerProcess, b: Book): Promise<RoundTripFigures> {
  const A = freshOwnerService();
  await A.db.meta.put({ key: 'memberId', value: a.memberId });
  const toA = transportOf(base, a.token);
  const pullLast = { bytes: 0, ms: 0 };
  const toB = transportOf(base, bToken, pullLast);
  // A's own tag, made in A's browser and synced once before the timed rounds.
  const tag = await A.service['tag.create']({ shopId: b.shopId, name: 'Follow up' });
  await push(A.db, toA);
  await pull(dbB, toB);
  await server.timings();

  const ms: number[] = [];
  const pushMs: number[] = [];
  const pullMs: number[] = [];
  const localMs: number[] = [];
  const pullBytes: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const roundStart = performance.now();
    // Customers no seeded tag or note touches, spread over the book.
    const i = Math.floor(((r + 0.5) / ROUNDS) * CUSTOMERS / 10) * 10 + 7;
    const t0 = performance.now();
    const { changed } = await A.service['tagging.add']({ shop: b.shop, tagId: tag.id, buyers: [b.buyer(i)] });
    if (changed !== 1) throw new Error(`tagging customer ${i} changed ${changed}`);
    const t1 = performance.now();
    const pushed = await push(A.db, toA);
    if (pushed.acknowledged !== pushed.sent || pushed.rejected.length) throw new Error(`round ${r}: push ${JSON.stringify(pushed)}`);
    const t2 = performance.now();
    const pulled = await pull(dbB, toB);
    const t3 = performance.now();
    if (pulled.status !== 'pulled') throw new Error(`round ${r}: pull ${pulled.status}`);
    const seen = await dbB.taggings.get(taggingIdOf(b.customerId(i), tag.id));
    if (!seen || seen.deleted || !seen.addIds.length) throw new Error(`round ${r}: B does not hold A's tagging of customer ${i}`);
    localMs.push(t1 - t0);
    pushMs.push(t2 - t1);
    pullMs.push(t3 - t2);
    ms.push(t3 - t1);
    pullBytes.push(pullLast.bytes);
    const wait = ROUND_SPACING_MS - (performance.now() - roundStart);
    if (wait > 0) await sleep(wait);
  }
  const timings = await server.timings();
  await A.db.delete();
  return {
    rounds: ROUNDS,
    ms,
    medianMs: quantile(ms, 0.5),
    p95Ms: quantile(ms, 0.95),
    pushMedianMs: quantile(pushMs, 0.5),
    pullMedianMs: quantile(pullMs, 0.5),
    localWriteMedianMs: quantile(localMs, 0.5),
    serverPushMedianMs: quantile(timings.filter((t) => t.path === '/v1/push').map((t) => t.ms), 0.5),
    serverPullMedianMs: quantile(timings.filter((t) => t.path === '/v1/pull').map((t) => t.ms), 0.5),
    pullBytesMedian: quantile(pullBytes, 0.5),
  };
}

// ---------- (3) throughput ----------

interface LoadFigures {
  limiter: boolean;
  seconds: number;
  mutations: number;
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  serverP50Ms: number;
  serverP99Ms: number;
  rateLimited: number;
  maxMsWith429: number;
  /** CPU time over the window, as a share of one core: the server process, and this one (the clients). */
  serverCpu: number;
  clientCpu: number;
}

async function load(base: string, limiter: boolean, members: MemberAccess[], server: ServerProcess, b: Book): Promise<LoadFigures> {
  await server.timings();
  const serverCpu0 = server.cpuMs;
  const clientCpu0 = process.cpuUsage();
  const before = http.rateLimited;
  const latencies: number[] = [];
  let mutations = 0;
  let maxMsWith429 = 0;
  const started = performance.now();
  const deadline = started + LOAD_SECONDS * 1000;
  await Promise.all(
    members.map(async (m, c) => {
      const client = new RawClient(base, m.token);
      for (let k = 0; performance.now() < deadline; k++) {
        const i = (c * 7919 + k * 104729) % CUSTOMERS;
        const mutation =
          k % 2 === 0
            ? client.mutation('tagging.add', { shopId: b.shopId, tagId: b.tagIds[k % TAGS]!, adds: [{ customerId: b.customerId(i), addId: randomId('a') }] })
            : client.mutation('note.put', { shopId: b.shopId, noteId: randomId('n'), customerId: b.customerId(i), text: `Called on ${k}: wants the blue one.`, baseRev: 0, authorName: m.memberId });
        const t0 = performance.now();
        const limitedBefore = http.rateLimited;
        await client.push([mutation]);
        const ms = performance.now() - t0;
        // A push that waited out a 429 is no server latency: counted apart.
        if (http.rateLimited === limitedBefore) latencies.push(ms);
        else maxMsWith429 = Math.max(maxMsWith429, ms);
        mutations++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const server200 = (await server.timings()).filter((t) => t.path === '/v1/push' && t.status === 200).map((t) => t.ms);
  const clientCpu = process.cpuUsage(clientCpu0);
  return {
    limiter,
    seconds,
    mutations,
    perSec: mutations / seconds,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    serverP50Ms: quantile(server200, 0.5),
    serverP99Ms: quantile(server200, 0.99),
    rateLimited: http.rateLimited - before,
    maxMsWith429,
    serverCpu: (server.cpuMs - serverCpu0) / (seconds * 1000),
    clientCpu: (clientCpu.user + clientCpu.system) / 1000 / (seconds * 1000),
  };
}

// ---------- one storage ----------

interface StorageFigures {
  storage: string;
  seed: SeedFigures;
  counts: Book['counts'];
  pull: PullFigures;
  roundTrip: RoundTripFigures;
  loadLimited: LoadFigures;
  loadOpen: LoadFigures;
}

async function runOn(storage: string, env: Record<string, string>): Promise<StorageFigures> {
  log(`bench:sync — ${storage}: starting the server process`);
  const server = await startServer(env);
  let dbB: BuyerLensDb | undefined;
  try {
    const limitedBase = `http://127.0.0.1:${server.ports.limited}`;
    const openBase = `http://127.0.0.1:${server.ports.open}`;
    // Owner (seeds), the fresh member B, member A, and 20 pushing members.
    const { owner, members } = await makeTeam(limitedBase, 2 + LOAD_CLIENTS);
    const [memberB, memberA, ...loaders] = members as [MemberAccess, MemberAccess, ...MemberAccess[]];
    const b = book();
    log(`bench:sync — ${storage}: seeding ${n(CUSTOMERS)} customers, ${TAGS} tags, taggings and notes (owner's client, over HTTP)`);
    const seeded = await seed(new RawClient(limitedBase, owner.token), b);
    log(`bench:sync — ${storage}: seeded in ${fmtMs(seeded.totalMs)}; a fresh member pulls everything`);
    const pulled = await initialPull(limitedBase, memberB, server, b);
    dbB = pulled.db;
    log(`bench:sync — ${storage}: initial pull ${fmtMs(pulled.figures.totalMs)}; ${ROUNDS} round trips`);
    const roundTrip = await roundTrips(limitedBase, memberA, dbB, memberB.token, server, b);
    log(`bench:sync — ${storage}: round trip median ${fmtMs(roundTrip.medianMs)}; ${LOAD_CLIENTS} clients pushing for ${LOAD_SECONDS} s, rate limit on`);
    const loadLimited = await load(limitedBase, true, loaders, server, b);
    log(`bench:sync — ${storage}: ${n(loadLimited.perSec)} mutations/s with the limit; again with it off`);
    const loadOpen = await load(openBase, false, loaders, server, b);
    log(`bench:sync — ${storage}: ${n(loadOpen.perSec)} mutations/s without it`);
    return { storage, seed: seeded, counts: { ...b.counts }, pull: pulled.figures, roundTrip, loadLimited, loadOpen };
  } finally {
    await dbB?.delete();
    await server.close();
  }
}

// ---------- report ----------

function rowsOf(f: StorageFigures): string[][] {
  const met = (ok: boolean) => (ok ? 'yes' : 'NO');
  const p = f.pull;
  const rt = f.roundTrip;
  const loadRow = (l: LoadFigures): string[] => [
    `${LOAD_CLIENTS} clients pushing 1 mutation/push, rate limit ${l.limiter ? 'ON (20/s/token)' : 'off'}`,
    `${n(l.perSec)} mut/s`,
    `p50 ${fmtMs(l.p50Ms)}, p99 ${fmtMs(l.p99Ms)}; server p50 ${fmtMs(l.serverP50Ms)}, p99 ${fmtMs(l.serverP99Ms)}; ${n(l.rateLimited)} × 429; CPU server ${Math.round(l.serverCpu * 100)}%, clients ${Math.round(l.clientCpu * 100)}%`,
    '≥ 500/s, p99 < 200 ms',
    met(l.perSec >= GOALS.mutationsPerSec && l.p99Ms < GOALS.pushP99Ms),
  ];
  return [
    [`[${f.storage}] seed ${n(f.counts.customers)} customers, ${n(f.counts.taggings)} taggings, ${n(f.counts.notes)} notes (not a goal)`, fmtMs(f.seed.totalMs), `${n(f.seed.mutations)} mutations in ${n(f.seed.pushes)} pushes, ${mb(f.seed.bytesSent)} sent`, '', ''],
    [`initial pull of a fresh member (${n(p.changes)} records into fake-indexeddb)`, fmtMs(p.totalMs), `${mb(p.bytes)} in ${n(p.pages)} pages`, '< 20 s', met(p.totalMs < GOALS.initialPullMs)],
    ['  server: the pull request alone', fmtMs(p.serverMs), '', '', ''],
    ['  request → JSON parsed (server + transfer + JSON.parse)', fmtMs(p.requestMs), '', '', ''],
    ['  client: zod + one Dexie transaction per page (fake-indexeddb)', fmtMs(p.clientMs), '', '', ''],
    [`round trip: A tags 1 → push → B pulls and holds it (${rt.rounds}×)`, `median ${fmtMs(rt.medianMs)}`, `p95 ${fmtMs(rt.p95Ms)}`, 'median < 150 ms', met(rt.medianMs < GOALS.roundTripMedianMs)],
    ['  push (A) / pull (B), medians', `${fmtMs(rt.pushMedianMs)} / ${fmtMs(rt.pullMedianMs)}`, `server ${fmtMs(rt.serverPushMedianMs)} / ${fmtMs(rt.serverPullMedianMs)}`, '', ''],
    loadRow(f.loadLimited),
    loadRow(f.loadOpen),
  ];
}

function jsonOf(f: StorageFigures) {
  const load = (l: LoadFigures) => ({
    limiter: l.limiter,
    clients: LOAD_CLIENTS,
    mutationsPerPush: 1,
    seconds: r1(l.seconds),
    mutations: l.mutations,
    mutationsPerSec: Math.round(l.perSec),
    p50Ms: r1(l.p50Ms),
    p99Ms: r1(l.p99Ms),
    serverP50Ms: r1(l.serverP50Ms),
    serverP99Ms: r1(l.serverP99Ms),
    rateLimited429: l.rateLimited,
    serverCpuPercentOfCore: r1(l.serverCpu * 100),
    clientCpuPercentOfCore: r1(l.clientCpu * 100),
    met: l.perSec >= GOALS.mutationsPerSec && l.p99Ms < GOALS.pushP99Ms,
  });
  return {
    counts: f.counts,
    seed: { ms: Math.round(f.seed.totalMs), customersMs: Math.round(f.seed.customersMs), tagsMs: Math.round(f.seed.tagsMs), taggingsMs: Math.round(f.seed.taggingsMs), notesMs: Math.round(f.seed.notesMs), pushes: f.seed.pushes, mutations: f.seed.mutations, bytesSent: f.seed.bytesSent },
    initialPull: {
      ms: Math.round(f.pull.totalMs),
      serverMs: Math.round(f.pull.serverMs),
      requestMs: Math.round(f.pull.requestMs),
      clientMs: Math.round(f.pull.clientMs),
      bytes: f.pull.bytes,
      records: f.pull.changes,
      pages: f.pull.pages,
      met: f.pull.totalMs < GOALS.initialPullMs,
    },
    roundTrip: {
      rounds: f.roundTrip.rounds,
      medianMs: r1(f.roundTrip.medianMs),
      p95Ms: r1(f.roundTrip.p95Ms),
      pushMedianMs: r1(f.roundTrip.pushMedianMs),
      pullMedianMs: r1(f.roundTrip.pullMedianMs),
      serverPushMedianMs: r1(f.roundTrip.serverPushMedianMs),
      serverPullMedianMs: r1(f.roundTrip.serverPullMedianMs),
      localWriteMedianMs: r1(f.roundTrip.localWriteMedianMs),
      pullBytesMedian: f.roundTrip.pullBytesMedian,
      met: f.roundTrip.medianMs < GOALS.roundTripMedianMs,
    },
    throughput: { limiterOn: load(f.loadLimited), limiterOff: load(f.loadOpen) },
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const watchdog = setTimeout(() => {
    console.error(`bench:sync: still running after ${WATCHDOG_MS / 60_000} min, giving up`);
    process.exit(1);
  }, WATCHDOG_MS);
  watchdog.unref();
  const results: StorageFigures[] = [];
  const dataDir = await mkdtemp(join(tmpdir(), 'buyerlens-bench-sync-'));
  try {
    results.push(await runOn('PGlite', { BENCH_DATA_DIR: join(dataDir, 'pglite') }));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  let postgres: string;
  const opener = postgresOpener();
  if (!process.env.DATABASE_URL) postgres = 'not run (DATABASE_URL is not set)';
  else if (!opener) postgres = 'not available in this build';
  else {
    results.push(await runOn('PostgreSQL', { BENCH_PG_OPENER: opener }));
    postgres = 'run';
  }

  const wallSec = (Date.now() - started) / 1000;
  const rows: string[][] = [['figure', 'ours', 'beside', 'goal', 'met?']];
  for (const f of results) rows.push(...rowsOf(f));
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const out: string[] = [''];
  out.push(`bench:sync — Node ${process.version}, ${availableParallelism()} CPUs (${cpu}); storage: ${results.map((r) => r.storage).join(', ')}; scale ${SCALE}`);
  out.push(`PostgreSQL: ${postgres}`);
  out.push('');
  out.push(table(rows));
  out.push('');
  out.push(
    `Server: the node server of server/http.ts in its own process, on 127.0.0.1 over real HTTP (keep-alive fetch), PGlite in a temp data folder (deleted). ` +
      `Clients: the real sync client and service on Dexie over fake-indexeddb, which is much slower than Chromium's IndexedDB: the client part of the initial pull is an upper bound for a browser.`,
  );
  out.push(
    `Seeded: ${n(CUSTOMERS)} customers (sightings.record, ${n(BUYERS_PER_SIGHTING)} buyers per mutation, a third with a second key), ${TAGS} tags, ${n(results[0]!.counts.taggings)} taggings (30% of customers, one tag each, tagging.add with up to ${n(ADDS_PER_TAGGING)} adds), ${n(results[0]!.counts.notes)} notes (one note.put each); no orders.`,
  );
  out.push(
    `Round trip: A's tag is two mutations (sightings.record + tagging.add, as the service writes it) in one push; rounds start ≥ ${ROUND_SPACING_MS} ms apart; rate limit on. ` +
      `Throughput: one mutation per push, tagging.add and note.put alternately; a push that waited out a 429 is left out of the latencies. Wall time ${wallSec.toFixed(0)} s.`,
  );
  console.log(out.join('\n'));

  const pg = results.find((r) => r.storage === 'PostgreSQL');
  const pgl = results[0]!;
  const json = {
    bench: 'sync',
    scale: SCALE,
    node: process.version,
    cpus: availableParallelism(),
    cpu,
    storage: results.map((r) => r.storage),
    client: 'fake-indexeddb',
    pglite: jsonOf(pgl),
    postgres: pg ? jsonOf(pg) : postgres,
    goals: GOALS,
    met: {
      initialPull: results.every((r) => r.pull.totalMs < GOALS.initialPullMs),
      roundTrip: results.every((r) => r.roundTrip.medianMs < GOALS.roundTripMedianMs),
      throughputLimiterOn: results.every((r) => r.loadLimited.perSec >= GOALS.mutationsPerSec && r.loadLimited.p99Ms < GOALS.pushP99Ms),
      throughputLimiterOff: results.every((r) => r.loadOpen.perSec >= GOALS.mutationsPerSec && r.loadOpen.p99Ms < GOALS.pushP99Ms),
    },
    wallSec: Math.round(wallSec),
  };
  console.log(JSON.stringify(json));
}

main()
  .then(() => process.exit(0))
  .catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  });
