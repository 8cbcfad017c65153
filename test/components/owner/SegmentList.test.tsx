import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { SegmentList } from '@/components/owner/customers/SegmentList';
import type { SegmentView } from '@/lib/model/owner';
import { formatDateTime } from '@/lib/i18n';
import { EVIL, renderUi } from '../ui';

const rpc = vi.hoisted(() => ({ call: vi.fn<(name: string, args: unknown) => Promise<unknown>>() }));
vi.mock('@/lib/rpc/owner-client', () => ({ call: rpc.call }));

const SHOP = 'demo:blossom';
const AT1 = Date.UTC(2026, 10, 2, 9, 30);
const AT2 = Date.UTC(2026, 10, 3, 14, 5);

const lapsed: SegmentView = {
  id: 'sg:lapsed',
  name: 'Lapsed',
  query: 'last_order_date < -90d',
  color: 'red',
  history: [
    { name: 'Lapsed', query: 'last_order_date < -60d', color: 'red', at: AT1, mine: true },
    { name: 'Old lapsed', query: `last_order_date < -30d AND customer_tags CONTAINS '${EVIL}'`, color: 'amber', at: AT2 },
  ],
};
const vip: SegmentView = { id: 'sg:vip', name: 'VIP', query: 'amount_spent > 1000', color: 'amber' };

let list: SegmentView[];
beforeEach(() => {
  list = [lapsed, vip];
  rpc.call.mockReset();
  rpc.call.mockImplementation(async (name) => {
    if (name === 'segments.list') return list;
    if (name === 'segments.save') return { segmentId: 'sg:lapsed' };
    throw new Error(`unexpected ${name}`);
  });
});
afterEach(cleanup);

async function show(language: 'en' | 'zh-CN' = 'en') {
  const onApply = vi.fn();
  renderUi(<SegmentList shopId={SHOP} version={0} query="" valid onApply={onApply} />, { language });
  await screen.findByRole('button', { name: 'VIP' });
  return onApply;
}

describe('SegmentList: earlier versions', () => {
  it('shows the disclosure only for a segment with history, newest version first, queries as text', async () => {
    const onApply = await show();
    fireEvent.click(screen.getByRole('button', { name: 'VIP' }));
    expect(screen.queryByText(/Earlier versions/)).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Lapsed' }));
    expect(onApply).toHaveBeenLastCalledWith('last_order_date < -90d');
    const summary = screen.getByText('Earlier versions (2)');
    expect(summary.tagName).toBe('SUMMARY');
    const details = summary.closest('details')!;
    expect(details.open).toBe(false);

    const items = [...details.querySelectorAll('li')];
    expect(items.map((li) => li.querySelector('code')!.textContent)).toEqual([lapsed.history![1]!.query, lapsed.history![0]!.query]);
    // A query is text, never markup.
    expect(details.querySelector('img')).toBeNull();
    // A teammate's version: only the time (and its other name); this browser's own: "by you".
    expect(items[0]!.textContent).toContain(formatDateTime(AT2, 'en'));
    expect(items[0]!.textContent).toContain('as “Old lapsed”');
    expect(items[0]!.textContent).not.toContain('by you');
    expect(items[1]!.textContent).toContain(`${formatDateTime(AT1, 'en')}, by you`);
    expect(items[1]!.textContent).not.toContain('as “');
  });

  it('“Use this version” saves it as the segment’s newest definition and applies its query', async () => {
    const onApply = await show();
    fireEvent.click(screen.getByRole('button', { name: 'Lapsed' }));
    const summary = screen.getByText('Earlier versions (2)');
    // Keyboard: the summary is what a person tabs to and opens.
    summary.focus();
    expect(document.activeElement).toBe(summary);
    fireEvent.click(summary);

    const buttons = screen.getAllByRole('button', { name: 'Use this version' });
    expect(buttons).toHaveLength(2);
    list = [{ ...lapsed, name: 'Old lapsed', query: lapsed.history![1]!.query, color: 'amber', history: [lapsed.history![0]!, { name: 'Lapsed', query: 'last_order_date < -90d', color: 'red', at: AT2 + 1, mine: true }] }, vip];
    await act(async () => {
      fireEvent.click(buttons[0]!);
    });
    expect(rpc.call).toHaveBeenCalledWith('segments.save', {
      shopId: SHOP,
      segmentId: 'sg:lapsed',
      name: 'Old lapsed',
      query: lapsed.history![1]!.query,
      color: 'amber',
    });
    expect(onApply).toHaveBeenLastCalledWith(lapsed.history![1]!.query);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Segment “Old lapsed” is back to an earlier version'));
    // The list reloaded: the version replaced is offered now.
    expect(screen.getByRole('button', { name: 'Old lapsed' })).toBeTruthy();
  });

  it('says a failed save', async () => {
    await show();
    rpc.call.mockImplementation(async (name) => {
      if (name === 'segments.list') return list;
      throw new Error('There is already a segment called “Old lapsed”. Choose another name.');
    });
    fireEvent.click(screen.getByRole('button', { name: 'Lapsed' }));
    await act(async () => {
      fireEvent.click(screen.getAllByRole('button', { name: 'Use this version' })[0]!);
    });
    expect((await screen.findByRole('alert')).textContent).toContain('already a segment');
  });

  it('speaks Simplified Chinese', async () => {
    await show('zh-CN');
    fireEvent.click(screen.getByRole('button', { name: 'Lapsed' }));
    expect(screen.getByText('早先版本（2）').tagName).toBe('SUMMARY');
    expect(screen.getAllByRole('button', { name: '使用此版本' })).toHaveLength(2);
    expect(screen.getByText(`${formatDateTime(AT1, 'zh-CN')}，由你保存`)).toBeTruthy();
  });
});
