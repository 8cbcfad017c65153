import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ImportView } from '@/components/owner/ImportView';
import type { ShopSummary } from '@/components/owner/shops';
import { MAPPINGS_KEY } from '@/components/owner/import/mapping-store';
import type { ImportSummary } from '@/lib/model/owner';
import { EVIL, renderUi } from '../../ui';

type Call = (name: string, args: unknown) => Promise<unknown>;
const rpc = vi.hoisted(() => ({ call: vi.fn<Call>() }));
vi.mock('@/lib/rpc/owner-client', () => ({ call: rpc.call }));

const FIXTURES = join(__dirname, '../../../fixtures/import');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

const SUMMARY: ImportSummary = {
  orders: { added: 2, updated: 1, unchanged: 0 },
  customers: { added: 2, updated: 0, unchanged: 0 },
  skippedForgotten: 0,
  possibleDuplicates: 1,
  ms: 1200,
};

const SHOP: ShopSummary = { shopId: 'shopify:my-shop.example', name: 'My shop', platform: 'shopify', customers: 3, tags: [] };

const names = () => rpc.call.mock.calls.map(([n]) => n);
const argsOf = (name: string) => rpc.call.mock.calls.filter(([n]) => n === name).map(([, a]) => a as Record<string, unknown>);
const bl = (name: string) => document.querySelector(`[data-bl="${name}"]`) as HTMLElement | null;

/** Answers like the background: a job id, staged counts, a summary (or whatever a test sets). */
let commit: () => Promise<unknown>;
let stage: (args: { orders: unknown[]; customers: unknown[] }) => Promise<unknown>;

beforeEach(() => {
  fakeBrowser.reset();
  commit = async () => SUMMARY;
  stage = async (a) => ({ staged: a.orders.length + a.customers.length });
  rpc.call.mockReset();
  rpc.call.mockImplementation(async (name, args) => {
    if (name === 'import.begin') return { jobId: 'job1' };
    if (name === 'import.stage') return stage(args as { orders: unknown[]; customers: unknown[] });
    if (name === 'import.commit') return commit();
    if (name === 'jobs.cancel') return { cancelled: true };
    throw new Error(`unexpected call ${name}`);
  });
});

afterEach(() => {
  act(() => cleanup());
  location.hash = '';
});

async function pick(file: File) {
  const input = bl('import-file') as HTMLInputElement;
  await act(async () => {
    fireEvent.change(input, { target: { files: [file] } });
  });
}

function renderImport(shops: ShopSummary[] = [SHOP], onImported = vi.fn()) {
  renderUi(<ImportView shops={shops} shop={shops[0]} onImported={onImported} />);
  return { onImported };
}

describe('in Chinese', () => {
  it('speaks Simplified Chinese, including the parsers\' messages', async () => {
    renderUi(<ImportView shops={[SHOP]} shop={SHOP} onImported={vi.fn()} />, { language: 'zh-CN' });
    expect(document.querySelector('h2')?.textContent).toBe('导入购买记录');
    expect(bl('import-intro')?.textContent).toContain('千牛卖家中心');
    await pick(new File([], 'empty.csv'));
    await waitFor(() => expect(bl('import-file-error')?.textContent).toContain('没有导入任何数据'));
  });
});

