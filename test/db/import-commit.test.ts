import { describe, expect, it } from 'vitest';
import { MUTATORS } from '@/lib/db/mutators';
import { customerIdOf } from '@/lib/model/ids';
import type { JobProgress } from '@/lib/rpc/protocol-owner';
import type { RpcInput } from '@/lib/rpc/protocol';
import { SHOP, SHOP_ID, freshOwnerService, order } from './helpers';

type Service = ReturnType<typeof freshOwnerService>['service'];

/** Stage the batches through the real RPCs and commit them. */
async function importFile(service: Service, batches: Array<Partial<Pick<RpcInput<'import.stage'>, 'orders' | 'customers'>>>) {
  const { jobId } = await service['import.begin']({ shop: SHOP, fileName: 'orders.csv', format: 'shopify-orders' });
  for (const b of batches) {
    await service['import.stage']({ jobId, orders: b.orders ?? [], customers: b.customers ?? [] });
  }
  return { jobId, summary: await service['import.commit']({ jobId }) };
}

const shopifyOrder = (id: string, email: string, amountMinor: number, extra: Record<string, unknown> = {}) => ({
  orderId: id,
  buyer: { key: `email:${email}`, otherKeys: [], displayName: email.split('@')[0]! },
  placedAt: '2026-10-07T09:50:26+02:00',
  total: { amountMinor, currency: 'EUR' },
  status: 'paid',
  ...extra,
});

/** Every table a user write touches, as plain data, for before/after comparison. */
async function snapshot(db: ReturnType<typeof freshOwnerService>['db']) {
  const tables = ['shops', 'customers', 'orders', 'tags', 'taggings', 'notes', 'aggregates', 'outbox', 'forgotten'] as const;
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await db.table(t).toArray()] as const)));
}

