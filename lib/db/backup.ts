import { RESTORED_LOCALLY } from './write';
import * as z from 'zod/mini';
import { ActionState, Customer, ForgottenKey, Note, OrderRecord, Segment, Shop, ShopSetting, Tag, Tagging } from '../model/entities';
import { BACKUP_TABLES, BACKUP_VERSION, BackupHeader, type BackupTable } from '../model/owner';
import { SiteRecipe } from '../model/recipe';
import type { RpcReply, RpcRequest } from '../rpc/protocol';
import { RpcError } from '../rpc/server';
import { refreshAggregatesOf } from './aggregates';
import { forEachStaged, openJob } from './jobs';
import type { OwnerContext } from './owner-context';

/** Each backed-up table's records, checked with the same schema the data model states. */
const ROW_SCHEMAS: Record<BackupTable, z.ZodMiniType> = {
  shops: Shop,
  customers: Customer,
  orders: OrderRecord,
  tags: Tag,
  taggings: Tagging,
  notes: Note,
  actionStates: ActionState,
  shopSettings: ShopSetting,
  segments: Segment,
  forgotten: ForgottenKey,
  recipes: z.object({
    ...SiteRecipe.shape,
    shopId: z.string().check(z.minLength(1), z.maxLength(240)),
    hlc: z.string().check(z.minLength(1), z.maxLength(80)),
    updatedBy: z.string().check(z.minLength(1), z.maxLength(100)),
    deleted: z.boolean(),
  }),
};

/** What a restore job keeps: the header it promised, and how many records of each table arrived. */
const RestoreJobInfo = z.object({ header: BackupHeader, received: z.record(z.string(), z.number()) });
type RestoreJobInfo = z.infer<typeof RestoreJobInfo>;

export async function backupCounts(ctx: OwnerContext): Promise<RpcReply<'backup.info'>> {
  const counts = await Promise.all(BACKUP_TABLES.map((t) => ctx.db.table(t).count()));
  return { counts: Object.fromEntries(BACKUP_TABLES.map((t, i) => [t, counts[i]!])) as Record<BackupTable, number> };
}

/** A page of one table in primary-key order, so pages never overlap or skip. */
export async function backupPage(ctx: OwnerContext, { table, offset, limit }: RpcRequest<'backup.read'>): Promise<RpcReply<'backup.read'>> {
  return { rows: await ctx.db.table(table).toCollection().offset(offset).limit(limit).toArray() };
}

export async function beginRestore(ctx: OwnerContext, header: BackupHeader): Promise<RpcReply<'restore.begin'>> {
  if (header.version > BACKUP_VERSION) {
    throw new RpcError('invalid', ctx.message('dataService.errors.backupTooNew', { version: header.version, supported: BACKUP_VERSION }));
  }
  const info: RestoreJobInfo = { header, received: {} };
  return { jobId: await openJob(ctx.db, 'restore', info, ctx.now()) };
}

/** Stage one table's records; any invalid record rejects the whole call, naming it. */
export async function stageRestore(ctx: OwnerContext, { jobId, table, rows }: RpcRequest<'restore.stage'>): Promise<RpcReply<'restore.stage'>> {
  const { db } = ctx;
  const job = await restoreJob(ctx, jobId);
  const before = job.info.received[table] ?? 0;
  const schema = ROW_SCHEMAS[table];
  const parsed = rows.map((row, i) => {
    const result = schema.safeParse(row);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const detail = issue ? `${issue.path.join('.') || '-'}: ${issue.message}` : '';
    throw new RpcError(
      'invalid',
      ctx.message('dataService.errors.backupRowInvalid', { table: tableLabel(ctx, table), index: before + i + 1, detail }),
    );
  });
  return db.transaction('rw', db.jobs, db.staging, async () => {
    const current = await restoreJob(ctx, jobId);
    const received = { ...current.info.received, [table]: (current.info.received[table] ?? 0) + parsed.length };
    await db.staging.add({ jobId, kind: table, payload: parsed });
    await db.jobs.put({ ...current.row, info: { ...current.info, received }, staged: current.row.staged + parsed.length });
    return { staged: received[table]! };
  });
}

/**
 * Replace every backed-up table with the staged records in ONE transaction, only when every
 * table's count matches the header (a cut file restores nothing). Derived figures are rebuilt,
 * local merge snapshots (about the replaced data) dropped; the outbox is left as it is.
 */
export async function commitRestore(ctx: OwnerContext, jobId: string): Promise<RpcReply<'restore.commit'>> {
  const { db } = ctx;
  const { counts, shopIds } = await db.transaction('rw', [...db.writeTables, db.staging, db.jobs], async () => {
    const { info } = await restoreJob(ctx, jobId);
    for (const table of BACKUP_TABLES) {
      const expected = info.header.counts[table] ?? 0;
      const actual = info.received[table] ?? 0;
      if (expected !== actual) {
        throw new RpcError('invalid', ctx.message('dataService.errors.backupCountMismatch', { table: tableLabel(ctx, table), expected, actual }));
      }
    }
    const shopIds = new Set((await db.shops.toCollection().primaryKeys()) as string[]);
    for (const table of [...BACKUP_TABLES, 'aggregates', 'merges']) await db.table(table).clear();
    const customersWithOrders = new Set<string>();
    const seqs = await forEachStaged(db, jobId, async (row) => {
      const records = row.payload as Array<{ shopId?: string; id?: string; customerId?: string }>;
      await db.table(row.kind).bulkPut(records);
      for (const r of records) {
        if (row.kind === 'orders' && r.customerId) customersWithOrders.add(r.customerId);
        if (row.kind === 'shops' && r.id) shopIds.add(r.id);
      }
    });
    await refreshAggregatesOf(db, customersWithOrders, { collect: false });
    // These records came from no outbox entry: a later first pull from a team must keep them.
    await db.meta.put({ key: RESTORED_LOCALLY, value: true });
    await db.staging.bulkDelete(seqs);
    await db.jobs.delete(jobId);
    for (const id of new Set((await db.aggregates.toArray()).map((a) => a.shopId))) shopIds.add(id);
    const counts = Object.fromEntries(BACKUP_TABLES.map((t) => [t, info.received[t] ?? 0])) as Record<BackupTable, number>;
    return { counts, shopIds };
  });
  for (const shopId of shopIds) {
    await ctx.engine.recomputeAll(shopId);
    ctx.changed(shopId);
  }
  return { counts };
}

async function restoreJob(ctx: OwnerContext, jobId: string) {
  const row = await ctx.db.jobs.get(jobId);
  const info = row?.kind === 'restore' ? RestoreJobInfo.safeParse(row.info) : undefined;
  if (!row || !info?.success) throw new RpcError('not-found', ctx.message('dataService.errors.jobNotFound'));
  return { row, info: info.data };
}

function tableLabel(ctx: OwnerContext, table: BackupTable): string {
  return ctx.message(`dataService.table.${table}`);
}
