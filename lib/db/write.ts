import { MUTATION_SCHEMAS, type MutationArgs, type MutationName } from '../model/mutation';
import { randomId } from '../model/ids';
import { formatHlc, HLC_ZERO, tick, type HlcState } from '../sync/hlc';
import { refreshAggregatesOf, type AggregateChange } from './aggregates';
import type { BuyerLensDb } from './database';
import { MUTATORS, type WriteContext } from './mutators';
import { recordingDb } from './sync-base';

/** A mutation as callers state it: a name and arguments that must pass its schema. */
export type Mutation = { [N in MutationName]: { name: N; args: MutationArgs<N> } }[MutationName];

export interface WriteResult {
  /** Whether any record changed; unchanged writes leave the outbox alone. */
  readonly changed: boolean;
  /** Derived per-customer figures the write changed, for the shop statistics to follow. */
  readonly aggregateChanges: readonly AggregateChange[];
}

/** Build a mutation with its arguments checked against the schema the server will also use. */
export function mutation<N extends MutationName>(name: N, args: unknown): { name: N; args: MutationArgs<N> } {
  return { name, args: MUTATION_SCHEMAS[name].parse(args) as MutationArgs<N> };
}

/**
 * The one way anything is written. All mutations apply in a single Dexie transaction together
 * with their outbox entries and the clock, so a write is either wholly there, ready to sync, or
 * not there at all. Nothing in here may await the network (the transaction would auto-commit).
 */
export async function applyMutations(
  db: BuyerLensDb,
  mutations: readonly Mutation[],
  now: () => number = Date.now,
): Promise<WriteResult> {
  return db.transaction('rw', db.writeTables, async () => {
    const session = await openWriteSession(db);
    for (const m of mutations) await applyInSession(db, session, m, now);
    const aggregateChanges = await closeWriteSession(db, session);
    return { changed: session.changed, aggregateChanges };
  });
}

/**
 * One write in progress inside a caller's transaction. applyMutations is one session; a staged
 * job (an import commit, a merge with its undo snapshot) opens its own session in a transaction
 * that also covers its job tables, and applies its mutations one at a time through the same steps.
 */
export interface WriteSession {
  readonly clientId: string;
  readonly actor: string;
  clock: HlcState;
  changed: boolean;
  /** Customers whose orders changed: their figures are rebuilt when the session closes. */
  readonly touched: Set<string>;
  /** Sync is on: writes keep the server's version of what they change (see sync-base.ts). */
  readonly recording: boolean;
}

export async function openWriteSession(db: BuyerLensDb): Promise<WriteSession> {
  const clientId = await ensureClientId(db);
  const actor = ((await db.meta.get('memberId'))?.value as string | undefined) ?? clientId;
  const clock = ((await db.meta.get('hlc'))?.value as HlcState | undefined) ?? HLC_ZERO;
  const recording = (await db.meta.get(SYNC_BASE_FROM)) !== undefined;
  return { clientId, actor, clock, changed: false, touched: new Set(), recording };
}

/**
 * Apply one mutation with its own clock tick; when it changed something, append its outbox entry
 * and return the entry's mid (undefined when nothing changed). `extra` reaches the mutator
 * (e.g. counters an import reports back through).
 */
export async function applyInSession(
  db: BuyerLensDb,
  session: WriteSession,
  m: Mutation,
  now: () => number,
  extra: Pick<WriteContext, 'importReport' | 'importCache' | 'timings'> = {},
): Promise<number | undefined> {
  const at = now();
  session.clock = tick(session.clock, at);
  const hlc = formatHlc({ ...session.clock, node: session.clientId });
  const did = await (MUTATORS[m.name] as (db: BuyerLensDb, ctx: WriteContext, args: unknown) => Promise<boolean>)(
    session.recording ? recordingDb(db) : db,
    { now: at, hlc, actor: session.actor, touched: session.touched, ...extra },
    m.args,
  );
  if (!did) return undefined;
  session.changed = true;
  const t0 = extra.timings && performance.now();
  const mid = await db.outbox.add({ clientId: session.clientId, name: m.name, args: m.args, hlc, createdAt: at });
  if (t0 !== undefined) extra.timings!.add('outbox', performance.now() - t0);
  return mid;
}

/**
 * Store the clock and rebuild the touched customers' figures. `collect: false` skips keeping
 * every before/after pair (an import of 60,000 customers recomputes the shop's stats whole instead).
 */
export async function closeWriteSession(
  db: BuyerLensDb,
  session: WriteSession,
  options: { collect?: boolean } = {},
): Promise<AggregateChange[]> {
  if (session.changed) await db.meta.put({ key: 'hlc', value: session.clock });
  return session.touched.size ? refreshAggregatesOf(db, session.touched, options) : [];
}

/**
 * Meta key: set when sync is first used, to the last outbox mid written before it. From then on
 * every write keeps the server's version of what it changes (sync-base.ts); mutations at or
 * below it were written without, so they are pushed before any pull rebases.
 */
export const SYNC_BASE_FROM = 'syncBaseFrom';

/**
 * Meta key: this browser's book was restored from a backup, so it holds records no outbox entry
 * made. Set by a restore (only possible outside a team); a first pull then keeps local records.
 */
export const RESTORED_LOCALLY = 'restoredLocally';

/** This browser profile's sync identity, created on first write. */
export async function ensureClientId(db: BuyerLensDb): Promise<string> {
  const row = await db.meta.get('clientId');
  if (typeof row?.value === 'string') return row.value;
  const id = randomId('cl');
  await db.meta.put({ key: 'clientId', value: id });
  return id;
}