describe('importing a recognised export', () => {
  it('shows what the file is, then sends begin → stage → commit in order and shows the summary', async () => {
    const { onImported } = renderImport();
    expect(bl('import-intro')).not.toBeNull(); // the empty state says what to do
    await pick(new File([fixture('shopify-orders.csv')], 'orders_export.csv', { type: 'text/csv' }));

    await waitFor(() => expect(bl('import-format')?.textContent).toBe('Shopify orders export'));
    expect(bl('import-encoding')?.textContent).toBe('UTF-8 with BOM');
    expect(screen.getAllByText('#1001', { selector: 'td' }).length).toBe(2); // two line items of one order
    expect(rpc.call).not.toHaveBeenCalled(); // a preview sends nothing

    fireEvent.click(bl('import-start')!);
    await waitFor(() => expect(bl('import-summary')).not.toBeNull());

    expect(names()).toEqual(['import.begin', 'import.stage', 'import.commit']);
    expect(argsOf('import.begin')[0]).toEqual({
      shop: { platform: 'shopify', key: 'my-shop.example', name: 'My shop' },
      fileName: 'orders_export.csv',
      format: 'shopify-orders',
    });
    const staged = argsOf('import.stage')[0]!;
    expect(staged.jobId).toBe('job1');
    expect((staged.orders as { orderId: string }[]).map((o) => o.orderId)).toContain('#1001');
    expect(argsOf('import.commit')[0]).toEqual({ jobId: 'job1' });

    expect(bl('import-summary-orders')?.textContent).toContain('2');
    expect(bl('import-summary')?.textContent).toContain('1 groups of customers may be the same person');
    expect(onImported).toHaveBeenCalledWith('shopify:my-shop.example');
    // The next step is one click away.
    (bl('import-to-customers') as HTMLButtonElement).click();
    expect(location.hash).toBe('#customers');
  });

  it('stages a large file in several batches, each within the protocol limit, before one commit', async () => {
    const header = 'Name,Email,Financial Status,Paid at,Currency,Total,Created at,Lineitem quantity,Lineitem name,Billing Name\n';
    let body = '';
    for (let i = 0; i < 4500; i++) body += `#${i},b${i}@example.com,paid,,EUR,10.00,2025-10-07 09:50:26 +0200,1,Socks,Buyer ${i}\n`;
    renderImport();
    await pick(new File([header + body], 'big.csv'));
    await waitFor(() => expect(bl('import-start')).not.toBeNull());
    fireEvent.click(bl('import-start')!);
    await waitFor(() => expect(bl('import-summary')).not.toBeNull());

    const stages = argsOf('import.stage');
    expect(stages.length).toBeGreaterThanOrEqual(3);
    for (const s of stages) expect((s.orders as unknown[]).length).toBeLessThanOrEqual(5000);
    expect(stages.reduce((n, s) => n + (s.orders as unknown[]).length, 0)).toBe(4500);
    expect(names().at(-1)).toBe('import.commit');
  });

  it('imports into a new shop named by the person, with the platform taken from the file', async () => {
    const { onImported } = renderImport([]);
    await pick(new File([fixture('shopify-orders.csv')], 'orders.csv'));
    await waitFor(() => expect(bl('import-shop-name')).not.toBeNull());
    expect((bl('import-platform') as HTMLSelectElement).value).toBe('shopify');

    fireEvent.click(bl('import-start')!);
    expect(bl('import-form-error')?.textContent).toBe('Give the new shop a name.');
    expect(rpc.call).not.toHaveBeenCalled();

    fireEvent.input(bl('import-shop-name')!, { target: { value: '  Nordic Knits ' } });
    fireEvent.click(bl('import-start')!);
    await waitFor(() => expect(bl('import-summary')).not.toBeNull());
    expect(argsOf('import.begin')[0]!.shop).toEqual({ platform: 'shopify', key: 'Nordic Knits', name: 'Nordic Knits' });
    expect(onImported).toHaveBeenCalledWith('shopify:Nordic Knits');
  });
});

