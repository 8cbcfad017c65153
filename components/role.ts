import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { MutationName } from '@/lib/model/mutation';
import type { SyncStatus } from '@/lib/model/sync';
import { ACTION_ROLES, mayDo, mayMutate, type Action, type Role } from '@/lib/sync/roles';

/**
 * What this person's role lets them do, for hiding what the server would refuse anyway
 * (lib/sync/roles.ts is the one table; the server enforces it). Outside a team a person owns
 * their own book and sees everything, so the default is the owner.
 */
export const RoleContext = createContext<Role>('owner');

export function useRole(): Role {
  return useContext(RoleContext);
}

/** Whether this role may push the mutation or do the action (export, members). */
export function can(role: Role, what: MutationName | Action): boolean {
  return Object.hasOwn(ACTION_ROLES, what) ? mayDo(role, what as Action) : mayMutate(role, what);
}

/** `can` for the role of the page this component is on. */
export function useCan(what: MutationName | Action): boolean {
  return can(useRole(), what);
}

/** The role a sync status speaks for: the member's while in a team, the owner's own book otherwise. */
export function roleOf(status: SyncStatus | undefined): Role {
  return status && status.state !== 'off' && status.role ? status.role : 'owner';
}
