import type { RpcHandlers } from '../rpc/server';
import { RpcError } from '../rpc/server';
import type { OwnerContext } from './owner-context';

type ListRpc = 'customers.query' | 'customers.bulkTag' | 'dashboard.get' | 'segments.list' | 'segments.save' | 'segments.delete' | 'export.csv';

/** The owner's lists: customer table, segments, dashboard, bulk tagging, CSV export. */
export function ownerListHandlers(ctx: OwnerContext): Pick<RpcHandlers, ListRpc> {
  const todo = async (): Promise<never> => {
    throw new RpcError('internal', ctx.message('not built yet'));
  };
  return {
    'customers.query': todo,
    'customers.bulkTag': todo,
    'dashboard.get': todo,
    'segments.list': todo,
    'segments.save': todo,
    'segments.delete': todo,
    'export.csv': todo,
  };
}
