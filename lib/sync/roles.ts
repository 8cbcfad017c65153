import type { MutationName } from '../model/mutation';
import { ROLES, type Role } from '../model/sync';

export { ROLES, type Role };

/**
 * Who may do what in a team's workspace (issue 6). Pure data: the sync server enforces it on every
 * pushed mutation; the extension can read the same table to hide what a member may not do.
 *
 * - owner: everything, including members (invite, list, revoke) and shop-wide settings;
 * - seller: tag, note, import, merge, segments and site recipes; no forgetting, no settings;
 * - agent: sees profiles, tags and notes; no import, no export, no delete, no merge, no forget.
 */

const ALL: readonly Role[] = ['owner', 'seller', 'agent'];
const SELLER: readonly Role[] = ['owner', 'seller'];
const OWNER: readonly Role[] = ['owner'];

/** Every mutation the outbox can hold, with the roles allowed to push it (`satisfies` keeps it complete). */
export const MUTATION_ROLES = {
  // Reading a backoffice page records what it shows: everyone who sees profiles does.
  'sightings.record': ALL,
  'tag.put': ALL,
  'tag.delete': SELLER,
  'tagging.add': ALL,
  'tagging.remove': ALL,
  'note.put': ALL,
  // "No delete" for agents covers notes too: an agent can edit a note, not erase it.
  'note.delete': SELLER,
  'action.set': ALL,
  'recipe.put': SELLER,
  'recipe.delete': SELLER,
  // Shop-wide settings (rules, what the whole team sees): the owner's.
  'setting.put': OWNER,
  'import.records': SELLER,
  'customer.merge': SELLER,
  'customer.forget': OWNER,
  // Sent along with a hand action (tag, note) on a forgotten buyer: whoever may tag may send it.
  'customer.readmit': ALL,
  'segment.put': ALL,
  // Changes nothing: whoever pushed the original may push its retraction.
  'outbox.retracted': ALL,
  'segment.delete': SELLER,
} as const satisfies Record<MutationName, readonly Role[]>;

/** What a member may do that is not a pushed mutation (the extension hides these; the server guards `members`). */
export const ACTION_ROLES = {
  /** Export customers (a file or one customer's data): not for agents. */
  export: SELLER,
  /** Invite, list and revoke members. */
  members: OWNER,
} as const satisfies Record<string, readonly Role[]>;
export type Action = keyof typeof ACTION_ROLES;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether a member with this role may push this mutation (false for a name the table lacks). */
export function mayMutate(role: Role, name: string): boolean {
  const roles = (MUTATION_ROLES as Record<string, readonly Role[]>)[name];
  return !!roles && Object.hasOwn(MUTATION_ROLES, name) && roles.includes(role);
}

export function mayDo(role: Role, action: Action): boolean {
  return ACTION_ROLES[action].includes(role);
}
