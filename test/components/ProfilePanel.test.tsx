import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { ProfilePanel, type ProfilePanelProps } from '@/components/ProfilePanel';
import type { InsightView, ProfileView } from '@/lib/model/views';
import { EVIL, renderUi, tag, insightView } from './ui';

afterEach(cleanup);

const insight = insightView;

function profile(overrides: Partial<ProfileView> = {}): ProfileView {
  return {
    shopId: 'demo:blossom',
    customerId: 'c_1',
    known: true,
    displayName: '张三',
    keys: ['nick:张三'],
    tagIds: [],
    orderCount: 0,
    totalSpent: [],
    orders: [],
    notes: [],
    insight: insight(),
    ...overrides,
  };
}

function setup(overrides: Partial<ProfilePanelProps> = {}, language: 'en' | 'zh-CN' = 'en') {
  const props: ProfilePanelProps = {
    buyerName: '张三',
    buyerKey: 'nick:张三',
    draftKey: 'demo:blossom:c_1',
    profile: profile(),
    tags: [],
    onOpenEditor: vi.fn(),
    onRemoveTag: vi.fn(),
    onSaveNote: vi.fn(async () => {}),
    onDeleteNote: vi.fn(async () => {}),
    onMarkAction: vi.fn(async () => {}),
    ...overrides,
  };
  const result = renderUi(<ProfilePanel {...props} />, { language });
  const q = (bl: string) => result.container.querySelector<HTMLElement>(`[data-bl="${bl}"]`);
  return { ...result, props, q };
}

describe('ProfilePanel', () => {
  it('names the buyer and their platform key', () => {
    const { q } = setup();
    expect(q('profile-name')!.textContent).toBe('张三');
    expect(q('profile-key')!.textContent).toBe('nick:张三');
  });

  it('a buyer with no orders: zero counts and the "No purchases seen yet" text', () => {
    const { q } = setup();
    expect(q('order-count')!.textContent).toBe('0');
    expect(q('total-spent')!.textContent).toBe('¥0.00');
    expect(screen.getByText(/^No purchases seen yet\./)).toBeTruthy();
    expect(q('recent-order')).toBeNull();
  });

  it('before the background answers: dashes, not zeros that would be untrue', () => {
    const { q } = setup({ profile: undefined });
    expect(q('order-count')!.textContent).toBe('–');
    expect(q('total-spent')!.textContent).toBe('–');
  });

  it('shows counts and totals formatted for the language, one sum per currency', () => {
    const p = profile({
      orderCount: 1234,
      totalSpent: [
        { amountMinor: 123_450, currency: 'CNY' },
        { amountMinor: 2_000, currency: 'USD' },
      ],
    });
    const en = setup({ profile: p });
    expect(en.q('order-count')!.textContent).toBe('1,234');
    expect(en.q('total-spent')!.textContent).toBe('¥1,234.50 + $20.00');
    cleanup();
    const zh = setup({ profile: p }, 'zh-CN');
    expect(zh.q('total-spent')!.textContent).toBe('¥1,234.50 + $20.00');
    expect(screen.getByText('累计消费')).toBeTruthy();
  });

  it('lists recent orders; a refunded order is shown but marked as not counted', () => {
    const { container } = setup({
      profile: profile({
        orderCount: 1,
        totalSpent: [{ amountMinor: 12_345, currency: 'CNY' }],
        orders: [
          {
            orderId: '1001',
            placedAt: '2026-11-02T10:15:00+08:00',
            total: { amountMinor: 12_345, currency: 'CNY' },
            status: 'paid',
            counted: true,
            items: [{ name: '永生花礼盒', quantity: 2 }],
          },
          { orderId: '1002', total: { amountMinor: 500, currency: 'CNY' }, status: 'refunded', counted: false },
        ],
      }),
    });
    const rows = [...container.querySelectorAll<HTMLElement>('[data-bl="recent-order"]')];
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('#1001');
    expect(rows[0]!.textContent).toContain('¥123.45');
    expect(rows[0]!.textContent).toContain('永生花礼盒 ×2');
    expect(rows[0]!.textContent).toContain('Nov 2, 2026');
    expect(rows[0]!.textContent).not.toContain('not counted');
    expect(rows[0]!.classList.contains('uncounted')).toBe(false);
    expect(rows[1]!.textContent).toContain('refunded · not counted');
    expect(rows[1]!.classList.contains('uncounted')).toBe(true);
    expect(screen.queryByText(/No purchases seen yet/)).toBeNull();
  });

  it('an order without a total shows a dash', () => {
    const { container } = setup({ profile: profile({ orders: [{ orderId: '9', counted: true }] }) });
    expect(container.querySelector('[data-bl="recent-order"] .order-total')!.textContent).toBe('—');
  });

  it('shows a load error in words', () => {
    setup({ error: 'BuyerLens was updated or restarted.' });
    expect(screen.getByRole('alert').textContent).toBe('Could not load the profile: BuyerLens was updated or restarted.');
  });

  it('shows the buyer’s tags, and wires "+" and remove', () => {
    const vip = tag('VIP', 'red');
    const { props } = setup({ tags: [vip] });
    fireEvent.click(screen.getByRole('button', { name: 'Tag 张三' }));
    expect(props.onOpenEditor).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag VIP' }));
    expect(props.onRemoveTag).toHaveBeenCalledExactlyOnceWith(vip);
  });

  it('shows the profile’s notes', () => {
    const { container } = setup({
      profile: profile({ notes: [{ id: 'n1', text: 'VIP since 2024', authorName: 'Ada', createdAt: 0, rev: 1 }] }),
    });
    expect(container.querySelector('[data-bl="note-text"]')!.textContent).toBe('VIP since 2024');
  });

  it('collapses and expands', () => {
    const { container } = setup();
    const panel = container.querySelector('[data-bl="profile"]')!;
    fireEvent.click(screen.getByRole('button', { name: 'Collapse profile' }));
    expect(panel.classList.contains('collapsed')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Expand profile' }));
    expect(panel.classList.contains('collapsed')).toBe(false);
  });

  it('renders a hostile buyer name, key, order id, item and note as literal text', () => {
    const { container } = setup({
      buyerName: EVIL,
      buyerKey: `nick:${EVIL}`,
      error: EVIL,
      tags: [tag(EVIL)],
      profile: profile({
        orders: [{ orderId: EVIL, status: EVIL, counted: false, items: [{ name: EVIL, quantity: 1 }] }],
        notes: [{ id: 'n1', text: EVIL, authorName: EVIL, createdAt: 0, rev: 1 }],
      }),
    });
    expect(container.querySelector('[data-bl="profile-name"]')!.textContent).toBe(EVIL);
    expect(container.querySelector('[data-bl="note-text"]')!.textContent).toBe(EVIL);
    expect(container.textContent).toContain(`#${EVIL}`);
    expect(container.textContent).toContain(`Could not load the profile: ${EVIL}`);
    expect(container.querySelector('img')).toBeNull();
    // The avatar initial is the first character, not markup.
    expect(container.querySelector('.avatar')!.textContent).toBe('<');
  });

  it('the avatar shows the first character of the name, even outside the BMP', () => {
    const { container } = setup({ buyerName: ' 𠮷野家 ' });
    expect(container.querySelector('.avatar')!.textContent).toBe('𠮷');
  });
});
