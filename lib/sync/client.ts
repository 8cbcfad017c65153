import { refreshAggregatesOf } from '../db/aggregates';
import type { BuyerLensDb } from '../db/database';
import { MUTATORS, type WriteContext } from '../db/mutators';
import { recordingDb } from '../db/sync-base';
import { ensureClientId, RESTORED_LOCALLY, SYNC_BASE_FROM } from '../db/write';
import type { OutboxEntry } from '../model/mutation';
import { HLC_ZERO, parseHlc, receive, type HlcState } from './hlc';
import { PullResponse, PushResponse, PUSH_MAX_MUTATIONS, type Cookie, type PullRequest, type PushRequest, type Rejection } from './protocol';
import { SYNCED_TABLES, isSyncedTable, type SyncedTable } from './tables';

/**
 * The sync client (background only: it opens the database). Replicache-style:
 * - push sends outbox entries in mid order and drops those the server acknowledged;
 * - pull fetches the changes after the stored cookie and, in ONE transaction, puts back the
 *   server's version of every record local writes changed since the last pull, writes the
 *   pulled records (the server's word wins), drops acknowledged outbox entries, re-applies the
 *   pending ones with the same mutators (the rebase), stores the cookie and rebuilds the figures
 *   of the customers whose orders changed.
 * The network is never called inside a Dexie transaction.
 */

/** Sends one request and resolves with the parsed JSON reply; rejects when no reply came. */
export type Transport = {
  (path: '/v1/push', body: PushRequest): Promise<unknown>;
  (path: '/v1/pull', body: PullRequest): Promise<unknown>;
};

const COOKIE = 'syncCookie';
const REJECTED = 'syncRejected';
/**
 * Meta key: local outbox mid minus the mid the server sees. A client's mids start at 1 on the
 * server, but the outbox's keep counting across clients (after leaving a team and joining as
 * someone else, the new client's first entry may be mid 301): fixed at a client's first push.
 */
export const MID_OFFSET = 'syncMidOffset';

/** Meta key: the last pull's reply said `more`; the next pull continues it. */
export const PULL_CONTINUES = 'syncPullContinues';

/** Meta key: the server acknowledged outbox entries since the last pull. */
const ACKED_SINCE_PULL = 'syncAckedSincePull';

async function midOffset(db: BuyerLensDb): Promise<number | undefined> {
  return (await db.meta.get(MID_OFFSET))?.value as number | undefined;
}
/** Rejections kept for the sync status to show, newest last. */
const REJECTED_KEEP = 50;

/** Turn sync on (once): from now on writes keep their base; earlier mutations must be pushed before a pull. */
export async function enableSync(db: BuyerLensDb): Promise<void> {
  await db.transaction('rw', db.meta, db.outbox, async () => {
    if (await db.meta.get(SYNC_BASE_FROM)) return;
    const last = await db.outbox.orderBy('mid').last();
    await db.meta.put({ key: SYNC_BASE_FROM, value: last?.mid ?? 0 });
  });
}

export interface PushResult {
  /** Entries sent. */
  sent: number;
  /** Entries the server acknowledged (applied or rejected), now gone from the outbox. */
  acknowledged: number;
  rejected: Rejection[];
}

/**
 * Most bytes of mutations (as JSON, UTF-8) one push sends. The server refuses a body over 4 MB
 * (server/http.ts BODY_LIMIT_BYTES) and one `import.records` entry can be about 1 MB, so a count
 * alone could cross it; 3 MB leaves room for the rest of the body.
 */
export const PUSH_MAX_BYTES = 3 * 1024 * 1024;

const utf8 = new TextEncoder();

/**
 * Push the outbox, oldest first: as many entries as fit in `maxBytes` of JSON (always at least
 * one) and at most `max`; then drop what the server acknowledged. The entries are read with a
 * cursor that stops at the limit, so a backlog of large entries is never all loaded.
 */