describe('progress while the background commits', () => {
  it('follows this job\'s broadcasts, ignores others and malformed ones, and stops listening after', async () => {
    let finish!: () => void;
    commit = () => new Promise((resolve) => (finish = () => resolve(SUMMARY)));
    renderImport();
    await pick(new File([fixture('shopify-orders.csv')], 'orders.csv'));
    await waitFor(() => expect(bl('import-start')).not.toBeNull());
    fireEvent.click(bl('import-start')!);
    await waitFor(() => expect(argsOf('import.commit').length).toBe(1));
    await waitFor(() => expect(bl('import-progress')?.dataset.phase).toBe('saving'));
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(true);

    await act(async () => {
      await fakeBrowser.runtime.onMessage.trigger({ type: 'buyerlens:job-progress', jobId: 'other', done: 9, total: 10 }, {}, () => undefined);
      await fakeBrowser.runtime.onMessage.trigger({ type: 'buyerlens:job-progress', jobId: 'job1', done: -1, total: 'x' }, {}, () => undefined);
    });
    expect((bl('import-progress')!.querySelector('progress') as HTMLProgressElement).value).toBe(0);
    await act(async () => {
      await fakeBrowser.runtime.onMessage.trigger({ type: 'buyerlens:job-progress', jobId: 'job1', done: 3, total: 4 }, {}, () => undefined);
    });
    await waitFor(() => expect((bl('import-progress')!.querySelector('progress') as HTMLProgressElement).value).toBe(75));
    expect(bl('import-progress')?.textContent).toContain('Saving: 75%');

    await act(async () => finish());
    await waitFor(() => expect(bl('import-summary')).not.toBeNull());
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(false);
  });
});

describe('files that cannot be imported', () => {
  it('an empty file gets a clear message and nothing is sent', async () => {
    renderImport();
    await pick(new File([], 'empty.csv'));
    await waitFor(() => expect(bl('import-file-error')).not.toBeNull());
    expect(bl('import-file-error')?.textContent).toContain('The file is empty.');
    expect(bl('import-file-error')?.textContent).toContain('Nothing was imported');
    expect(bl('import-start')).toBeNull();
    expect(rpc.call).not.toHaveBeenCalled();
  });

  it('a workbook renamed .csv is recognised as one and nothing is sent', async () => {
    renderImport();
    await pick(new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6])], 'orders.csv'));
    await waitFor(() => expect(bl('import-file-error')?.textContent).toContain('Excel workbook'));
    expect(rpc.call).not.toHaveBeenCalled();
  });

  it('a small file cut inside a quoted cell is refused at once, before anything is sent', async () => {
    const text = 'Name,Email,Financial Status,Paid at,Currency,Total,Created at,Lineitem quantity,Lineitem name,Billing Name\n#1,a@example.com,paid,,EUR,1.00,2025-10-07 09:50:26 +0200,1,"Socks\n';
    renderImport();
    await pick(new File([text], 'cut.csv'));
    await waitFor(() => expect(bl('import-file-error')?.textContent).toContain('ends in the middle of a quoted cell'));
    expect(bl('import-start')).toBeNull();
    expect(rpc.call).not.toHaveBeenCalled();
  });

  it('a large file cut inside a quoted cell fails mid-way: the job is cancelled and nothing is imported', async () => {
    // The cut lies past the preview's first 64 KB, so only the full read finds it.
    let text = 'Name,Email,Financial Status,Paid at,Currency,Total,Created at,Lineitem quantity,Lineitem name,Billing Name\n';
    for (let i = 0; i < 1500; i++) text += `#${i},b${i}@example.com,paid,,EUR,10.00,2025-10-07 09:50:26 +0200,1,Socks,Buyer ${i}\n`;
    text += '#x,a@example.com,paid,,EUR,1.00,2025-10-07 09:50:26 +0200,1,"Socks\n';
    expect(text.length).toBeGreaterThan(64 * 1024);
    renderImport();
    await pick(new File([text], 'cut.csv'));
    await waitFor(() => expect(bl('import-start')).not.toBeNull());
    fireEvent.click(bl('import-start')!);
    await waitFor(() => expect(bl('import-failed')).not.toBeNull());
    expect(bl('import-failed')?.textContent).toMatch(/^Nothing was imported: The file ends in the middle of a quoted cell/);
    expect(names().filter((n) => n !== 'import.stage')).toEqual(['import.begin', 'jobs.cancel']);
    expect(argsOf('jobs.cancel')[0]).toEqual({ jobId: 'job1' });
  });

  it('a refused commit cancels the job and says nothing was imported, with the reason', async () => {
    commit = async () => {
      throw new Error('The database is full.');
    };
    renderImport();
    await pick(new File([fixture('shopify-orders.csv')], 'orders.csv'));
    await waitFor(() => expect(bl('import-start')).not.toBeNull());
    fireEvent.click(bl('import-start')!);
    await waitFor(() => expect(bl('import-failed')).not.toBeNull());
    expect(bl('import-failed')?.textContent).toBe('Nothing was imported: The database is full.');
    expect(names().at(-1)).toBe('jobs.cancel');
    expect(bl('import-summary')).toBeNull();
  });
});

