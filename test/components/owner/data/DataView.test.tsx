import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DataView } from '@/components/owner/DataView';
import type { ShopSummary } from '@/components/owner/shops';
import { BACKUP_TABLES, type BackupTable, type DuplicateGroup } from '@/lib/model/owner';
import { EVIL, renderUi } from '../../ui';

type Call = (name: string, args: unknown) => Promise<unknown>;
const rpc = vi.hoisted(() => ({ call: vi.fn<Call>() }));
vi.mock('@/lib/rpc/owner-client', () => ({ call: rpc.call }));

const SHOP: ShopSummary = { shopId: 'taobao:小店', name: '小店', platform: 'taobao', customers: 3, tags: [] };
const names = () => rpc.call.mock.calls.map(([n]) => n);
const argsOf = (name: string) => rpc.call.mock.calls.filter(([n]) => n === name).map(([, a]) => a as Record<string, unknown>);
const bl = (name: string) => document.querySelector(`[data-bl="${name}"]`) as HTMLElement | null;
const all = (name: string) => [...document.querySelectorAll(`[data-bl="${name}"]`)] as HTMLElement[];

const zeroCounts = () => Object.fromEntries(BACKUP_TABLES.map((t) => [t, 0])) as Record<BackupTable, number>;

/** The background's tables, for backup.read. */
let tables: Partial<Record<BackupTable, unknown[]>>;
let duplicates: DuplicateGroup[];
let merges: { mergeId: string; survivorId: string; survivorName: string; merged: number; at: number }[];
let failStage: boolean;

beforeEach(() => {
  fakeBrowser.reset();
  tables = {};
  duplicates = [];
  merges = [];
  failStage = false;
  rpc.call.mockReset();
  rpc.call.mockImplementation(async (name, args) => {
    const a = args as Record<string, unknown>;
    switch (name) {
      case 'customers.duplicates':
        return structuredClone(duplicates);
      case 'merges.list':
        return structuredClone(merges);
      case 'customers.merge':
        merges = [{ mergeId: 'm1', survivorId: a.survivorId as string, survivorName: 'Zhang', merged: (a.mergedIds as string[]).length, at: Date.UTC(2026, 0, 5) }];
        duplicates = [];
        return { mergeId: 'm1' };
      case 'customers.unmerge':
        merges = [];
        return { undone: true };
      case 'backup.info':
        return { counts: { ...zeroCounts(), ...Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, rows!.length])) } };
      case 'backup.read': {
        const rows = tables[a.table as BackupTable] ?? [];
        return { rows: rows.slice(a.offset as number, (a.offset as number) + (a.limit as number)) };
      }
      case 'restore.begin':
        return { jobId: 'r1' };
      case 'restore.stage':
        if (failStage) throw new Error('A customer record is invalid.');
        return { staged: (a.rows as unknown[]).length };
      case 'restore.commit':
        return { counts: zeroCounts() };
      case 'jobs.cancel':
        return { cancelled: true };
    }
    throw new Error(`unexpected call ${name}`);
  });
});

afterEach(() => {
  act(() => cleanup());
  vi.restoreAllMocks();
});

