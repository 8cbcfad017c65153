import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { CustomersView } from '@/components/owner/CustomersView';
import { fetchExport } from '@/components/owner/customers/ExportDialog';
import type { ShopSummary } from '@/components/owner/shops';
import type { CustomerRow, Dashboard } from '@/lib/model/owner';
import { BOM } from '@/components/owner/customers/csv-file';
import { EVIL, renderUi } from '../ui';

type Args = Record<string, unknown> & { filter?: Record<string, unknown>; offset?: number; limit?: number };
const rpc = vi.hoisted(() => ({ call: vi.fn<(name: string, args: Args) => Promise<unknown>>() }));
vi.mock('@/lib/rpc/owner-client', () => ({ call: rpc.call }));

const SHOP: ShopSummary = {
  shopId: 'demo:blossom',
  name: 'Blossom',
  platform: 'demo',
  customers: 250,
  tags: [{ id: 't_vip', name: 'vip', color: 'amber', description: '', uses: 3 }],
};

const TOTAL = 250;
const row = (i: number): CustomerRow => ({
  id: `c${i}`,
  displayName: i === 0 ? EVIL : `Buyer ${i}`,
  key: `nick:buyer${i}`,
  tags: [],
  orderCount: 1 + (i % 5),
  totalMinor: 10_000 - i,
  currency: 'CNY',
  group: 'active',
  stage: 'active',
  rfm: { r: 3, f: 2, m: 4 },
});

const DASHBOARD: Dashboard = {
  customers: TOTAL,
  currency: 'CNY',
  revenueMinor: 1_000_000,
  rfmGrid: [
    { r: 5, f: 4, customers: 40, revenueMinor: 400_000 },
    { r: 1, f: 1, customers: 10, revenueMinor: 1_000 },
  ],
  lifecycle: [
    { stage: 'active', customers: 200 },
    { stage: 'at_risk', customers: 50 },
  ],
  groups: [],
  months: [
    { month: '2026-02', revenueMinor: 300_000, orders: 30, customers: 20 },
    { month: '2026-03', revenueMinor: 700_000, orders: 70, customers: 50 },
  ],
};

const calls = (name: string) => rpc.call.mock.calls.filter(([n]) => n === name).map(([, args]) => args);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  rpc.call.mockReset();
  rpc.call.mockImplementation(async (name, args) => {
    switch (name) {
      case 'customers.query': {
        const total = args.filter?.query ? 40 : TOTAL;
        const offset = args.offset ?? 0;
        const limit = args.limit ?? 100;
        const rows = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => row(offset + i));
        return { total, all: TOTAL, rows };
      }
      case 'dashboard.get':
        return DASHBOARD;
      case 'segments.list':
        return [];
      case 'tag.create':
        return { id: 't_new', name: args.name, color: 'blue', description: '' };
      case 'customers.bulkTag':
        return { matched: 40, changed: 38 };
      default:
        throw new Error(`unexpected call ${name}`);
    }
  });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** Let debounces run out and replies land. */
const settle = async () => {
  for (let i = 0; i < 4; i++) await act(() => void vi.advanceTimersByTime(500));
};

const table = () => screen.getByRole('grid');
const header = (name: string) => within(table()).getByRole('columnheader', { name: new RegExp(name) });

