import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/preact';
import type { ComponentChild } from 'preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { can, RoleContext, roleOf } from '@/components/role';
import { CustomerDrawer } from '@/components/owner/customers/CustomerDrawer';
import { DataView } from '@/components/owner/DataView';
import type { ShopSummary } from '@/components/owner/shops';
import { RulesEditor } from '@/components/RulesEditor';
import { customerIdOf } from '@/lib/model/ids';
import type { CustomerRow } from '@/lib/model/owner';
import { DEFAULT_ACTION_RULES } from '@/lib/model/action-rules';
import type { Role } from '@/lib/model/sync';
import type { ProfileView } from '@/lib/model/views';
import { insightView, renderUi } from './ui';

type Call = (name: string, args: unknown) => Promise<unknown>;
const rpc = vi.hoisted(() => ({ owner: vi.fn<Call>(), core: vi.fn<Call>() }));
vi.mock('@/lib/rpc/owner-client', () => ({ call: rpc.owner }));
vi.mock('@/lib/rpc/client', () => ({ call: rpc.core }));

const SHOP_ID = 'demo:blossom';
const KEY = 'nick:张三';
const ID = customerIdOf(SHOP_ID, KEY);
const SHOP: ShopSummary = { shopId: SHOP_ID, name: 'Blossom', platform: 'demo', customers: 1, tags: [] };
const ROW: CustomerRow = { id: ID, displayName: '张三', key: KEY, tags: [], orderCount: 0, totalMinor: 0, currency: 'CNY', group: 'prospects', stage: 'prospect' };
const PROFILE: ProfileView = {
  shopId: SHOP_ID,
  customerId: ID,
  known: true,
  displayName: '张三',
  keys: [KEY],
  tagIds: [],
  orderCount: 0,
  totalSpent: [],
  orders: [],
  notes: [{ id: 'n1', text: 'Prefers SF Express', authorName: 'Mei', createdAt: Date.UTC(2026, 0, 5), rev: 1 }],
  insight: insightView(),
};

const bl = (name: string, root: ParentNode = document) => root.querySelector(`[data-bl="${name}"]`);
const asRole = (role: Role, ui: ComponentChild) => renderUi(<RoleContext.Provider value={role}>{ui}</RoleContext.Provider>);

beforeEach(() => {
  fakeBrowser.reset();
  rpc.owner.mockReset();
  rpc.owner.mockImplementation(async (name) => {
    if (name === 'profile.get') return structuredClone(PROFILE);
    if (name === 'shop.view') return { shopId: SHOP_ID, tags: [], tagsByCustomer: {}, markers: {} };
    if (name === 'customers.duplicates' || name === 'merges.list') return [];
    throw new Error(`unexpected call ${name}`);
  });
  rpc.core.mockReset();
  rpc.core.mockImplementation(async (name) => {
    if (name === 'rules.get') return { rules: structuredClone(DEFAULT_ACTION_RULES), isDefault: true };
    if (name === 'rules.preview') return { customers: 0, matches: {} };
    throw new Error(`unexpected call ${name}`);
  });
});

afterEach(cleanup);

describe('can: what each role is offered (read off lib/sync/roles.ts)', () => {
  const table: [string, Parameters<typeof can>[1], Record<Role, boolean>][] = [
    ['import', 'import.records', { owner: true, seller: true, agent: false }],
    ['export (lists, one customer, backup)', 'export', { owner: true, seller: true, agent: false }],
    ['merge', 'customer.merge', { owner: true, seller: true, agent: false }],
    ['forget', 'customer.forget', { owner: true, seller: false, agent: false }],
    ['delete a tag', 'tag.delete', { owner: true, seller: true, agent: false }],
    ['delete a note', 'note.delete', { owner: true, seller: true, agent: false }],
    ['save the rules', 'setting.put', { owner: true, seller: false, agent: false }],
    ['tag', 'tagging.add', { owner: true, seller: true, agent: true }],
    ['write a note', 'note.put', { owner: true, seller: true, agent: true }],
    ['manage members', 'members', { owner: true, seller: false, agent: false }],
  ];
  it.each(table)('%s', (_, what, expected) => {
    expect({ owner: can('owner', what), seller: can('seller', what), agent: can('agent', what) }).toEqual(expected);
  });

  it('outside a team a person owns their own book: everything is offered', () => {
    expect(roleOf(undefined)).toBe('owner');
    expect(roleOf({ state: 'off', pending: 0, rejected: [] })).toBe('owner');
    expect(roleOf({ state: 'up-to-date', pending: 0, rejected: [], role: 'agent' })).toBe('agent');
    // Still the member's role while sync fails: the server would refuse the same things.
    expect(roleOf({ state: 'error', pending: 0, rejected: [], role: 'seller' })).toBe('seller');
  });
});

describe('what each role sees', () => {
  const drawer = async (role: Role) => {
    asRole(role, <CustomerDrawer shopId={SHOP_ID} row={ROW} version={0} onClose={() => {}} />);
    const shadow = await waitFor(() => {
      const root = document.querySelector('[data-bl="customer-drawer"] buyerlens-profile')?.shadowRoot;
      expect(root?.textContent).toContain('Prefers SF Express');
      return root!;
    });
    return {
      export: !!bl('customer-export'),
      forget: !!bl('customer-forget'),
      noteDelete: !!bl('note-delete', shadow),
      noteEdit: !!bl('note-edit', shadow),
    };
  };

  it.each([
    ['owner', { export: true, forget: true, noteDelete: true, noteEdit: true }],
    ['seller', { export: true, forget: false, noteDelete: true, noteEdit: true }],
    ['agent', { export: false, forget: false, noteDelete: false, noteEdit: true }],
  ] as const)('customer drawer, %s', async (role, expected) => {
    expect(await drawer(role)).toEqual(expected);
  });

  it.each([
    ['owner', { backup: true, restore: true, merges: true, note: false }],
    ['seller', { backup: true, restore: true, merges: true, note: false }],
    ['agent', { backup: false, restore: true, merges: false, note: true }],
  ] as const)('data tab, %s', async (role, expected) => {
    asRole(role, <DataView shop={SHOP} />);
    await waitFor(() => expect(bl('data-view')).toBeTruthy());
    expect({
      backup: !!bl('backup-download'),
      restore: !!document.querySelector('[data-bl="data-view"] input[type=file]'),
      merges: rpc.owner.mock.calls.some(([n]) => n === 'customers.duplicates'),
      note: !!bl('data-agent'),
    }).toEqual(expected);
  });

  it.each([
    ['owner', true],
    ['seller', false],
    ['agent', false],
  ] as const)('rules editor, %s may save: %s', async (role, saves) => {
    asRole(role, <RulesEditor shopId={SHOP_ID} />);
    await waitFor(() => expect(bl('rules-editor')).toBeTruthy());
    expect(!!bl('rules-save')).toBe(saves);
    if (!saves) expect(screen.getByText('Only the owner can change the rules for the whole team.')).toBeTruthy();
  });
});
