import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, waitFor, within } from '@testing-library/preact';
import { CustomerDrawer } from '@/components/owner/customers/CustomerDrawer';
import { customerIdOf } from '@/lib/model/ids';
import type { CustomerRow } from '@/lib/model/owner';
import type { NoteView, ProfileView, TagView } from '@/lib/model/views';
import { memoryDrafts } from '@/components/ui-context';
import { insightView, renderUi, tag } from '../ui';

type Args = Record<string, unknown>;
const rpc = vi.hoisted(() => ({ call: vi.fn<(name: string, args: Args) => Promise<unknown>>() }));
vi.mock('@/lib/rpc/owner-client', () => ({ call: rpc.call }));

const SHOP_ID = 'demo:blossom';
const KEY = 'nick:张三';
const ID = customerIdOf(SHOP_ID, KEY);
const VIP = tag('vip', 'amber', 't_vip');

const ROW: CustomerRow = {
  id: ID,
  displayName: '张三',
  key: KEY,
  email: 'zhang@example.com',
  tags: [VIP],
  orderCount: 2,
  totalMinor: 88_800,
  currency: 'CNY',
  group: 'at_risk',
  stage: 'at_risk',
};

/** A small background: tags, taggings, notes and action marks, answering as the service does. */
function backend() {
  const tags = new Map<string, TagView>([[VIP.id, VIP]]);
  const tagged = new Set<string>([VIP.id]);
  const notes: NoteView[] = [
    { id: 'n1', text: 'Prefers SF Express', authorName: 'Mei', createdAt: Date.UTC(2026, 0, 5), rev: 1 },
    { id: 'n2', text: 'Prefers 顺丰, not EMS', authorName: 'Li', createdAt: Date.UTC(2026, 0, 6), rev: 1, conflictOf: 'n1' },
  ];
  const profile = (): ProfileView => ({
    shopId: SHOP_ID,
    customerId: ID,
    known: true,
    displayName: '张三',
    keys: [KEY, 'email:zhang@example.com'],
    tagIds: [...tagged],
    orderCount: 2,
    totalSpent: [{ amountMinor: 88_800, currency: 'CNY' }],
    orders: [
      { orderId: 'A-1002', placedAt: '2026-01-20T10:00:00+08:00', total: { amountMinor: 50_000, currency: 'CNY' }, status: 'paid', counted: true },
      { orderId: 'A-1001', placedAt: '2025-11-02T10:00:00+08:00', total: { amountMinor: 38_800, currency: 'CNY' }, status: 'paid', counted: true },
    ],
    notes: [...notes],
    insight: insightView({
      stage: 'at_risk',
      group: 'at_risk',
      orderCount: 2,
      totalMinor: 88_800,
      currency: 'CNY',
      suggestions: [{ ruleId: 'win-back', kind: 'win_back', action: 'Send a win-back coupon', reasons: [], factsKey: 'f1' }],
    }),
  });
  rpc.call.mockImplementation(async (name, args) => {
    switch (name) {
      case 'profile.get':
        return profile();
      case 'shop.view':
        return { shopId: SHOP_ID, tags: [...tags.values()], tagsByCustomer: { [ID]: [...tagged] }, markers: {} };
      case 'tag.create': {
        const created = { id: `t_${args.name}`, name: args.name as string, color: args.color as TagView['color'], description: '' };
        tags.set(created.id, created);
        return created;
      }
      case 'tagging.add':
        tagged.add(args.tagId as string);
        return { changed: 1 };
      case 'tagging.remove':
        tagged.delete(args.tagId as string);
        return { changed: 1 };
      case 'note.save':
        notes.unshift({ id: 'n3', text: args.text as string, authorName: 'Owner', createdAt: Date.now(), rev: 1 });
        return { noteId: 'n3' };
      case 'action.mark':
        return { changed: true };
      case 'customer.forget':
        return { forgotten: true };
      default:
        throw new Error(`unexpected call ${name}`);
    }
  });
  return { notes };
}

const calls = (name: string) => rpc.call.mock.calls.filter(([n]) => n === name).map(([, args]) => args);

