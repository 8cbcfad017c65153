import type { MutationName } from '../model/mutation';
import type { Role } from '../model/sync';
import type { RpcName } from '../rpc/protocol';
import { RpcError, type RpcHandlers } from '../rpc/server';
import { mayDo, mayMutate, type Action } from './roles';

/**
 * What a member's role forbids, refused by the background itself, not only hidden in the UI:
 * the server refuses a forbidden mutation anyway, but a refusal there comes after the local
 * change was shown, and exports never reach the server at all. Outside a team a person is the
 * owner of their own book: nothing is refused.
 */
type Need = { mutation: MutationName } | { action: Action } | 'solo';

export const RPC_NEEDS: Partial<Record<RpcName, Need>> = {
  'export.csv': { action: 'export' },
  'customer.export': { action: 'export' },
  'backup.info': { action: 'export' },
  'backup.read': { action: 'export' },
  'import.begin': { mutation: 'import.records' },
  'import.stage': { mutation: 'import.records' },
  'import.commit': { mutation: 'import.records' },
  'customers.merge': { mutation: 'customer.merge' },
  'customers.unmerge': { mutation: 'customer.merge' },
  'customer.forget': { mutation: 'customer.forget' },
  'tag.delete': { mutation: 'tag.delete' },
  'note.delete': { mutation: 'note.delete' },
  'segments.delete': { mutation: 'segment.delete' },
  'rules.save': { mutation: 'setting.put' },
  'recipes.save': { mutation: 'recipe.put' },
  'recipes.import': { mutation: 'recipe.put' },
  'recipes.delete': { mutation: 'recipe.delete' },
  // A restore replaces this browser's book wholesale, behind the team's back: in a team, the
  // server's book is the one that counts (leave the team to restore a backup here).
  'restore.begin': 'solo',
};

/** Whether a member with this role (none: not in a team) may send this request. */
export function mayCall(role: Role | undefined, rpc: RpcName): boolean {
  const need = RPC_NEEDS[rpc];
  if (!need || !role) return true;
  if (need === 'solo') return false;
  return 'action' in need ? mayDo(role, need.action) : mayMutate(role, need.mutation);
}

/** The handlers, each refusing what the current role may not do. */
export function guardByRole(
  handlers: RpcHandlers,
  role: () => Promise<Role | undefined>,
  message: (key: string, params?: Record<string, string | number>) => string,
): RpcHandlers {
  const guarded = { ...handlers } as Record<string, (args: unknown, sender: unknown) => Promise<unknown>>;
  for (const rpc of Object.keys(RPC_NEEDS) as RpcName[]) {
    const handler = guarded[rpc]!;
    guarded[rpc] = async (args, sender) => {
      const current = await role();
      if (!mayCall(current, rpc)) {
        throw new RpcError('forbidden', RPC_NEEDS[rpc] === 'solo' ? message('team.errors.restoreInTeam') : message('team.errors.role', { role: current ?? '' }));
      }
      return handler(args, sender);
    };
  }
  return guarded as unknown as RpcHandlers;
}
