import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, BACKUP_TABLES, BACKUP_VERSION, type BackupHeader } from '@/lib/model/owner';
import { customerIdOf } from '@/lib/model/ids';
import { SHOP, SHOP_ID, freshOwnerService, order } from './helpers';

type Fresh = ReturnType<typeof freshOwnerService>;
const SELF = { id: 'self-extension-id' };

/** A shop with everything a backup must carry: tags, taggings with several add ids, a note conflict copy, deleted records, Chinese text, order history, a forgotten buyer, a recipe, a segment. */
async function richShop({ service, handlers }: Fresh) {
  await service['page.seen']({
    shop: SHOP,
    orders: [order('1001', '张三', 12_345, { items: [{ name: '龙井茶 250g', quantity: 2, unitPrice: { amountMinor: 6000, currency: 'CNY' } }] }), order('1002', '李四', 800)],
    buyers: [],
  });
  await service['page.seen']({ shop: SHOP, orders: [order('1001', '张三', 12_345, { status: 'refunded' })], buyers: [] });
  const vip = await service['tag.create']({ shopId: SHOP_ID, name: '高价值客户', color: 'red' });
  const old = await service['tag.create']({ shopId: SHOP_ID, name: 'old' });
  await service['tag.delete']({ shopId: SHOP_ID, tagId: old.id });
  await service['tagging.add']({ shop: SHOP, tagId: vip.id, buyers: [{ key: 'nick:张三', otherKeys: [], displayName: '张三' }] });
  await service['tagging.remove']({ shopId: SHOP_ID, tagId: vip.id, customerIds: [customerIdOf(SHOP_ID, 'nick:张三')] });
  await service['tagging.add']({ shop: SHOP, tagId: vip.id, buyers: [{ key: 'nick:张三', otherKeys: [], displayName: '张三' }] });
  const zhang = customerIdOf(SHOP_ID, 'nick:张三');
  const { noteId } = await service['note.save']({ shopId: SHOP_ID, customerId: zhang, text: '喜欢绿茶', baseRev: 0 });
  await service['note.save']({ shopId: SHOP_ID, customerId: zhang, noteId, text: '喜欢龙井', baseRev: 1 });
  await service['note.save']({ shopId: SHOP_ID, customerId: zhang, noteId, text: '只喝红茶', baseRev: 1 });
  const { noteId: gone } = await service['note.save']({ shopId: SHOP_ID, customerId: zhang, text: 'temp', baseRev: 0 });
  await service['note.delete']({ shopId: SHOP_ID, noteId: gone });
  await service['action.mark']({ shopId: SHOP_ID, customerId: zhang, ruleId: 'welcome', state: 'done', factsKey: 'k' });
  await handlers['rules.save']({ shopId: SHOP_ID, rules: [] }, SELF);
  await service['customer.forget']({ shopId: SHOP_ID, customerId: customerIdOf(SHOP_ID, 'nick:李四') });
  await service['recipes.save']({
    recipe: {
      id: 'r1',
      origin: 'https://admin.example.com',
      pathPrefix: '/orders',
      name: '我的后台',
      rowSelector: 'tr.order',
      fields: { buyer: '.buyer' },
      createdAt: 1,
      version: 1,
    },
  });
  const { segmentId } = await service['segments.save']({ shopId: SHOP_ID, name: '流失', query: 'amount_spent >= 1', color: 'blue' }).catch(() => ({ segmentId: '' }));
  return { zhang, segmentId };
}

/** A backup as the data page writes it: the header, then every table page by page. */
async function takeBackup(service: Fresh['service'], pageSize = 2) {
  const { counts } = await service['backup.info']({});
  const header: BackupHeader = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString(), counts };
  const rows: Array<{ table: (typeof BACKUP_TABLES)[number]; row: unknown }> = [];
  for (const table of BACKUP_TABLES) {
    for (let offset = 0; ; offset += pageSize) {
      const page = await service['backup.read']({ table, offset, limit: pageSize });
      rows.push(...page.rows.map((row) => ({ table, row })));
      if (page.rows.length < pageSize) break;
    }
  }
  // Through JSON, as the file does.
  return JSON.parse(JSON.stringify({ header, rows })) as { header: BackupHeader; rows: typeof rows };
}