export async function push(
  db: BuyerLensDb,
  transport: Transport,
  { max = PUSH_MAX_MUTATIONS, maxBytes = PUSH_MAX_BYTES }: { max?: number; maxBytes?: number } = {},
): Promise<PushResult> {
  await enableSync(db);
  const clientId = await db.transaction('rw', db.meta, () => ensureClientId(db));
  let bytes = 0;
  let taken = 0;
  const entries = await db.outbox
    .orderBy('mid')
    .limit(Math.min(max, PUSH_MAX_MUTATIONS))
    .until((e) => {
      // As sent (the local mid is at least the server's, so this never undercounts), +1 for the comma.
      const size = utf8.encode(JSON.stringify({ mid: e.mid, name: e.name, args: e.args, hlc: e.hlc })).byteLength + 1;
      if (taken && bytes + size > maxBytes) return true;
      bytes += size;
      taken++;
      return false;
    })
    .toArray();
  if (!entries.length) return { sent: 0, acknowledged: 0, rejected: [] };
  let offset = await midOffset(db);
  if (offset === undefined) {
    // This client's first push: its oldest entry is mid 1 on the server.
    offset = entries[0]!.mid! - 1;
    await db.meta.put({ key: MID_OFFSET, value: offset });
  }
  const body: PushRequest = {
    clientId,
    mutations: entries.map((e) => ({ mid: e.mid! - offset, name: e.name, args: e.args, hlc: e.hlc })),
  };
  const reply = PushResponse.parse(await transport('/v1/push', body));
  const rejected = reply.rejected.map((r) => ({ ...r, mid: r.mid + offset }));
  const acknowledged = await db.transaction('rw', db.outbox, db.meta, async () => {
    const gone = await db.outbox.where('mid').belowOrEqual(reply.lastMid + offset).delete();
    // The next pull must revert and rebase even if it brings nothing: a refused one is undone there.
    if (gone) await db.meta.put({ key: ACKED_SINCE_PULL, value: true });
    if (rejected.length) await keepRejections(db, rejected);
    return gone;
  });
  return { sent: entries.length, acknowledged, rejected };
}

/** The server's refusals kept for people to see, newest last. */
export async function readRejections(db: BuyerLensDb): Promise<Rejection[]> {
  return ((await db.meta.get(REJECTED))?.value as Rejection[] | undefined) ?? [];
}

async function keepRejections(db: BuyerLensDb, rejected: readonly Rejection[]) {
  const before = ((await db.meta.get(REJECTED))?.value as Rejection[] | undefined) ?? [];
  const known = new Set(before.map((r) => r.mid));
  const next = [...before, ...rejected.filter((r) => !known.has(r.mid))].slice(-REJECTED_KEEP);
  await db.meta.put({ key: REJECTED, value: next });
}

export type PullResult =
  /** `shops`: the shops whose records the pull changed (their open pages and caches must follow). */
  | { status: 'pulled'; changes: number; pending: number; reset: boolean; shops: string[]; more: boolean }
  /** Mutations written before sync was on are still in the outbox: push them first. */
  | { status: 'push-first' };