describe('cancelling', () => {
  it('stops reading, cancels the job and says that nothing was imported', async () => {
    let release!: () => void;
    // The first stage hangs until the test lets it go, so Cancel is pressed mid-import.
    stage = (a) =>
      new Promise((resolve) => {
        release = () => resolve({ staged: a.orders.length });
      });
    const header = 'Name,Email,Financial Status,Paid at,Currency,Total,Created at,Lineitem quantity,Lineitem name,Billing Name\n';
    let body = '';
    for (let i = 0; i < 5000; i++) body += `#${i},b${i}@example.com,paid,,EUR,10.00,2025-10-07 09:50:26 +0200,1,Socks,Buyer ${i}\n`;
    const { onImported } = renderImport();
    await pick(new File([header + body], 'big.csv'));
    await waitFor(() => expect(bl('import-start')).not.toBeNull());
    fireEvent.click(bl('import-start')!);
    await waitFor(() => expect(argsOf('import.stage').length).toBe(1));
    await waitFor(() => expect(bl('import-cancel')).not.toBeNull());
    expect(bl('import-progress')?.querySelector('progress')).not.toBeNull();

    fireEvent.click(bl('import-cancel')!);
    release();
    await waitFor(() => expect(bl('import-cancelled')).not.toBeNull());
    expect(bl('import-cancelled')?.textContent).toContain('Nothing was imported');
    expect(names()).toContain('jobs.cancel');
    expect(names()).not.toContain('import.commit');
    expect(argsOf('import.stage').length).toBe(1);
    expect(onImported).not.toHaveBeenCalled();
  });
});

describe('a file of unknown layout', () => {
  const GENERIC = 'Order No.,Customer,E-mail,Date,Amount,Status\nA-1,张三,zhang@example.com,03/04/2025,12.50,paid\nA-2,李四,li@example.com,13/04/2025,8.00,paid\n';

  it('asks for a mapping, guesses the columns, previews rows as they will be read, and imports with the mapping', async () => {
    renderImport();
    await pick(new File([GENERIC], 'sales.csv'));
    await waitFor(() => expect(bl('import-mapping')).not.toBeNull());
    expect(bl('import-format')?.textContent).toBe('Other CSV file');

    const select = (field: string) => bl(`mapping-field-${field}`) as HTMLSelectElement;
    expect(select('orderId').value).toBe('Order No.');
    expect(select('buyer').value).toBe('Customer');
    expect(select('email').value).toBe('E-mail');
    expect(select('placedAt').value).toBe('Date');
    expect(select('total').value).toBe('Amount');
    expect(select('status').value).toBe('Status');

    // Without a currency the totals cannot be read: the preview says so before anything is sent.
    expect(bl('mapping-preview-problems')?.textContent).toContain('does not say which currency');
    fireEvent.input(bl('mapping-field-defaultCurrency')!, { target: { value: 'cny' } });
    fireEvent.change(select('dateFormat'), { target: { value: 'dmy' } });
    await waitFor(() => expect(document.querySelectorAll('[data-bl="mapping-preview-row"]').length).toBe(2));
    const firstRow = document.querySelector('[data-bl="mapping-preview-row"]')!.textContent!;
    expect(firstRow).toContain('A-1');
    expect(firstRow).toContain('nick:张三');
    expect(firstRow).toContain('2025-04-03'); // 03/04 read day-first
    expect(bl('mapping-preview-problems')).toBeNull();

    fireEvent.click(bl('import-start')!);
    await waitFor(() => expect(bl('import-summary')).not.toBeNull());
    expect(argsOf('import.begin')[0]!.format).toBe('generic');
    const orders = argsOf('import.stage')[0]!.orders as { orderId: string; total?: { amountMinor: number; currency: string } }[];
    expect(orders.map((o) => [o.orderId, o.total])).toEqual([
      ['A-1', { amountMinor: 1250, currency: 'CNY' }],
      ['A-2', { amountMinor: 800, currency: 'CNY' }],
    ]);
  });

  it('remembers the mapping for files with the same columns and reuses it next time', async () => {
    renderImport();
    await pick(new File([GENERIC], 'sales.csv'));
    await waitFor(() => expect(bl('import-mapping')).not.toBeNull());
    // A choice the guess would not make: the buyer is identified by e-mail.
    fireEvent.change(bl('mapping-field-buyer')!, { target: { value: 'E-mail' } });
    fireEvent.change(bl('mapping-field-buyerKind')!, { target: { value: 'email' } });
    fireEvent.input(bl('mapping-field-defaultCurrency')!, { target: { value: 'CNY' } });
    fireEvent.click(bl('import-start')!);
    await waitFor(() => expect(bl('import-summary')).not.toBeNull());
    act(() => cleanup());

    renderImport();
    await pick(new File([GENERIC.replace('A-1', 'A-9')], 'sales-may.csv'));
    await waitFor(() => expect(bl('import-mapping')?.textContent).toContain('last time'));
    expect((bl('mapping-field-buyer') as HTMLSelectElement).value).toBe('E-mail');
    expect((bl('mapping-field-buyerKind') as HTMLSelectElement).value).toBe('email');
    expect((bl('mapping-field-defaultCurrency') as HTMLInputElement).value).toBe('CNY');
  });

  it('ignores a stored mapping that is not valid', async () => {
    await fakeBrowser.storage.local.set({ [MAPPINGS_KEY]: { anything: { mapping: { buyer: '' } }, also: 'junk' } });
    renderImport();
    await pick(new File([GENERIC], 'sales.csv'));
    await waitFor(() => expect(bl('import-mapping')).not.toBeNull());
    expect(bl('import-mapping')?.textContent).not.toContain('last time');
    expect((bl('mapping-field-buyer') as HTMLSelectElement).value).toBe('Customer');
  });
});