function setup({ drafts = memoryDrafts() } = {}) {
  const onClose = vi.fn();
  const result = renderUi(<CustomerDrawer shopId={SHOP_ID} row={ROW} version={0} onClose={onClose} />, { drafts });
  const host = () => document.querySelector('[data-bl="customer-drawer"] buyerlens-profile')!;
  const shadow = () => host().shadowRoot!;
  const inside = () => within(shadow() as unknown as HTMLElement);
  const q = <E extends HTMLElement = HTMLElement>(bl: string) => shadow().querySelector<E>(`[data-bl="${bl}"]`);
  const chips = () => [...shadow().querySelectorAll('[data-bl="profile"] [data-bl="chip"]')].map((c) => c.textContent!.replace('×', ''));
  const rerender = (version: number) =>
    result.rerenderUi(<CustomerDrawer shopId={SHOP_ID} row={ROW} version={version} onClose={onClose} />);
  return { ...result, onClose, host, shadow, inside, q, chips, rerender };
}

beforeEach(() => {
  rpc.call.mockReset();
});

afterEach(cleanup);

describe('CustomerDrawer', () => {
  it("shows the agent's profile panel: figures, orders, notes with the conflict copy, tags, suggested actions", async () => {
    backend();
    const { q, inside, chips, shadow } = setup();
    await waitFor(() => expect(q('order-count')!.textContent).toBe('2'));
    expect(q('total-spent')!.textContent).toBe('¥888.00');
    expect(shadow().querySelectorAll('[data-bl="recent-order"]')).toHaveLength(2);
    expect(inside().getByText('Prefers SF Express')).toBeTruthy();
    expect(inside().getByText('Prefers 顺丰, not EMS').closest('.note')!.classList.contains('conflict')).toBe(true);
    expect(inside().getByText('Send a win-back coupon')).toBeTruthy();
    expect(chips()).toEqual(['vip']);
    // Read, never recorded: the owner's page is not a sighting of the buyer.
    expect(calls('shop.view')).toEqual([{ shopId: SHOP_ID, customerIds: [ID] }]);
    expect(calls('page.seen')).toEqual([]);
    // Every platform key from the profile under the name.
    expect(document.querySelector('.drawer-head')!.textContent).toContain('nick:张三 · email:zhang@example.com');
  });

  it("keeps the content UI's styles inside its shadow root", async () => {
    backend();
    const { shadow, q } = setup();
    await waitFor(() => expect(q('order-count')!.textContent).toBe('2'));
    const styled = shadow().adoptedStyleSheets?.length > 0 || shadow().querySelector('style')?.textContent?.includes('.panel-head');
    expect(styled).toBe(true);
    expect([...document.querySelectorAll('style')].some((s) => s.textContent?.includes('.panel-head'))).toBe(false);
  });

  it("adds a new tag through the editor: tag.create, then tagging.add with the shop and the customer's key", async () => {
    backend();
    const { q, chips, shadow } = setup();
    await waitFor(() => expect(chips()).toEqual(['vip']));
    fireEvent.click(q('add-tag')!);
    const input = q<HTMLInputElement>('tag-input')!;
    expect(shadow().activeElement).toBe(input);
    fireEvent.input(input, { target: { value: '回购' } });
    await act(async () => void fireEvent.keyDown(input, { key: 'Enter' }));
    // The chips are in the store's order (Chinese collation, as on a chat page).
    await waitFor(() => expect(chips()).toEqual(['回购', 'vip']));
    expect(calls('tag.create')).toEqual([{ shopId: SHOP_ID, name: '回购', color: expect.any(String) }]);
    expect(calls('tagging.add')).toEqual([
      {
        shop: { platform: 'demo', key: 'blossom', name: 'blossom' },
        tagId: 't_回购',
        buyers: [{ key: KEY, otherKeys: [], displayName: '张三' }],
      },
    ]);
  });

  it('removes a tag from its chip with tagging.remove for this customer', async () => {
    backend();
    const { chips, inside } = setup();
    await waitFor(() => expect(chips()).toEqual(['vip']));
    await act(async () => void fireEvent.click(inside().getByRole('button', { name: /vip/ })));
    await waitFor(() => expect(chips()).toEqual([]));
    expect(calls('tagging.remove')).toEqual([{ shopId: SHOP_ID, tagId: VIP.id, customerIds: [ID] }]);
  });

  it('saves a note with note.save for this customer and shows it once saved', async () => {
    backend();
    const { q, inside } = setup();
    await waitFor(() => expect(q('order-count')!.textContent).toBe('2'));
    fireEvent.input(q('note-input')!, { target: { value: 'Called: wants the blue one' } });
    await act(async () => void fireEvent.click(q('note-save')!));
    await waitFor(() => expect(inside().getByText('Called: wants the blue one')).toBeTruthy());
    expect(calls('note.save')).toEqual([{ shopId: SHOP_ID, customerId: ID, text: 'Called: wants the blue one', noteId: undefined, baseRev: 0 }]);
  });

  it("offers the note draft kept under the same key a chat page uses", async () => {
    backend();
    const drafts = memoryDrafts();
    await drafts.save(`${SHOP_ID}:${ID}:new`, 'half a thought');
    const { q } = setup({ drafts });
    await waitFor(() => expect(q<HTMLTextAreaElement>('note-input')!.value).toBe('half a thought'));
  });

  it('marks a suggested action done with action.mark', async () => {
    backend();
    const { q } = setup();
    await waitFor(() => expect(q('action-done')).toBeTruthy());
    await act(async () => void fireEvent.click(q('action-done')!));
    expect(calls('action.mark')).toEqual([{ shopId: SHOP_ID, customerId: ID, ruleId: 'win-back', state: 'done', factsKey: 'f1' }]);
    expect(calls('profile.get').length).toBeGreaterThanOrEqual(2);
  });

  it('re-reads the profile and tags when the shop changes elsewhere', async () => {
    const { notes } = backend();
    const { inside, rerender, chips } = setup();
    await waitFor(() => expect(chips()).toEqual(['vip']));
    notes.unshift({ id: 'n9', text: 'Written in another tab', authorName: 'Mei', createdAt: Date.now(), rev: 1 });
    rerender(1);
    await waitFor(() => expect(inside().getByText('Written in another tab')).toBeTruthy());
    expect(calls('shop.view')).toHaveLength(2);
  });

  it('Esc in the tag editor closes only the editor; Esc again closes the drawer', async () => {
    backend();
    const { q, shadow, onClose } = setup();
    await waitFor(() => expect(q('order-count')!.textContent).toBe('2'));
    const add = q('add-tag')!;
    add.focus();
    fireEvent.click(add);
    const input = q('tag-input')!;
    fireEvent.keyDown(input, { key: 'Escape' });
    await waitFor(() => expect(q('tag-input')).toBeNull());
    expect(onClose).not.toHaveBeenCalled();
    expect(shadow().activeElement).toBe(add);
    fireEvent.keyDown(add, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('Esc on a button inside the editor also closes only the editor', async () => {
    backend();
    const { q, shadow, onClose } = setup();
    await waitFor(() => expect(q('order-count')!.textContent).toBe('2'));
    fireEvent.click(q('add-tag')!);
    const close = within(shadow().querySelector<HTMLElement>('.editor')!).getByRole('button', { name: 'Close' });
    fireEvent.keyDown(close, { key: 'Escape' });
    await waitFor(() => expect(q('tag-input')).toBeNull());
    expect(onClose).not.toHaveBeenCalled();
  });

  it('keeps the owner actions: forget asks first, Esc cancels the question, confirming forgets and closes', async () => {
    backend();
    const { getByRole, onClose } = setup();
    const forget = document.querySelector<HTMLElement>('[data-bl="customer-forget"]')!;
    expect(document.querySelector('[data-bl="customer-export"]')).toBeTruthy();
    fireEvent.click(forget);
    const confirm = document.querySelector<HTMLElement>('[data-bl="customer-forget-confirm"]')!;
    expect(document.activeElement).toBe(confirm);
    fireEvent.keyDown(confirm, { key: 'Escape' });
    expect(document.querySelector('[data-bl="customer-forget-confirm"]')).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.click(document.querySelector<HTMLElement>('[data-bl="customer-forget"]')!);
    await act(async () => void fireEvent.click(getByRole('button', { name: 'Forget for good' })));
    expect(calls('customer.forget')).toEqual([{ shopId: SHOP_ID, customerId: ID }]);
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
