import type { MutationName } from '@/lib/model/mutation';
import type { Action, Role } from '@/lib/sync/roles';
import { can } from '../../role';

/**
 * What each role may do, in the words of the invite form, read off lib/sync/roles.ts so the line
 * a person reads and what the server enforces cannot drift apart.
 */
export const CAPABILITIES = [
  ['tag', 'tagging.add'],
  ['note', 'note.put'],
  ['import', 'import.records'],
  ['merge', 'customer.merge'],
  ['export', 'export'],
  ['delete', 'note.delete'],
  ['forget', 'customer.forget'],
  ['settings', 'setting.put'],
  ['members', 'members'],
] as const satisfies readonly (readonly [string, MutationName | Action])[];

export type Capability = (typeof CAPABILITIES)[number][0];

export function capabilitiesOf(role: Role): { may: Capability[]; mayNot: Capability[] } {
  const may: Capability[] = [];
  const mayNot: Capability[] = [];
  for (const [name, what] of CAPABILITIES) (can(role, what) ? may : mayNot).push(name);
  return { may, mayNot };
}
