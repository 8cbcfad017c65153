import { randomId } from '../model/ids';
import type { RpcReply, RpcRequest } from '../rpc/protocol';
import { RpcError } from '../rpc/server';
import { refreshAggregatesOf } from './aggregates';
import { mergeSnapshot, restoreMergeSnapshot } from './merge';
import type { OwnerContext } from './owner-context';
import { applyInSession, closeWriteSession, mutation, openWriteSession } from './write';

/**
 * Merge customers, keeping what the merge replaces so it can be undone until it syncs: the
 * snapshot, the merge and its outbox entry are one transaction, and the snapshot names that
 * entry's mid.
 */
export async function mergeWithUndo(ctx: OwnerContext, req: RpcRequest<'customers.merge'>): Promise<RpcReply<'customers.merge'>> {
  const { db } = ctx;
  const { shopId, survivorId } = req;
  const mergedIds = [...new Set(req.mergedIds)].filter((id) => id !== survivorId);
  const parties = await db.customers.bulkGet([survivorId, ...mergedIds]);
  const survivor = parties[0];
  if (!survivor || survivor.shopId !== shopId || survivor.deleted || survivor.mergedInto) {
    throw new RpcError('not-found', ctx.message('dataService.errors.customerNotFound'));
  }
  if (!mergedIds.length) throw new RpcError('invalid', ctx.message('dataService.errors.mergeNeedsOthers', { name: survivor.displayName }));
  parties.slice(1).forEach((c, i) => {
    if (!c || c.shopId !== shopId || c.deleted || c.mergedInto) {
      throw new RpcError('invalid', ctx.message('dataService.errors.mergeUnavailable', { name: c?.displayName || mergedIds[i]! }));
    }
  });
  const byId = new Map(parties.map((c) => [c!.id, c!]));
  const keptFrom = (id: string | undefined) => {
    if (id === undefined) return undefined;
    const c = byId.get(id);
    if (!c) throw new RpcError('invalid', ctx.message('dataService.errors.mergeKeepOutside'));
    return c;
  };
  const name = keptFrom(req.keep.displayName);
  const email = keptFrom(req.keep.email);
  const phone = keptFrom(req.keep.phone);
  const mergeId = randomId('m');
  const merge = mutation('customer.merge', {
    shopId,
    mergeId,
    survivorId,
    mergedIds,
    fields: {
      ...(name ? { displayName: name.displayName } : {}),
      // '' = the kept customer has none: the survivor's is cleared too.
      ...(email ? { email: email.email ?? '' } : {}),
      ...(phone ? { phone: phone.phone ?? '' } : {}),
    },
  });

  const changes = await db.transaction('rw', db.writeTables, async () => {
    const before = await mergeSnapshot(db, survivorId, mergedIds);
    const session = await openWriteSession(db);
    const mid = await applyInSession(db, session, merge, ctx.now);
    const aggregateChanges = await closeWriteSession(db, session);
    if (mid !== undefined) await db.merges.put({ id: mergeId, shopId, survivorId, mergedIds, at: ctx.now(), mid, before });
    return aggregateChanges;
  });
  await ctx.engine.apply(changes);
  await ctx.engine.recomputeAll(shopId);
  ctx.changed(shopId);
  return { mergeId };
}

/** Merges whose outbox entry is still unsent, newest first. */
export async function undoableMerges(ctx: OwnerContext, shopId: string): Promise<RpcReply<'merges.list'>> {
  const { db } = ctx;
  const rows = await db.merges.where('shopId').equals(shopId).toArray();
  const [entries, survivors] = await Promise.all([
    db.outbox.bulkGet(rows.map((r) => r.mid)),
    db.customers.bulkGet(rows.map((r) => r.survivorId)),
  ]);
  return rows
    .flatMap((r, i) =>
      entries[i]?.name === 'customer.merge'
        ? [{ mergeId: r.id, survivorId: r.survivorId, survivorName: survivors[i]?.displayName ?? '', merged: r.mergedIds.length, at: r.at }]
        : [],
    )
    .sort((a, b) => b.at - a.at);
}

/**
 * Undo a merge: the snapshot comes back exactly and the merge's outbox entry is retracted (it
 * keeps its mid and changes nothing), so the team never hears of the merge. Only while that entry is unsent; once synced, teammates have it too.
 */
export async function undoMerge(ctx: OwnerContext, mergeId: string): Promise<RpcReply<'customers.unmerge'>> {
  const { db } = ctx;
  const shopId = await db.transaction('rw', db.writeTables, async () => {
    const row = await db.merges.get(mergeId);
    if (!row) throw new RpcError('not-found', ctx.message('dataService.errors.mergeNotFound'));
    const entry = await db.outbox.get(row.mid);
    if (entry?.name !== 'customer.merge') throw new RpcError('conflict', ctx.message('dataService.errors.mergeSynced'));
    const customers = await restoreMergeSnapshot(db, row);
    // Retracted in place rather than deleted: the mids this client pushes stay without a hole.
    await db.outbox.put({ ...entry, name: 'outbox.retracted', args: { name: entry.name } });
    await db.merges.delete(mergeId);
    await refreshAggregatesOf(db, customers, { collect: false });
    return row.shopId;
  });
  await ctx.engine.recomputeAll(shopId);
  ctx.changed(shopId);
  return { undone: true };
}