describe('problems', () => {
  it('lists the first 100 with their line numbers and downloads all of them with one BOM', async () => {
    const header = 'Name,Email,Financial Status,Paid at,Currency,Total,Created at,Lineitem quantity,Lineitem name,Billing Name\n';
    let body = '';
    // 150 rows with a bad amount, then one with a name that tries to be markup.
    for (let i = 0; i < 150; i++) body += `#${i},b${i}@example.com,paid,,EUR,lots,2025-10-07 09:50:26 +0200,1,Socks,Buyer\n`;
    body += `#x,x@example.com,paid,,EUR,"${EVIL}",2025-10-07 09:50:26 +0200,1,Socks,Buyer\n`;
    let blob: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blob = b as Blob;
      return 'blob:problems';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    renderImport();
    await pick(new File([header + body], 'bad.csv'));
    await waitFor(() => expect(bl('import-start')).not.toBeNull());
    fireEvent.click(bl('import-start')!);
    await waitFor(() => expect(bl('import-problems')).not.toBeNull());

    const shown = document.querySelectorAll('[data-bl="import-problem"]');
    expect(shown.length).toBe(100);
    expect(shown[0]!.textContent).toMatch(/^Line 2: “lots” in column “Total” is not an amount/);
    expect(bl('import-problems')?.textContent).toContain('and 51 more');
    expect(document.querySelector('img')).toBeNull(); // file text stays text

    fireEvent.click(bl('import-problems-download')!);
    expect(blob).toBeDefined();
    const bytes = new Uint8Array(await blob!.arrayBuffer());
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\ufeffLine,Problem\r\n')).toBe(true);
    expect(text.match(/\ufeff/g)?.length).toBe(1);
    const lines = text.trimEnd().split('\r\n');
    expect(lines.length).toBe(1 + 151);
    expect(lines[1]).toMatch(/^2,/);
    expect(lines.at(-1)).toMatch(/^152,/);
    vi.restoreAllMocks();
  });
});