async function restore(service: Fresh['service'], backup: Awaited<ReturnType<typeof takeBackup>>) {
  const { jobId } = await service['restore.begin']({ header: backup.header });
  for (const table of BACKUP_TABLES) {
    const rows = backup.rows.filter((r) => r.table === table).map((r) => r.row);
    for (let i = 0; i < rows.length; i += 3) await service['restore.stage']({ jobId, table, rows: rows.slice(i, i + 3) });
  }
  return { jobId, result: await service['restore.commit']({ jobId }) };
}

async function allData(db: Fresh['db']) {
  return Object.fromEntries(await Promise.all([...BACKUP_TABLES, 'aggregates'].map(async (t) => [t, await db.table(t).toArray()] as const)));
}

describe('backup and restore', () => {
  it('a round trip into an empty profile gives exactly the same data, figures included', async () => {
    const source = freshOwnerService();
    const { zhang } = await richShop(source);
    const backup = await takeBackup(source.service);
    expect(backup.header.counts.notes).toBe(3);
    expect(backup.rows.some((r) => r.table === 'notes' && (r.row as { conflictOf?: string }).conflictOf)).toBe(true);
    expect(backup.header.counts.forgotten).toBe(1);
    // Customers carry their per-field stamps (last-writer-wins per field): the restore keeps them.
    const customerRows = backup.rows.filter((r) => r.table === 'customers').map((r) => r.row as { id: string; fieldHlc?: Record<string, string> });
    expect(customerRows.find((c) => c.id === zhang)?.fieldHlc?.displayName).toBeTruthy();

    const target = freshOwnerService();
    await target.service['page.seen']({ shop: SHOP, orders: [order('9', '王五', 1)], buyers: [] });
    const { result } = await restore(target.service, backup);
    expect(result.counts).toEqual(backup.header.counts);
    expect(await allData(target.db)).toEqual(await allData(source.db));
    expect(await target.db.staging.count()).toBe(0);
    // The insights follow the restored data.
    const profile = await target.service['profile.get']({ shopId: SHOP_ID, customerId: zhang });
    expect(profile).toMatchObject({ known: true, displayName: '张三' });
    expect(profile.notes).toHaveLength(2);
    expect(target.changes).toContain(SHOP_ID);
  });

  it('a backup cut short restores nothing', async () => {
    const source = freshOwnerService();
    await richShop(source);
    const backup = await takeBackup(source.service);
    const target = freshOwnerService();
    await target.service['page.seen']({ shop: SHOP, orders: [order('9', '王五', 1)], buyers: [] });
    const before = await allData(target.db);
    const cut = { ...backup, rows: backup.rows.filter((r, i) => !(r.table === 'orders' && i % 2 === 0)) };
    await expect(restore(target.service, cut)).rejects.toThrow(/orders should hold \d+ records but \d+ arrived/);
    expect(await allData(target.db)).toEqual(before);
  });

  it('an invalid record is named and nothing from that call is staged', async () => {
    const source = freshOwnerService();
    await richShop(source);
    const backup = await takeBackup(source.service);
    const target = freshOwnerService();
    const { jobId } = await target.service['restore.begin']({ header: backup.header });
    const customers = backup.rows.filter((r) => r.table === 'customers').map((r) => r.row as Record<string, unknown>);
    const broken = [customers[0], { ...customers[1], keys: [] }];
    await expect(target.service['restore.stage']({ jobId, table: 'customers', rows: broken })).rejects.toThrow(
      /record 2 of customers is not valid \(keys: /,
    );
    expect(await target.db.staging.count()).toBe(0);
    await target.service['jobs.cancel']({ jobId });
    expect(await target.db.jobs.count()).toBe(0);
  });

  it('a backup from a newer version is refused at the start', async () => {
    const { service, db } = freshOwnerService();
    const header: BackupHeader = { format: BACKUP_FORMAT, version: BACKUP_VERSION + 1, createdAt: '2030-01-01', counts: Object.fromEntries(BACKUP_TABLES.map((t) => [t, 0])) as BackupHeader['counts'] };
    await expect(service['restore.begin']({ header })).rejects.toThrow(/newer BuyerLens/);
    expect(await db.jobs.count()).toBe(0);
  });
});