describe('CustomersView', () => {
  it('lists customers in a virtual grid, fetching only the pages in view, names as text', async () => {
    renderUi(<CustomersView shop={SHOP} />);
    await settle();
    expect(screen.getByText('250 of 250 customers', { selector: '[data-bl="customer-status"]' })).toBeTruthy();
    const rows = within(table()).getAllByRole('row').filter((r) => r.dataset.bl === 'customer-row');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40); // not all 250
    expect(rows[0]!.textContent).toContain(EVIL);
    expect(table().querySelector('img')).toBeNull();
    const pages = calls('customers.query').filter((a) => a.limit !== 0);
    expect(pages.map((a) => a.offset)).toEqual([0]);
  });

  it('sorts by a column: aria-sort follows and the request carries the sort', async () => {
    renderUi(<CustomersView shop={SHOP} />);
    await settle();
    expect(header('Spent').getAttribute('aria-sort')).toBe('descending');
    expect(header('Orders').getAttribute('aria-sort')).toBe('none');

    fireEvent.click(within(header('Orders')).getByRole('button'));
    await settle();
    expect(header('Orders').getAttribute('aria-sort')).toBe('descending');
    expect(header('Spent').getAttribute('aria-sort')).toBe('none');
    expect(calls('customers.query').at(-1)!.sort).toEqual({ by: 'number_of_orders', dir: 'desc' });

    fireEvent.click(within(header('Orders')).getByRole('button'));
    await settle();
    expect(header('Orders').getAttribute('aria-sort')).toBe('ascending');
    expect(calls('customers.query').at(-1)!.sort).toEqual({ by: 'number_of_orders', dir: 'asc' });
  });

  it('a click on an RFM cell sets the query to those scores and filters the table', async () => {
    renderUi(<CustomersView shop={SHOP} />);
    await settle();
    const cell = screen.getByRole('button', { name: /^Recency 5, frequency 4: 40 customers/ });
    fireEvent.click(cell);
    expect((screen.getByRole('combobox') as HTMLInputElement).value).toBe('rfm_r = 5 AND rfm_f = 4');
    await settle();
    expect(calls('dashboard.get').at(-1)!.filter).toEqual({ query: 'rfm_r = 5 AND rfm_f = 4' });
    expect(screen.getByText('40 of 250 customers', { selector: '[data-bl="customer-status"]' })).toBeTruthy();
  });

  it('a click on a month narrows to that month and the chip removes it', async () => {
    renderUi(<CustomersView shop={SHOP} />);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: /^March 2026:/ }));
    await settle();
    expect(calls('customers.query').at(-1)!.filter).toEqual({ query: '', month: '2026-03' });
    expect(screen.getByText('Ordered in March 2026')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Stop filtering by March 2026' }));
    await settle();
    expect(calls('dashboard.get').at(-1)!.filter).toEqual({ query: '' });
  });

  it('bulk-tags everything the segment matches with a new tag after confirming N', async () => {
    renderUi(<CustomersView shop={SHOP} />);
    fireEvent.input(screen.getByRole('combobox'), { target: { value: 'amount_spent >= 500' } });
    await settle();

    fireEvent.click(screen.getByRole('button', { name: 'Tag all 40…' }));
    fireEvent.input(document.querySelector('[data-bl="bulk-tag-name"]')!, { target: { value: 'winback' } });
    expect(screen.getByText('A new tag “winback” will be created.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('Add the tag “winback” to all 40 customers this segment matches?')).toBeTruthy();
    expect(calls('customers.bulkTag')).toEqual([]);

    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Tag 40 customers' })));
    await settle();
    expect(calls('tag.create')).toEqual([{ shopId: SHOP.shopId, name: 'winback' }]);
    expect(calls('customers.bulkTag')).toEqual([
      { shopId: SHOP.shopId, filter: { query: 'amount_spent >= 500' }, tagId: 't_new', action: 'add' },
    ]);
    expect(screen.getByText(/Tagged “winback”: 38 customers changed of 40 matched/)).toBeTruthy();
  });

  it('Enter on a row opens the drawer and Esc returns focus to the row', async () => {
    rpc.call.mockImplementation(async (name, args) => {
      if (name === 'profile.get') throw new Error('no profile in this test');
      if (name === 'customers.query') return { total: 3, all: 3, rows: [row(1), row(2), row(3)].slice(0, args.limit ?? 100) };
      if (name === 'dashboard.get') return DASHBOARD;
      return [];
    });
    renderUi(<CustomersView shop={SHOP} />);
    await settle();
    const rows = within(table()).getAllByRole('row').filter((r) => r.dataset.bl === 'customer-row');
    rows[0]!.focus();
    fireEvent.keyDown(rows[0]!, { key: 'ArrowDown' });
    await settle();
    expect(document.activeElement?.textContent).toContain('Buyer 2');
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    await settle();
    const drawer = screen.getByRole('dialog', { name: 'Buyer 2' });
    fireEvent.keyDown(drawer, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement?.textContent).toContain('Buyer 2');
  });
});

describe('fetchExport', () => {
  it('fetches every page, then joins them with one BOM and one header row', async () => {
    rpc.call.mockReset();
    rpc.call.mockImplementation(async (_name, args) => {
      const offset = args.offset ?? 0;
      if (offset === 0) return { csv: 'Name,Spent\r\nA,1\r\nB,2\r\n', total: 3, rows: 2 };
      return { csv: 'C,3\r\n', total: 3, rows: 1 };
    });
    const progress: number[] = [];
    const result = await fetchExport(
      { shopId: SHOP.shopId, filter: { query: 'rfm_r = 5' }, sort: { by: 'amount_spent', dir: 'desc' }, columns: ['name', 'amount_spent'] },
      (done) => progress.push(done),
      () => false,
    );
    expect(rpc.call.mock.calls.map(([, a]) => a.offset)).toEqual([0, 2]);
    expect(rpc.call.mock.calls[0]![1]).toMatchObject({ filter: { query: 'rfm_r = 5' }, columns: ['name', 'amount_spent'], limit: 20_000 });
    expect(progress).toEqual([2, 3]);
    expect(result!.csv).toBe(`${BOM}Name,Spent\r\nA,1\r\nB,2\r\nC,3\r\n`);
    expect(result!.csv.match(/Name,Spent/g)).toHaveLength(1);
  });

  it('stops asking for pages once cancelled', async () => {
    rpc.call.mockReset();
    let cancelled = false;
    rpc.call.mockImplementation(async () => {
      cancelled = true; // the person presses Cancel while the first page is on the way
      return { csv: 'Name\r\nA\r\n', total: 50_000, rows: 20_000 };
    });
    const result = await fetchExport(
      { shopId: SHOP.shopId, filter: { query: '' }, sort: { by: 'amount_spent', dir: 'desc' }, columns: ['name'] },
      () => {},
      () => cancelled,
    );
    expect(result).toBeUndefined();
    expect(rpc.call).toHaveBeenCalledTimes(1);
  });
});
