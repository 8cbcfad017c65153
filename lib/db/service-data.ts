import type { RpcHandlers } from '../rpc/server';
import { RpcError } from '../rpc/server';
import { backupCounts, backupPage, beginRestore, commitRestore, stageRestore } from './backup';
import { exportCustomer, forgetCustomerEverywhere } from './customer-data';
import { findDuplicates } from './duplicates';
import { commitImport, type ImportBatch, type ImportJobInfo } from './import-commit';
import { dropJob, openJob, stageBatch } from './jobs';
import { mergeWithUndo, undoableMerges, undoMerge } from './merge-undo';
import type { OwnerContext } from './owner-context';

type DataRpc =
  | 'import.begin'
  | 'import.stage'
  | 'import.commit'
  | 'jobs.cancel'
  | 'customers.duplicates'
  | 'customers.merge'
  | 'merges.list'
  | 'customers.unmerge'
  | 'customer.export'
  | 'customer.forget'
  | 'backup.info'
  | 'backup.read'
  | 'restore.begin'
  | 'restore.stage'
  | 'restore.commit';

/** The owner's data: import, merge, forget, one customer's export, backup and restore. */
export function ownerDataHandlers(ctx: OwnerContext): Pick<RpcHandlers, DataRpc> {
  const { db } = ctx;
  return {
    async 'import.begin'({ shop, fileName, format }) {
      const info: ImportJobInfo = { shop, fileName, format };
      return { jobId: await openJob(db, 'import', info, ctx.now()) };
    },

    async 'import.stage'({ jobId, orders, customers }) {
      const payload: ImportBatch = { orders, customers };
      const job = await stageBatch(db, jobId, 'import', { kind: 'import', payload }, orders.length + customers.length);
      if (!job) throw new RpcError('not-found', ctx.message('dataService.errors.jobNotFound'));
      return { staged: job.staged };
    },

    async 'import.commit'({ jobId }) {
      return commitImport(ctx, jobId);
    },

    async 'jobs.cancel'({ jobId }) {
      return { cancelled: await dropJob(db, jobId) };
    },

    async 'customers.duplicates'({ shopId, limit }) {
      return findDuplicates(db, shopId, limit);
    },

    async 'customers.merge'(req) {
      return mergeWithUndo(ctx, req);
    },

    async 'merges.list'({ shopId }) {
      return undoableMerges(ctx, shopId);
    },

    async 'customers.unmerge'({ mergeId }) {
      return undoMerge(ctx, mergeId);
    },

    async 'customer.export'({ shopId, customerId }) {
      return exportCustomer(ctx, shopId, customerId);
    },

    async 'customer.forget'({ shopId, customerId }) {
      return forgetCustomerEverywhere(ctx, shopId, customerId);
    },

    async 'backup.info'() {
      return backupCounts(ctx);
    },

    async 'backup.read'(req) {
      return backupPage(ctx, req);
    },

    async 'restore.begin'({ header }) {
      return beginRestore(ctx, header);
    },

    async 'restore.stage'(req) {
      return stageRestore(ctx, req);
    },

    async 'restore.commit'({ jobId }) {
      return commitRestore(ctx, jobId);
    },
  };
}