export async function pull(db: BuyerLensDb, transport: Transport): Promise<PullResult> {
  await enableSync(db);
  const clientId = await db.transaction('rw', db.meta, () => ensureClientId(db));
  const from = (await db.meta.get(SYNC_BASE_FROM))!.value as number;
  const oldest = await db.outbox.orderBy('mid').first();
  // Those were applied locally without keeping a base: re-applying them could apply them twice.
  if (oldest && oldest.mid! <= from) return { status: 'push-first' };
  const cookie = ((await db.meta.get(COOKIE))?.value as Cookie | undefined) ?? null;

  const continued = !!(await db.meta.get(PULL_CONTINUES))?.value;
  // A client's first pull takes the server's state whole: every local record came from an outbox
  // entry, all pushed by now (push-first above), and the server may have applied one elsewhere
  // than this browser did (a tag on a buyer merged meanwhile lands on the survivor), which no
  // base recorded before sync was on could take back. A restored book is the exception.
  const whole = cookie === null && !continued && !(await db.meta.get(RESTORED_LOCALLY))?.value;
  const reply = PullResponse.parse(await transport('/v1/pull', { clientId, cookie, ...(continued ? { continued } : {}) }));
  const more = !!reply.more;
  // The server's lastMid in outbox terms (0 while this client has pushed nothing).
  const lastMid = reply.lastMid ? reply.lastMid + ((await midOffset(db)) ?? 0) : 0;

  return db.transaction('rw', db.writeTables, async () => {
    // The cookie moved while we were away (another pull of this profile): start over next time.
    const now = ((await db.meta.get(COOKIE))?.value as Cookie | undefined) ?? null;
    if (JSON.stringify(now) !== JSON.stringify(cookie)) return { status: 'pulled' as const, changes: 0, pending: await db.outbox.count(), reset: false, shops: [], more: false };
    const acknowledged = await db.outbox.where('mid').belowOrEqual(lastMid).toArray();
    const ackedSincePull = !!(await db.meta.get(ACKED_SINCE_PULL))?.value;
    await db.meta.delete(ACKED_SINCE_PULL);
    const reset = !!reply.reset || whole;
    if (!reply.changes.length && !acknowledged.length && !ackedSincePull && !reset) {
      // Nothing new either way (the usual poll): reverting and re-applying would give back exactly
      // what is there, so skip both.
      await db.meta.bulkPut([{ key: COOKIE, value: reply.cookie }, { key: PULL_CONTINUES, value: more }]);
      return { status: 'pulled' as const, changes: 0, pending: await db.outbox.count(), reset: false, shops: [], more };
    }
    const touched = new Set<string>();
    const shops = new Set<string>();
    for (const c of reply.changes) if (typeof c.row.shopId === 'string') shops.add(c.row.shopId);
    // A refused mutation disappears with the revert: its shop changes too.
    for (const e of acknowledged) {
      const shopId = (e.args as { shopId?: unknown } | null)?.shopId;
      if (typeof shopId === 'string') shops.add(shopId);
    }
    await revertToBase(db, touched, shops);
    if (reset) {
      for (const shopId of await db.customers.orderBy('shopId').uniqueKeys()) shops.add(String(shopId));
      for (const t of SYNCED_TABLES) await db.table(t).clear();
    }
    await writeServerRows(db, reply.changes, touched);
    await db.outbox.where('mid').belowOrEqual(lastMid).delete();
    const pending = await db.outbox.orderBy('mid').toArray();
    await rebase(db, pending, reply.changes, touched);
    await db.meta.bulkPut([{ key: COOKIE, value: reply.cookie }, { key: PULL_CONTINUES, value: more }]);
    if (touched.size) await refreshAggregatesOf(db, touched, { collect: false });
    return { status: 'pulled' as const, changes: reply.changes.length, pending: pending.length, reset: !!reply.reset, shops: [...shops], more };
  });
}

/** Put back the server's version of every record changed locally since the last pull. */
async function revertToBase(db: BuyerLensDb, touched: Set<string>, shops: Set<string>) {
  const bases = await db.syncBase.toArray();
  for (const b of bases) {
    const shopId = (b.row as { shopId?: unknown } | undefined)?.shopId;
    if (typeof shopId === 'string') shops.add(shopId);
  }
  const byTable = new Map<SyncedTable, { puts: { id: string }[]; deletes: string[] }>();
  for (const b of bases) {
    if (!isSyncedTable(b.table)) continue;
    const entry = byTable.get(b.table) ?? byTable.set(b.table, { puts: [], deletes: [] }).get(b.table)!;
    if (b.row) entry.puts.push(b.row as { id: string });
    else entry.deletes.push(b.key.slice(b.table.length + 1));
  }
  for (const [table, { puts, deletes }] of byTable) {
    if (table === 'orders') {
      // The figures of both the local owner and the server's owner of each order change.
      const local = await db.orders.bulkGet([...puts.map((r) => r.id), ...deletes]);
      for (const o of local) if (o) touched.add(o.customerId);
      for (const o of puts as unknown as { customerId: string }[]) touched.add(o.customerId);
    }
    if (puts.length) await db.table(table).bulkPut(puts);
    if (deletes.length) {
      // Records the server never had (made locally since the last pull): their shops change too.
      for (const row of await db.table(table).bulkGet(deletes)) {
        if (typeof row?.shopId === 'string') shops.add(row.shopId);
      }
      await db.table(table).bulkDelete(deletes);
    }
  }
  await db.syncBase.clear();
}

