import { describe, expect, it } from 'vitest';
import { MUTATION_NAMES } from '@/lib/model/mutation';
import { ACTION_ROLES, mayDo, mayMutate, MUTATION_ROLES, ROLES } from '@/lib/sync/roles';

describe('the role table', () => {
  it('has an entry for every mutation, and nothing else', () => {
    expect(Object.keys(MUTATION_ROLES).sort()).toEqual([...MUTATION_NAMES].sort());
    for (const name of MUTATION_NAMES) {
      expect(MUTATION_ROLES[name].length, name).toBeGreaterThan(0);
      for (const role of MUTATION_ROLES[name]) expect(ROLES, name).toContain(role);
    }
  });

  it('lets the owner do everything', () => {
    for (const name of MUTATION_NAMES) expect(mayMutate('owner', name), name).toBe(true);
    for (const action of Object.keys(ACTION_ROLES) as (keyof typeof ACTION_ROLES)[]) expect(mayDo('owner', action)).toBe(true);
  });

  it('keeps agents to seeing, tagging and noting', () => {
    const refused = MUTATION_NAMES.filter((n) => !mayMutate('agent', n)).sort();
    expect(refused).toEqual(
      ['customer.forget', 'customer.merge', 'import.records', 'note.delete', 'recipe.delete', 'recipe.put', 'segment.delete', 'setting.put', 'tag.delete'].sort(),
    );
    for (const n of ['sightings.record', 'tag.put', 'tagging.add', 'tagging.remove', 'note.put'] as const) expect(mayMutate('agent', n), n).toBe(true);
    expect(mayDo('agent', 'export')).toBe(false);
    expect(mayDo('agent', 'members')).toBe(false);
  });

  it('lets sellers tag, note and import, but not forget customers or change settings', () => {
    expect(MUTATION_NAMES.filter((n) => !mayMutate('seller', n)).sort()).toEqual(['customer.forget', 'setting.put']);
    expect(mayDo('seller', 'export')).toBe(true);
    expect(mayDo('seller', 'members')).toBe(false);
  });

  it('refuses a name it does not know, including inherited ones', () => {
    expect(mayMutate('owner', 'no.such')).toBe(false);
    expect(mayMutate('owner', 'constructor')).toBe(false);
    expect(mayMutate('owner', '__proto__')).toBe(false);
  });
});