/** The blob handed to the browser's download, as text. */
function captureDownloads() {
  const blobs: Blob[] = [];
  const names: string[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
    blobs.push(b as Blob);
    return 'blob:x';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  return { blobs, names };
}

function backupText(counts: Partial<Record<BackupTable, number>>, records: [BackupTable, unknown][], header: Record<string, unknown> = {}): string {
  const head = { format: 'buyerlens-backup', version: 1, createdAt: '2026-01-31T10:00:00.000Z', counts: { ...zeroCounts(), ...counts }, ...header };
  return [JSON.stringify(head), ...records.map(([table, row]) => JSON.stringify({ table, row }))].join('\n') + '\n';
}

async function chooseBackup(text: string) {
  await act(async () => {
    fireEvent.change(bl('restore-file')!, { target: { files: [new File([text], 'buyerlens-backup.jsonl')] } });
  });
}

describe('backup', () => {
  it('writes the header, then one line per record of every table, paging through big tables', async () => {
    tables = {
      shops: [{ id: 'taobao:小店' }],
      customers: Array.from({ length: 5001 }, (_, i) => ({ id: `c${i}`, displayName: i === 0 ? EVIL : `c${i}` })),
      notes: [{ id: 'n1', text: 'line one\nline two' }],
    };
    const { blobs, names: files } = captureDownloads();
    renderUi(<DataView />);
    fireEvent.click(bl('backup-download')!);
    await waitFor(() => expect(blobs.length).toBe(1));

    expect(files[0]).toMatch(/^buyerlens-backup-\d{4}-\d{2}-\d{2}\.jsonl$/);
    const lines = (await blobs[0]!.text()).split('\n');
    expect(lines.at(-1)).toBe(''); // ends with a line break
    const header = JSON.parse(lines[0]!);
    expect(header).toMatchObject({ format: 'buyerlens-backup', version: 1, counts: { shops: 1, customers: 5001, notes: 1, orders: 0 } });
    expect(Number.isNaN(Date.parse(header.createdAt))).toBe(false);
    const records = lines.slice(1, -1).map((l) => JSON.parse(l));
    expect(records.length).toBe(5003);
    expect(records[0]).toEqual({ table: 'shops', row: { id: 'taobao:小店' } });
    expect(records[1]).toEqual({ table: 'customers', row: { id: 'c0', displayName: EVIL } });
    expect(records.at(-1)).toEqual({ table: 'notes', row: { id: 'n1', text: 'line one\nline two' } });
    expect(argsOf('backup.read').filter((a) => a.table === 'customers').map((a) => a.offset)).toEqual([0, 5000]);
    expect(bl('backup')?.textContent).toContain('Backup downloaded: 5,003 records.');
  });
});

describe('restore', () => {
  it('in a team, no restore is offered: the page says why and how (leave the team first)', () => {
    renderUi(<DataView inTeam />);
    expect(bl('restore-file')).toBeNull();
    expect(bl('data-restore-in-team')?.textContent).toContain('Leave the team');
    // The backup itself is still there for whoever may export.
    expect(bl('backup-download')).not.toBeNull();
  });

  it('asks first, saying it replaces all data, then begins, stages per table and commits', async () => {
    renderUi(<DataView />);
    const customers: [BackupTable, unknown][] = Array.from({ length: 7001 }, (_, i) => ['customers', { id: `c${i}` }]);
    await chooseBackup(backupText({ shops: 1, customers: 7001, orders: 1 }, [['shops', { id: 's' }], ...customers, ['orders', { id: 'o' }]]));

    await waitFor(() => expect(bl('restore-confirm')).not.toBeNull());
    expect(bl('restore-confirm-box')?.textContent).toContain('replaces ALL BuyerLens data in this browser');
    expect(bl('restore-confirm-box')?.textContent).toContain('7,003 records');
    expect(rpc.call).not.toHaveBeenCalled(); // nothing sent before the person agrees

    fireEvent.click(bl('restore-confirm')!);
    await waitFor(() => expect(bl('restore-done')).not.toBeNull());
    expect(names()).toEqual(['restore.begin', 'restore.stage', 'restore.stage', 'restore.stage', 'restore.stage', 'restore.commit']);
    expect(argsOf('restore.stage').map((a) => [a.table, (a.rows as unknown[]).length])).toEqual([
      ['shops', 1],
      ['customers', 5000],
      ['customers', 2001],
      ['orders', 1],
    ]);
    expect((argsOf('restore.begin')[0]!.header as { counts: Record<string, number> }).counts.customers).toBe(7001);
  });

  it('rejects a cut file without starting a restore', async () => {
    renderUi(<DataView />);
    // The header promises three customers; the file stops after two.
    await chooseBackup(backupText({ customers: 3 }, [['customers', { id: 'a' }], ['customers', { id: 'b' }]]));
    await waitFor(() => expect(bl('restore-error')).not.toBeNull());
    expect(bl('restore-error')?.textContent).toBe(
      'Nothing was changed: the backup file is incomplete (it was cut short while being saved or copied). Use another copy of the backup.',
    );
    expect(rpc.call).not.toHaveBeenCalled();
  });

  it('rejects a file cut in the middle of a line', async () => {
    renderUi(<DataView />);
    const whole = backupText({ customers: 2 }, [['customers', { id: 'a' }], ['customers', { id: 'b', displayName: 'Bo' }]]);
    await chooseBackup(whole.slice(0, -12));
    await waitFor(() => expect(bl('restore-error')?.textContent).toContain('incomplete'));
    expect(rpc.call).not.toHaveBeenCalled();
  });

  it('rejects a file that is not a backup, and one from a newer version, without any call', async () => {
    renderUi(<DataView />);
    await chooseBackup('Name,Email\n#1001,a@example.com\n');
    await waitFor(() => expect(bl('restore-error')?.textContent).toContain('not a BuyerLens backup file'));

    await chooseBackup(backupText({}, [], { version: 2 }));
    await waitFor(() => expect(bl('restore-error')?.textContent).toContain('made by a newer version of BuyerLens'));

    await chooseBackup(JSON.stringify({ format: 'buyerlens-recipes', version: 1, recipes: [] }));
    await waitFor(() => expect(bl('restore-error')?.textContent).toContain('not a BuyerLens backup file'));
    expect(rpc.call).not.toHaveBeenCalled();
  });

  it('a refused page cancels the job and says nothing was changed', async () => {
    failStage = true;
    renderUi(<DataView />);
    await chooseBackup(backupText({ customers: 1 }, [['customers', { id: 'a' }]]));
    await waitFor(() => expect(bl('restore-confirm')).not.toBeNull());
    fireEvent.click(bl('restore-confirm')!);
    await waitFor(() => expect(bl('restore-error')).not.toBeNull());
    expect(bl('restore-error')?.textContent).toBe('Nothing was changed: A customer record is invalid.');
    expect(names()).toEqual(['restore.begin', 'restore.stage', 'jobs.cancel']);
    expect(argsOf('jobs.cancel')[0]).toEqual({ jobId: 'r1' });
  });
});

describe('duplicates and merges', () => {
  const group: DuplicateGroup = {
    reason: 'phone',
    value: '13800000000',
    customers: [
      { id: 'c_a', displayName: 'zhang_san', keys: ['nick:zhang_san'], phone: '13800000000', orderCount: 1, totalMinor: 5000, currency: 'CNY' },
      { id: 'c_b', displayName: '张三', keys: ['nick:张三', 'phone:13800000000'], email: 'zs@example.com', phone: '13800000000', orderCount: 4, totalMinor: 90000, currency: 'CNY', lastAt: Date.UTC(2025, 11, 1) },
      { id: 'c_c', displayName: EVIL, keys: ['email:z@example.com'], email: 'z@example.com', orderCount: 0, totalMinor: 0 },
    ],
  };

  it('says what to do when there are none', async () => {
    renderUi(<DataView shop={SHOP} />);
    await waitFor(() => expect(bl('duplicates-empty')).not.toBeNull());
    expect(bl('duplicates-empty')?.textContent).toContain('No possible duplicates');
  });

  it('lists groups with why they look alike, and the merge dialog sends the survivor and the chosen values', async () => {
    duplicates = [group];
    renderUi(<DataView shop={SHOP} />);
    await waitFor(() => expect(all('duplicate-group').length).toBe(1));
    const card = all('duplicate-group')[0]!;
    expect(card.textContent).toContain('Same phone: 13800000000');
    expect(card.textContent).toContain('nick:张三 · phone:13800000000');
    expect(document.querySelector('img')).toBeNull(); // names are text

    fireEvent.click(bl('merge-open')!);
    const survivors = all('merge-survivor') as HTMLInputElement[];
    // Opens with the customer with most orders as the survivor, keeping their values.
    expect(survivors.find((r) => r.checked)?.value).toBe('c_b');

    fireEvent.click(survivors.find((r) => r.value === 'c_a')!);
    fireEvent.click((all('merge-keep-displayName') as HTMLInputElement[]).find((r) => r.value === 'c_b')!);
    fireEvent.click((all('merge-keep-email') as HTMLInputElement[]).find((r) => r.value === 'c_c')!);
    fireEvent.click(bl('merge-confirm')!);

    await waitFor(() => expect(bl('merge-dialog')).toBeNull());
    expect(argsOf('customers.merge')).toEqual([
      { shopId: 'taobao:小店', survivorId: 'c_a', mergedIds: ['c_b', 'c_c'], keep: { displayName: 'c_b', email: 'c_c', phone: 'c_a' } },
    ]);
    // Both lists follow the merge: the group is gone, the merge can be undone.
    await waitFor(() => expect(all('merge-undo').length).toBe(1));
    expect(all('duplicate-group').length).toBe(0);
  });

  it('undoes a merge that has not been synced', async () => {
    merges = [{ mergeId: 'm9', survivorId: 'c_b', survivorName: '张三', merged: 2, at: Date.UTC(2026, 0, 5) }];
    renderUi(<DataView shop={SHOP} />);
    await waitFor(() => expect(all('merge-undo').length).toBe(1));
    expect(bl('merge-item')?.textContent).toContain('2 merged into 张三');
    fireEvent.click(bl('merge-undo')!);
    await waitFor(() => expect(all('merge-undo').length).toBe(0));
    expect(argsOf('customers.unmerge')).toEqual([{ mergeId: 'm9' }]);
    expect(bl('merges')?.textContent).toContain('No merge to undo.');
  });
});