async function writeServerRows(db: BuyerLensDb, changes: PullResponse['changes'], touched: Set<string>) {
  const byTable = new Map<SyncedTable, { id: string }[]>();
  for (const c of changes) (byTable.get(c.table) ?? byTable.set(c.table, []).get(c.table)!).push(c.row);
  for (const [table, rows] of byTable) {
    if (table === 'orders') {
      const local = await db.orders.bulkGet(rows.map((r) => r.id));
      for (const o of local) if (o) touched.add(o.customerId);
      for (const o of rows as unknown as { customerId: string }[]) touched.add(o.customerId);
    }
    await db.table(table).bulkPut(rows);
  }
}

/**
 * Re-apply the pending mutations on top of the server's state, each with its own stamp and time,
 * keeping bases again (for the next pull). The clock moves past every stamp pulled.
 */
async function rebase(db: BuyerLensDb, pending: readonly OutboxEntry[], changes: PullResponse['changes'], touched: Set<string>) {
  const actor = ((await db.meta.get('memberId'))?.value as string | undefined) ?? (await ensureClientId(db));
  const recording = recordingDb(db);
  for (const entry of pending) {
    const wall = parseHlc(entry.hlc)?.wall ?? entry.createdAt;
    const ctx: WriteContext = { now: wall, hlc: entry.hlc, actor, touched };
    try {
      await (MUTATORS[entry.name] as (db: BuyerLensDb, ctx: WriteContext, args: unknown) => Promise<boolean>)(recording, ctx, entry.args);
    } catch (e) {
      // The server will say what becomes of it; locally it simply does not show until then.
      console.warn(`sync: pending mutation ${entry.mid} (${entry.name}) could not be re-applied`, e);
    }
  }
  let latest: HlcState | undefined;
  for (const c of changes) {
    const stamp = typeof c.row.hlc === 'string' ? parseHlc(c.row.hlc) : undefined;
    if (stamp && (!latest || stamp.wall > latest.wall || (stamp.wall === latest.wall && stamp.counter > latest.counter))) latest = stamp;
  }
  if (latest) {
    const clock = ((await db.meta.get('hlc'))?.value as HlcState | undefined) ?? HLC_ZERO;
    await db.meta.put({ key: 'hlc', value: receive(clock, latest, Math.max(clock.wall, 0)) });
  }
}

/** Pages a round may pull before it lets other work (a push) go first. */
const MAX_PAGES_PER_ROUND = 200;

/** One round: push everything (in chunks), then pull every page. */
export async function syncOnce(db: BuyerLensDb, transport: Transport): Promise<PullResult> {
  for (;;) {
    const { sent, acknowledged } = await push(db, transport);
    if (!sent || !acknowledged) break;
  }
  let result = await pull(db, transport);
  if (result.status !== 'pulled') return result;
  const shops = new Set(result.shops);
  let { changes, reset } = result;
  for (let page = 1; result.status === 'pulled' && result.more && page < MAX_PAGES_PER_ROUND; page++) {
    result = await pull(db, transport);
    if (result.status !== 'pulled') return result;
    for (const s of result.shops) shops.add(s);
    changes += result.changes;
    reset ||= result.reset;
  }
  return { ...result, changes, reset, shops: [...shops] };
}
