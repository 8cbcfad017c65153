import type { RpcHandlers } from '../rpc/server';
import { RpcError } from '../rpc/server';
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
  const todo = async (): Promise<never> => {
    throw new RpcError('internal', ctx.message('not built yet'));
  };
  return {
    'import.begin': todo,
    'import.stage': todo,
    'import.commit': todo,
    'jobs.cancel': todo,
    'customers.duplicates': todo,
    'customers.merge': todo,
    'merges.list': todo,
    'customers.unmerge': todo,
    'customer.export': todo,
    'customer.forget': todo,
    'backup.info': todo,
    'backup.read': todo,
    'restore.begin': todo,
    'restore.stage': todo,
    'restore.commit': todo,
  };
}
