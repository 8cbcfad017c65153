import { MUTATION_SCHEMAS, type MutationArgs, type MutationName } from '../model/mutation';
import { randomId } from '../model/ids';
import { formatHlc, HLC_ZERO, tick, type HlcState } from '../sync/hlc';
import { refreshAggregates, type AggregateChange } from './aggregates';
import type { BuyerLensDb } from './database';
import { MUTATORS } from './mutators';

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
    const clientId = await ensureClientId(db);
    const actor = ((await db.meta.get('memberId'))?.value as string | undefined) ?? clientId;
    let clock = ((await db.meta.get('hlc'))?.value as HlcState | undefined) ?? HLC_ZERO;
    let changed = false;
    const touched = new Set<string>();
    for (const m of mutations) {
      const at = now();
      clock = tick(clock, at);
      const hlc = formatHlc({ ...clock, node: clientId });
      const did = await (MUTATORS[m.name] as (db: BuyerLensDb, ctx: unknown, args: unknown) => Promise<boolean>)(
        db,
        { now: at, hlc, actor, touched },
        m.args,
      );
      if (did) {
        await db.outbox.add({ clientId, name: m.name, args: m.args, hlc, createdAt: at });
        changed = true;
      }
    }
    if (changed) await db.meta.put({ key: 'hlc', value: clock });
    const aggregateChanges = touched.size ? await refreshAggregates(db, touched) : [];
    return { changed, aggregateChanges };
  });
}

/** This browser profile's sync identity, created on first write. */
export async function ensureClientId(db: BuyerLensDb): Promise<string> {
  const row = await db.meta.get('clientId');
  if (typeof row?.value === 'string') return row.value;
  const id = randomId('cl');
  await db.meta.put({ key: 'clientId', value: id });
  return id;
}