describe('import commit: the whole file or nothing', () => {
  it('commits every staged batch in one go, one outbox entry per batch, with figures and a summary', async () => {
    const progress: JobProgress[] = [];
    const { service, db, changes } = freshOwnerService({ progress: (p) => progress.push(p) });
    const { jobId, summary } = await importFile(service, [
      { orders: [shopifyOrder('#1001', 'ann@example.com', 5000), shopifyOrder('#1002', 'bob@example.com', 7000)] },
      { orders: [shopifyOrder('#1003', 'ann@example.com', 2500)] },
    ]);
    expect(summary).toMatchObject({
      orders: { added: 3, updated: 0, unchanged: 0 },
      customers: { added: 2, updated: 0, unchanged: 0 },
      skippedForgotten: 0,
      possibleDuplicates: 0,
    });
    const outbox = await db.outbox.toArray();
    expect(outbox.map((e) => e.name)).toEqual(['import.records', 'import.records']);
    expect(outbox.map((e) => (e.args as { importId: string }).importId)).toEqual([jobId, jobId]);
    expect(outbox[0]!.hlc < outbox[1]!.hlc).toBe(true);
    const ann = await db.aggregates.get(customerIdOf(SHOP_ID, 'email:ann@example.com'));
    expect(ann).toMatchObject({ orderCount: 2, totalMinor: 7500, currency: 'EUR' });
    const orders = await db.orders.toArray();
    expect(orders.every((o) => o.source === 'import')).toBe(true);
    // The staging area is empty and the job gone: committing again is refused.
    expect(await db.staging.count()).toBe(0);
    await expect(service['import.commit']({ jobId })).rejects.toThrow(/no longer open/);
    expect(progress.at(-1)).toEqual({ type: 'buyerlens:job-progress', jobId, done: 3, total: 3 });
    expect(changes).toContain(SHOP_ID);
    // Insights follow: the customers table of the owner sees them ranked.
    const profile = await service['profile.get']({ shopId: SHOP_ID, customerId: ann!.customerId });
    expect(profile.orderCount).toBe(2);
  });

  it('leaves nothing behind when the mutator fails on a later batch, and the job can still be cancelled', async () => {
    const { service, db } = freshOwnerService();
    await service['page.seen']({ shop: SHOP, orders: [order('P-1', '张三', 1000)], buyers: [] });
    const before = await snapshot(db);
    const { jobId } = await service['import.begin']({ shop: SHOP, fileName: 'orders.csv', format: 'shopify-orders' });
    await service['import.stage']({ jobId, orders: [shopifyOrder('#1', 'ann@example.com', 100)], customers: [] });
    await service['import.stage']({ jobId, orders: [shopifyOrder('#2', 'bob@example.com', 100)], customers: [] });
    const original = MUTATORS['import.records'];
    let calls = 0;
    (MUTATORS as Record<string, unknown>)['import.records'] = async (...args: Parameters<typeof original>) => {
      if (++calls === 2) throw new Error('disk full');
      return original(...args);
    };
    try {
      await expect(service['import.commit']({ jobId })).rejects.toThrow('disk full');
    } finally {
      (MUTATORS as Record<string, unknown>)['import.records'] = original;
    }
    expect(calls).toBe(2);
    expect(await snapshot(db)).toEqual(before);
    expect(await db.staging.count()).toBe(2);
    expect(await service['jobs.cancel']({ jobId })).toEqual({ cancelled: true });
    expect(await db.staging.count()).toBe(0);
    expect(await db.jobs.count()).toBe(0);
    await expect(service['import.commit']({ jobId })).rejects.toThrow(/no longer open/);
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses batches for a job that does not exist', async () => {
    const { service } = freshOwnerService();
    await expect(service['import.stage']({ jobId: 'job_nope', orders: [], customers: [] })).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('drops jobs abandoned for over a day when the next import begins', async () => {
    let now = Date.parse('2026-11-01T00:00:00Z');
    const { service, db } = freshOwnerService({ now: () => now });
    const { jobId: old } = await service['import.begin']({ shop: SHOP, fileName: 'a.csv', format: 'x' });
    await service['import.stage']({ jobId: old, orders: [shopifyOrder('#1', 'ann@example.com', 100)], customers: [] });
    now += 25 * 3600_000;
    await service['import.begin']({ shop: SHOP, fileName: 'b.csv', format: 'x' });
    expect(await db.jobs.get(old)).toBeUndefined();
    expect(await db.staging.where('jobId').equals(old).count()).toBe(0);
  });
});

describe('re-importing and key resolution', () => {
  it('re-importing the same file changes nothing: not the outbox, not a table', async () => {
    const { service, db } = freshOwnerService();
    const file = [
      {
        orders: [shopifyOrder('#1', 'ann@example.com', 100, { items: [{ name: 'Tea', quantity: 2 }] }), shopifyOrder('#2', 'bob@example.com', 300)],
        customers: [
          { buyer: { key: 'email:ann@example.com', otherKeys: [], displayName: 'Ann' }, tags: ['VIP', '回头客'], note: 'Likes green tea', phone: '+49 170 1234567', email: 'ann@example.com' },
        ],
      },
    ];
    await importFile(service, file);
    const before = await snapshot(db);
    const { summary } = await importFile(service, file);
    expect(summary.orders).toEqual({ added: 0, updated: 0, unchanged: 2 });
    expect(summary.customers).toEqual({ added: 0, updated: 0, unchanged: 2 });
    expect(await snapshot(db)).toEqual(before);
  });

  it('a buyer first seen on a page and later imported under their email is one customer', async () => {
    const { service, db } = freshOwnerService();
    await service['page.seen']({
      shop: SHOP,
      orders: [],
      buyers: [{ key: 'customerId:5', otherKeys: ['email:a@b.com'], displayName: 'Ann Lee' }],
    });
    const { summary } = await importFile(service, [{ orders: [shopifyOrder('#9', 'a@b.com', 4200)] }]);
    expect(summary.customers).toEqual({ added: 0, updated: 1, unchanged: 0 });
    const customers = await db.customers.toArray();
    expect(customers).toHaveLength(1);
    const pageId = customerIdOf(SHOP_ID, 'customerId:5');
    expect(customers[0]).toMatchObject({ id: pageId, displayName: 'Ann Lee', email: 'a@b.com' });
    expect((await db.orders.toArray())[0]).toMatchObject({ customerId: pageId, source: 'import' });
    expect(await db.aggregates.get(pageId)).toMatchObject({ orderCount: 1, totalMinor: 4200 });
  });

  it('customers exports bring contact, tags and a note; a removed tag is not put back by a re-import', async () => {
    const { service, db } = freshOwnerService();
    const file = [
      {
        customers: [
          { buyer: { key: 'email:ann@example.com', otherKeys: ['phone:+491701234567'], displayName: 'Ann' }, tags: ['VIP'], note: 'Prefers email', phone: '+491701234567', email: 'ann@example.com' },
        ],
      },
    ];
    await importFile(service, file);
    const annId = customerIdOf(SHOP_ID, 'email:ann@example.com');
    const ann = await db.customers.get(annId);
    expect(ann).toMatchObject({ email: 'ann@example.com', phone: '+491701234567' });
    expect(ann!.keys).toEqual(['email:ann@example.com', 'phone:+491701234567']);
    const profile = await service['profile.get']({ shopId: SHOP_ID, customerId: annId });
    expect(profile.notes.map((n) => n.text)).toEqual(['Prefers email']);
    // Signed with where it came from (the shop's platform), as a member signs theirs.
    expect(profile.notes.map((n) => n.authorName)).toEqual(['demo']);
    const [tag] = await db.tags.toArray();
    expect(tag).toMatchObject({ name: 'VIP', deleted: false });
    expect(profile.tagIds).toEqual([tag!.id]);

    await service['tagging.remove']({ shopId: SHOP_ID, tagId: tag!.id, customerIds: [annId] });
    const { summary } = await importFile(service, file);
    expect(summary.customers.unchanged).toBe(1);
    const again = await service['profile.get']({ shopId: SHOP_ID, customerId: annId });
    expect(again.tagIds).toEqual([]);
    expect(again.notes).toHaveLength(1);
  });

  it('an order that changed since the last import is updated, its earlier figures kept', async () => {
    const { service, db } = freshOwnerService();
    await importFile(service, [{ orders: [shopifyOrder('#1', 'ann@example.com', 100)] }]);
    const { summary } = await importFile(service, [{ orders: [shopifyOrder('#1', 'ann@example.com', 100, { status: 'refunded' })] }]);
    expect(summary.orders).toEqual({ added: 0, updated: 1, unchanged: 0 });
    const [o] = await db.orders.toArray();
    expect(o).toMatchObject({ status: 'refunded', history: [{ status: 'paid' }] });
  });

  it('a buyer whose keys point at two customers goes to the one known by their own key, and is counted', async () => {
    const { service, db } = freshOwnerService();
    await service['page.seen']({
      shop: SHOP,
      orders: [],
      buyers: [
        { key: 'email:ann@example.com', otherKeys: [], displayName: 'Ann' },
        { key: 'phone:+8613800000000', otherKeys: [], displayName: 'Ann Lee' },
      ],
    });
    const { summary } = await importFile(service, [
      { orders: [{ ...shopifyOrder('#1', 'ann@example.com', 100), buyer: { key: 'email:ann@example.com', otherKeys: ['phone:+8613800000000'], displayName: 'Ann' } }] },
    ]);
    expect(summary.possibleDuplicates).toBe(1);
    expect((await db.orders.toArray())[0]!.customerId).toBe(customerIdOf(SHOP_ID, 'email:ann@example.com'));
    // The phone stays with the customer who had it until someone merges the two.
    expect((await db.customers.get(customerIdOf(SHOP_ID, 'email:ann@example.com')))!.keys).toEqual(['email:ann@example.com']);
    // ...and the owner finds the pair among the possible duplicates, by the phone the file gave.
    const groups = await service['customers.duplicates']({ shopId: SHOP_ID, limit: 10 });
    expect(groups.map((g) => [g.reason, g.value, g.customers.map((c) => c.displayName).sort()])).toEqual([
      ['phone', '+8613800000000', ['Ann', 'Ann Lee']],
    ]);
  });
});

describe('one commit over many batches (what the commit remembers between batches)', () => {
  const withPhone = (id: string, email: string, phone: string, amountMinor: number) => ({
    ...shopifyOrder(id, email, amountMinor),
    buyer: { key: `email:${email}`, otherKeys: [`phone:${phone}`], displayName: email.split('@')[0]! },
  });

  it('a buyer spread over many batches is one customer with the figures of all their orders', async () => {
    const { service, db } = freshOwnerService();
    const batches = Array.from({ length: 6 }, (_, i) => ({
      orders: [shopifyOrder(`#A${i}`, 'ann@example.com', 100 * (i + 1)), shopifyOrder(`#B${i}`, `b${i}@example.com`, 50)],
    }));
    const { summary } = await importFile(service, batches);
    expect(summary.customers).toEqual({ added: 7, updated: 0, unchanged: 0 });
    expect(summary.orders).toEqual({ added: 12, updated: 0, unchanged: 0 });
    const annId = customerIdOf(SHOP_ID, 'email:ann@example.com');
    expect(await db.customers.where('keys').equals('email:ann@example.com').count()).toBe(1);
    expect(await db.aggregates.get(annId)).toMatchObject({ orderCount: 6, totalMinor: 2100 });
    expect(await db.outbox.count()).toBe(6);
  });

  it('a key a later batch adds to a customer finds that customer in the batches after it, and an existing customer is found again', async () => {
    const { service, db } = freshOwnerService();
    await service['page.seen']({ shop: SHOP, orders: [], buyers: [{ key: 'customerId:5', otherKeys: ['email:ann@example.com'], displayName: 'Ann Lee' }] });
    const pageId = customerIdOf(SHOP_ID, 'customerId:5');
    const { summary } = await importFile(service, [
      { orders: [shopifyOrder('#1', 'ann@example.com', 100)] },
      { orders: [withPhone('#2', 'ann@example.com', '+15550001', 200)] },
      // Known here by the phone alone, which only batch 2 gave.
      { orders: [{ ...shopifyOrder('#3', 'x@example.com', 300), buyer: { key: 'phone:+15550001', otherKeys: [], displayName: 'Ann' } }] },
    ]);
    expect(summary.customers).toEqual({ added: 0, updated: 1, unchanged: 0 });
    expect(await db.customers.count()).toBe(1);
    expect((await db.customers.get(pageId))!.keys).toEqual(['customerId:5', 'email:ann@example.com', 'phone:+15550001']);
    expect((await db.orders.toArray()).map((o) => o.customerId)).toEqual([pageId, pageId, pageId]);
    expect(await db.aggregates.get(pageId)).toMatchObject({ orderCount: 3, totalMinor: 600 });
  });

  it('a buyer whose keys meet two customers created by earlier batches is counted once, in any batch', async () => {
    const { service, db } = freshOwnerService();
    const { summary } = await importFile(service, [
      { orders: [shopifyOrder('#1', 'ann@example.com', 100)] },
      { orders: [{ ...shopifyOrder('#2', 'x@example.com', 100), buyer: { key: 'phone:+15550001', otherKeys: [], displayName: 'Ann L' } }] },
      { orders: [withPhone('#3', 'ann@example.com', '+15550001', 100)] },
      { orders: [withPhone('#4', 'ann@example.com', '+15550001', 100)] },
    ]);
    expect(summary.customers.added).toBe(2);
    expect(summary.possibleDuplicates).toBe(1);
    const annId = customerIdOf(SHOP_ID, 'email:ann@example.com');
    expect((await db.orders.where('customerId').equals(annId).count())).toBe(3);
    expect((await db.customers.get(annId))!.keys).toEqual(['email:ann@example.com']);
  });

  it('a re-import that changes one order changes that order, its buyer\'s figures and nothing else', async () => {
    const { service, db } = freshOwnerService();
    const file = (refunded: boolean) =>
      Array.from({ length: 4 }, (_, i) => ({
        orders: [
          shopifyOrder(`#A${i}`, 'ann@example.com', 1000, refunded && i === 2 ? { status: 'refunded' } : {}),
          shopifyOrder(`#B${i}`, 'bob@example.com', 500),
        ],
      }));
    await importFile(service, file(false));
    const before = await snapshot(db);
    const again = await importFile(service, file(false));
    expect(again.summary.orders).toEqual({ added: 0, updated: 0, unchanged: 8 });
    expect(await snapshot(db)).toEqual(before);

    const { summary } = await importFile(service, file(true));
    expect(summary.orders).toEqual({ added: 0, updated: 1, unchanged: 7 });
    const after = await snapshot(db);
    const annId = customerIdOf(SHOP_ID, 'email:ann@example.com');
    const bobId = customerIdOf(SHOP_ID, 'email:bob@example.com');
    const figures = (snap: typeof before, id: string) => snap.aggregates!.find((a: { customerId: string }) => a.customerId === id);
    expect(figures(before, annId)).toMatchObject({ orderCount: 4, totalMinor: 4000 });
    // A refunded order no longer counts towards what the buyer spent.
    expect(figures(after, annId)).toMatchObject({ orderCount: 3, totalMinor: 3000 });
    expect(figures(after, bobId)).toEqual(figures(before, bobId));
    expect(after.customers).toEqual(before.customers);
    expect(after.outbox).toHaveLength(before.outbox!.length + 1);
  });

  it('an order a later batch gives to another buyer counts only for that buyer (a first import, figures unread)', async () => {
    const { service, db } = freshOwnerService();
    await importFile(service, [
      { orders: [shopifyOrder('#1', 'ann@example.com', 100), shopifyOrder('#2', 'ann@example.com', 200)] },
      { orders: [shopifyOrder('#2', 'bob@example.com', 200)] },
      { orders: [shopifyOrder('#1', 'bob@example.com', 100)] },
    ]);
    expect(await db.aggregates.get(customerIdOf(SHOP_ID, 'email:ann@example.com'))).toBeUndefined();
    expect(await db.aggregates.get(customerIdOf(SHOP_ID, 'email:bob@example.com'))).toMatchObject({ orderCount: 2, totalMinor: 300 });
  });

  it('into a shop with more customers than the file has rows, buyers are still found by their keys', async () => {
    const { service, db } = freshOwnerService();
    await service['page.seen']({
      shop: SHOP,
      orders: [order('P-1', '张三', 1000)],
      buyers: Array.from({ length: 6 }, (_, i) => ({ key: `customerId:${i}`, otherKeys: [`email:c${i}@example.com`], displayName: `C${i}` })),
    });
    const { summary } = await importFile(service, [
      { orders: [shopifyOrder('#1', 'c3@example.com', 100)] },
      { orders: [shopifyOrder('#2', 'new@example.com', 100), shopifyOrder('#3', 'c3@example.com', 200)] },
    ]);
    expect(summary.customers).toEqual({ added: 1, updated: 1, unchanged: 0 });
    const c3 = customerIdOf(SHOP_ID, 'customerId:3');
    expect(await db.aggregates.get(c3)).toMatchObject({ orderCount: 2, totalMinor: 300 });
    expect(await db.customers.get(customerIdOf(SHOP_ID, 'email:new@example.com'))).toMatchObject({ displayName: 'new' });
  });
});

describe('import commit: mutations the sync server can take', () => {
  it('a batch too large for one request body becomes several import.records entries, each under the limit, same result', async () => {
    const { bySize, IMPORT_MUTATION_MAX_CHARS } = await import('@/lib/db/import-commit');
    // 2,000 orders with long line items: about 2.6 MB of JSON in one staged batch.
    const items = Array.from({ length: 6 }, (_, i) => ({ name: `连衣裙 款式${i} ${'花'.repeat(150)}`, quantity: 1 }));
    const orders = Array.from({ length: 2000 }, (_, i) => order(`big-${i}`, `buyer${i % 300}`, 1000 + i, { items }));
    const parts = bySize(orders, []);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.flatMap((p) => p.orders)).toEqual(orders);
    for (const p of parts) expect(JSON.stringify(p).length).toBeLessThan(IMPORT_MUTATION_MAX_CHARS + 2_000);

    const { service, db } = freshOwnerService();
    const { summary } = await importFile(service, [{ orders }]);
    const entries = await db.outbox.toArray();
    const imports = entries.filter((e) => e.name === 'import.records');
    expect(imports.length).toBe(parts.length);
    for (const e of imports) expect(JSON.stringify(e.args).length).toBeLessThan(IMPORT_MUTATION_MAX_CHARS + 2_000);
    expect(await db.orders.count()).toBe(2000);
    expect(summary).toBeDefined();
  });

  it('small batches stay one mutation each', async () => {
    const { bySize } = await import('@/lib/db/import-commit');
    const orders = Array.from({ length: 50 }, (_, i) => order(`s-${i}`, `b${i}`, 100));
    expect(bySize(orders, [])).toEqual([{ orders, customers: [] }]);
    expect(bySize([], [])).toEqual([{ orders: [], customers: [] }]);
  });
});
